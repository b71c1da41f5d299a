"""The project store: the only module that speaks SQL.

A project is one SQLite file (WAL, synchronous=FULL, foreign keys on) that opens
as it is in ``sqlite3`` and Datasette.  Each public write method is one
transaction; callers group several with :meth:`Store.transaction`.
Every thread opens its own :class:`Store` on the same path.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .errors import StoreError
from .fs import writable_reason
from .schema import SCHEMA_VERSION
from .store_articles import Articles
from .store_claims import Claims
from .store_copies import Copies
from .store_entities import Entities
from .store_facts import Facts
from .store_members import MemberEdits
from .store_stories import Stories


def _database_problem(path, exc: sqlite3.DatabaseError) -> str:
    text = str(exc)
    if path is not None and str(path) != ":memory:" and "i/o error" in text.lower():
        wal, shm = Path(str(path) + "-wal"), Path(str(path) + "-shm")
        if shm.exists() and (not wal.exists() or wal.stat().st_size == 0):
            return (
                f"The write-ahead log of {path} ({wal.name}) is missing or empty while {shm.name} is still there: "
                "it was deleted while a workbench had the project open. Close every workbench using this "
                f"project (each one still holds the log and writes it back on closing), then open it again. "
                "Never delete the -wal and -shm files beside a project."
            )
    if "readonly" in text.lower():
        return f"{path} cannot be written ({text}); open it read-only or fix its permissions."
    if "unable to open" in text.lower():
        return f"Cannot open {path} ({text}): check that the file and its folder can be read."
    return f"{path} is not a workbench project or is damaged ({text})."


#: tables a workbench project may hold before its first schema step has recorded a version
_OUR_BOOKKEEPING = {"_sqlite_migrations"}


class Store:
    """One open project: the connection, its transactions, and the repositories that speak SQL for each kind
    of row (``store.articles``, ``store.entities``, ``store.claims``, ``store.members``, ``store.facts``,
    ``store.stories``, ``store.copies``)."""

    #: how long a write waits for another writer (another window, a command-line import) per attempt
    BUSY_TIMEOUT_MS = 10_000
    #: further attempts after the first wait, before the analyst is told the project is busy
    WRITE_RETRIES = 2

    def __init__(self, path: str | Path, *, readonly: bool = False, create: bool = True):
        self.path = Path(path) if str(path) != ":memory:" else None
        self.readonly = readonly
        #: why the project was opened read-only although writing was asked for (for the window and the CLI)
        self.readonly_reason: str | None = None
        #: this connection has its undo-recording triggers (core/ops.py)
        self.ops_armed = False
        self.articles = Articles(self)
        self.entities = Entities(self)
        self.claims = Claims(self)
        self.members = MemberEdits(self)
        self.facts = Facts(self)
        self.stories = Stories(self)
        self.copies = Copies(self)
        try:
            conn = sqlite3.connect(":memory:") if self.path is None else self._connect(create)
            self.conn = conn
            self._db: Any = None  # sqlite_utils.Database, made on first use
            conn.execute(f"PRAGMA busy_timeout = {int(self.BUSY_TIMEOUT_MS)}")
            conn.execute("PRAGMA foreign_keys = ON")
            # everything that refuses a file is decided before the file is changed in any way
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"{path} was made by a newer workbench (schema {version}); update workbench to open it."
                )
            if version == 0:
                self._refuse_foreign(path)
            if not self.readonly:
                mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
                if self.path is not None and mode.lower() != "wal":
                    raise StoreError(f"Could not switch {self.path} to write-ahead logging ({mode}).")
            conn.execute("PRAGMA synchronous = FULL")
            if version < SCHEMA_VERSION:
                if self.readonly:
                    raise StoreError(
                        (
                            f"{self.readonly_reason[:1].upper()}{self.readonly_reason[1:]}, and this project "
                            if self.readonly_reason
                            else "This project "
                        )
                        + "was made by an older workbench; open it once for writing to upgrade it."
                    )
                from .migrations import apply_all

                apply_all(self.db)
        except StoreError:
            self._close_quietly()
            raise
        except sqlite3.DatabaseError as exc:
            self._close_quietly()
            raise StoreError(_database_problem(path, exc)) from exc
        except OSError as exc:
            self._close_quietly()
            raise StoreError(f"Cannot open {path}: {exc.strerror or exc}.") from exc

    def _connect(self, create: bool) -> sqlite3.Connection:
        path = self.path
        assert path is not None  # a file, not ":memory:"
        if path.is_symlink():
            try:
                os.stat(path)
            except OSError as exc:
                if exc.errno == errno.ELOOP:
                    raise StoreError(
                        f"{path} is a symbolic link that leads back to itself (a loop); point it at a project file."
                    ) from None
                if exc.errno == errno.ENOENT:
                    raise StoreError(
                        f"{path} is a symbolic link to {os.readlink(path)}, which does not exist."
                    ) from None
                raise
        exists = path.exists()
        if not create and not exists:
            raise StoreError(f"There is no project at {path}.")
        if exists and path.is_dir():
            raise StoreError(f"{path} is a folder, not a project file.")
        if not self.readonly:
            reason = writable_reason(path)
            if reason and not exists:
                raise StoreError(f"Cannot create a project at {path}: {reason}.")
            if reason:
                self.readonly, self.readonly_reason = True, reason
        if not self.readonly:
            path.parent.mkdir(parents=True, exist_ok=True)
        uri = path.resolve().as_uri()
        if not self.readonly:
            return sqlite3.connect(uri, uri=True, timeout=self.BUSY_TIMEOUT_MS / 1000)
        conn = sqlite3.connect(uri + "?mode=ro", uri=True, timeout=self.BUSY_TIMEOUT_MS / 1000)
        try:
            conn.execute("PRAGMA user_version").fetchone()
            return conn
        except sqlite3.OperationalError:
            conn.close()
            if os.access(path.parent, os.W_OK):
                raise
        # a read-only folder: SQLite cannot make the shared-memory file a WAL reader needs; nobody can
        # write here either, so the file is read as it stands
        return sqlite3.connect(uri + "?immutable=1", uri=True)

    def _refuse_foreign(self, path) -> None:
        """A file with no workbench version but tables of its own is someone else's database: leave it be."""
        names = [
            r[0]
            for r in self.conn.execute(
                "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' "
                "ORDER BY name"
            )
        ]
        foreign = [n for n in names if n not in _OUR_BOOKKEEPING]
        if not foreign:
            return
        if "_sqlite_migrations" in names:
            ours = self.conn.execute(
                "SELECT count(*) FROM _sqlite_migrations WHERE migration_set = 'workbench'"
            ).fetchone()[0]
            if ours:
                return  # a project whose first schema steps were interrupted: finished on opening
        shown = ", ".join(foreign[:4]) + (f" and {len(foreign) - 4} more" if len(foreign) > 4 else "")
        raise StoreError(
            f"{path} is an SQLite database of another program (tables: {shown}), not a workbench "
            "project; it was left unchanged. Choose a new file name for a new project."
        )

    def _close_quietly(self) -> None:
        conn = getattr(self, "conn", None)
        if conn is not None:
            with contextlib.suppress(sqlite3.Error):
                conn.close()

    @property
    def db(self):
        """The sqlite-utils view of the connection (imported on first use: it is slow to import)."""
        if self._db is None:
            from sqlite_utils import Database

            self._db = Database(self.conn, execute_plugins=False)
        return self._db

    @classmethod
    def memory(cls) -> Store:
        return cls(":memory:")

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """One user action: everything inside commits together or not at all (nests as savepoints).

        The outermost level takes the write lock at once (``BEGIN IMMEDIATE``): a transaction that read
        first and upgraded later would fail at once when another process writes, whatever the busy
        timeout; this way it waits for the other writer, and tries again before giving up.
        """
        if self.conn.in_transaction:
            with self.db.atomic():
                yield
            return
        self._begin_write()
        try:
            yield
        except sqlite3.OperationalError as exc:
            self.conn.rollback()
            if "readonly" in str(exc).lower():  # the file or its folder became read-only while open
                raise StoreError(
                    f"{self.path} cannot be written now ({exc}); the change was not saved."
                ) from exc
            raise
        except BaseException:
            self.conn.rollback()
            raise
        try:
            self.conn.commit()
        except sqlite3.Error:
            # a deferred constraint (an undo that would leave a row without its parent) fails at commit:
            # nothing of the transaction is kept, and the connection is ready for the next one
            self.conn.rollback()
            raise

    def _read_only_error(self) -> StoreError:
        return StoreError(
            "This project is open read-only"
            + (f" ({self.readonly_reason})" if self.readonly_reason else "")
            + "; the change was not saved."
        )

    def _begin_write(self) -> None:
        if self.readonly:
            raise self._read_only_error()
        for attempt in range(self.WRITE_RETRIES + 1):
            try:
                self.conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                text = str(exc).lower()
                if "readonly" in text or "read-only" in text:
                    raise self._read_only_error() from exc
                if ("locked" not in text and "busy" not in text) or attempt == self.WRITE_RETRIES:
                    if "locked" in text or "busy" in text:
                        waited = (self.WRITE_RETRIES + 1) * self.BUSY_TIMEOUT_MS / 1000
                        raise StoreError(
                            f"The project is busy: another program has been writing to it for {waited:.0f} s. "
                            "Try again when it has finished."
                        ) from exc
                    raise

    def data_version(self) -> int:
        """Changes whenever another connection commits to the file (SQLite's PRAGMA data_version)."""
        return self.conn.execute("PRAGMA data_version").fetchone()[0]

    def pragma(self, name: str):
        # PRAGMA takes no parameters: only a plain identifier is accepted
        return self.conn.execute("PRAGMA " + name).fetchone()[0] if name.isidentifier() else None

    def integrity_check(self) -> str:
        return self.conn.execute("PRAGMA integrity_check").fetchone()[0]

    def backup_to(self, path: str | Path, progress=None) -> Path:
        """A consistent copy through SQLite's backup API (never a file copy), safe while others write.

        Written next to the destination and renamed into place, so a failed backup leaves no half file.
        """
        dest = Path(path)
        if self.path is not None and dest.resolve() == self.path.resolve():
            raise StoreError("Choose a different file for the copy than the project itself.")
        tmp = dest.with_name(dest.name + ".part")
        tmp.unlink(missing_ok=True)
        target = sqlite3.connect(tmp)
        try:
            self.conn.backup(
                target,
                pages=256,
                progress=(lambda status, remaining, total: progress(total - remaining, total, ""))
                if progress
                else None,
            )
            target.execute("PRAGMA journal_mode = DELETE")
            ok = target.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            target.close()
        if ok != "ok":
            tmp.unlink(missing_ok=True)
            raise StoreError(f"The copy failed its integrity check ({ok}); the project itself is unchanged.")
        tmp.replace(dest)
        return dest

    def applied_migrations(self) -> list[str]:
        from .migrations import migrations

        return [m.name for m in migrations.applied(self.db)]

    # ------------------------------------------------------------------ meta
    def get_meta(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction():
            self.conn.execute(
                "INSERT INTO meta(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [key, value],
            )
