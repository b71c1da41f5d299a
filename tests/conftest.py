import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("XDG_RUNTIME_DIR", "/tmp")

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
BBC = ROOT.parent / "shared" / "corpora" / "bbc"


@pytest.fixture
def store():
    from workbench.core.store import Store

    s = Store.memory()
    yield s
    s.close()


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "project.workbench.db"


@pytest.fixture(scope="session")
def seeded_db(tmp_path_factory):
    """A project file holding the five seeds with their entities; copy it before writing to it."""
    from workbench.core.service import build_from_seeds
    from workbench.core.store import Store

    path = tmp_path_factory.mktemp("seeded") / "seeds.workbench.db"
    with Store(path) as s:
        build_from_seeds(s)
    return path


@pytest.fixture
def seeded_copy(seeded_db, tmp_path):
    """A writable copy of the seeded project (made with SQLite's backup API)."""
    import sqlite3

    dest = tmp_path / "copy.workbench.db"
    src = sqlite3.connect(seeded_db)
    dst = sqlite3.connect(dest)
    src.backup(dst)
    src.close()
    dst.close()
    return dest


@pytest.fixture
def qsettings(tmp_path):
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat)


def pytest_report_header(config):
    return f"bbc corpus: {'present' if BBC.is_dir() else 'missing'} ({BBC})"


def pytest_configure(config):
    config.addinivalue_line("markers", "japanese: needs GiNZA (loaded once per session, about 4 s)")


@pytest.fixture(scope="session")
def ginza():
    """The Japanese pipeline, loaded at most once per test session."""
    from workbench.core.nlp import recognizer

    return recognizer("ja")


def open_ready(qtbot, path, qsettings):
    """The real window on a project, shown and started, once it says the project is ready: (window, lock)."""
    from workbench.ui.app import open_window

    win, lock = open_window(path, settings=qsettings)
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.sig_project_ready, timeout=10000):
        win.start()
    return win, lock


@pytest.fixture
def window(qtbot, seeded_copy, qsettings):
    """The window on a copy of the seeded project."""
    win, _lock = open_ready(qtbot, seeded_copy, qsettings)
    yield win
    win.close()
