"""The entity types the workbench knows (a tiny module: the window imports it at start-up)."""

NAME_TYPES = ("ORG", "PERSON", "GPE", "LOC", "PRODUCT", "NORP")
VALUE_TYPES = ("MONEY", "DATE", "PERCENT", "CARDINAL", "QUANTITY")
ALL_TYPES = NAME_TYPES + VALUE_TYPES
