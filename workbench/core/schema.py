"""The schema version a project file must have: the number of steps in migrations.py.

Kept in its own tiny module so that opening a current project imports nothing heavy.
"""

# m012 (copies, cached origins) is the 8th step on this branch; 12 once m008-m011 are merged
SCHEMA_VERSION = 8
