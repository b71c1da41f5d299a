"""Locate the data files shipped with workbench (resources/ and seeds/)."""

from __future__ import annotations

from pathlib import Path

_PKG = Path(__file__).resolve().parent.parent


def _root(name: str) -> Path:
    # Installed wheel: data is copied into the package; source checkout: beside it.
    for candidate in (_PKG / "_data" / name, _PKG.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"workbench data folder '{name}' is missing from the installation")


def resource_path(name: str) -> Path:
    return _root("resources") / name


def seeds_dir() -> Path:
    return _root("seeds")
