"""Functions that run on a worker thread (see tasks.py); each opens its own Store.

Each imports the part of the core it runs where it runs: the worker pays for it, not the window's start.
"""

from __future__ import annotations

from pathlib import Path


def _project(db_path: Path, readonly: bool = False):
    """The task's own connection to the project (SQLite connections never cross threads)."""
    from ..core.store import Store

    return Store(db_path, readonly=readonly)


def import_task(progress, cancel, db_path: Path, paths: list[str]):
    from ..core import service

    with _project(db_path) as store:
        return service.import_articles(store, paths, progress=progress, cancel=cancel)


def seed_task(progress, cancel, db_path: Path):
    from ..core import service

    with _project(db_path) as store:
        return service.build_from_seeds(store, progress=progress, cancel=cancel)


def pending_task(progress, cancel, db_path: Path) -> int:
    """How many articles need their entities recognised (the check loads the language pipelines' versions)."""
    from ..core.extraction import pending

    with _project(db_path, readonly=True) as store:
        return pending(store)


def extract_task(progress, cancel, db_path: Path) -> dict:
    from ..core import service

    with _project(db_path) as store:
        return service.update_extraction(store, progress=progress, cancel=cancel)


def brief_task(progress, cancel, db_path: Path, path: str):
    from ..core import brief

    with _project(db_path, readonly=True) as store:
        progress(0, 1, "writing the brief")
        return path, brief.write(store, path)


def qdpx_task(progress, cancel, db_path: Path, path: str):
    from ..core import refi

    with _project(db_path, readonly=True) as store:  # the entities recognised so far, as the brief does
        return path, refi.write_qdpx(store, path, progress=progress)


def copy_task(progress, cancel, db_path: Path, dest: str):
    with _project(db_path, readonly=True) as store:
        return str(store.backup_to(dest, progress=progress))


def export_task(progress, cancel, db_path: Path, names: list[str], folder: str, excel: bool):
    done = []
    with _project(db_path, readonly=True) as store:
        from ..core import export as X

        for i, item in enumerate(X.export_tables(store, names, Path(folder), excel=excel)):
            progress(i + 1, len(names), item[0])
            done.append(item)
            if cancel.is_set():
                break
    return done


def members_task(progress, cancel, db_path: Path, article_ids):
    from ..core.members import tables

    with _project(db_path, readonly=True) as store:
        return tables(store, article_ids)


def entity_rows_task(progress, cancel, db_path: Path, types, text: str, article_id):
    with _project(db_path, readonly=True) as store:
        return store.entities.rows(types, text, article_id)


def search_task(progress, cancel, db_path: Path, text: str, limit: int):
    """A search on its own read-only connection: typing never waits for the database."""
    with _project(db_path, readonly=True) as store:
        return store.articles.search(text, limit=limit)
