"""The schema version a project file must have: the number of steps in migrations.py.

Kept in its own tiny module so that opening a current project imports nothing heavy.
"""

SCHEMA_VERSION = 8  # m001…m007 and m010 (m008, m009 come from other branches: 10 once merged)
