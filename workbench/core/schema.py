"""The schema version a project file must have: the number of the newest step in migrations.py (mNNN_).

Kept in its own tiny module so that opening a current project imports nothing heavy.
"""

SCHEMA_VERSION = 15
