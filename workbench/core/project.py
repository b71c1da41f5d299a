"""Where projects live and how a new one is built from the bundled seeds."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .resources import seeds_dir

if TYPE_CHECKING:  # the window names it before the store module is loaded
    from .store import Store

PROJECT_SUFFIX = ".workbench.db"


def default_project_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path("workbench", appauthor=False) / f"project{PROJECT_SUFFIX}"


def resolve(path: str | Path | None) -> Path:
    return Path(path).expanduser() if path else default_project_path()


def needs_seeding(store: Store) -> bool:
    """A project is seeded once; an interrupted seeding is finished on the next start."""
    return store.get_meta("seeded") is None


def seed(store: Store, progress=None, cancel=None):
    from .ingest import ingest

    report = ingest(store, [seeds_dir()], progress=progress, cancel=cancel)
    if not report.cancelled:
        store.set_meta("seeded", "bundled seeds")
    return report


def mark_unseeded_project(store: Store) -> None:
    """Record that this project was deliberately started empty."""
    if needs_seeding(store):
        store.set_meta("seeded", "none")
