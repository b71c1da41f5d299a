"""Colours of entity types (soft backgrounds readable on light and dark text)."""

from __future__ import annotations

from PySide6.QtGui import QColor

TYPE_COLORS = {
    "ORG": "#cfe3ff",
    "PERSON": "#ffd8b5",
    "GPE": "#d4f2d0",
    "LOC": "#d4f2d0",
    "MONEY": "#fff1a8",
    "DATE": "#e6d9ff",
    "PERCENT": "#ffe0ec",
    "CARDINAL": "#e8e8e8",
    "QUANTITY": "#e8e8e8",
    "PRODUCT": "#c9f1ee",
    "NORP": "#f0e6d2",
}
TYPE_LABELS = {
    "ORG": "Organisation",
    "PERSON": "Person",
    "GPE": "Place",
    "LOC": "Location",
    "MONEY": "Money",
    "DATE": "Date",
    "PERCENT": "Percent",
    "CARDINAL": "Count",
    "QUANTITY": "Quantity",
    "PRODUCT": "Product",
    "NORP": "Group",
}
LEGEND = [
    ("ORG", "Organisations"),
    ("PERSON", "People"),
    ("GPE", "Places"),
    ("MONEY", "Money"),
    ("DATE", "Dates"),
    ("PERCENT", "Percent"),
    ("CARDINAL", "Counts"),
    ("PRODUCT", "Products"),
    ("NORP", "Groups"),
]
#: legend entries that also switch these types
LEGEND_GROUPS = {"GPE": ("GPE", "LOC"), "CARDINAL": ("CARDINAL", "QUANTITY")}


def color(type_: str) -> QColor:
    return QColor(TYPE_COLORS.get(type_, "#eeeeee"))
