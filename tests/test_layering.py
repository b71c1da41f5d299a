import subprocess
import sys


def test_core_imports_no_qt():
    code = (
        "import sys, workbench.core.store, workbench.core.ingest, workbench.core.project, "
        "workbench.core.export, workbench.core.lock, workbench.cli\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'pyqtgraph', 'workbench.ui', 'spacy'))]\n"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_gui_start_path_imports_nothing_heavy():
    code = (
        "import sys, os; os.environ['QT_QPA_PLATFORM']='offscreen'\n"
        "import workbench.ui.app\n"
        "bad = [m for m in sys.modules if m.startswith(('spacy', 'pyqtgraph', 'sklearn', 'thinc', 'ginza', "
        "'sudachipy', 'lingua', 'ja_ginza'))]\n"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_window_paints_before_importing_its_panes(seeded_copy, tmp_path):
    """Start-up budget: the first paint needs neither the panes, the dialogs nor the store."""
    code = (
        "import sys, os; os.environ['QT_QPA_PLATFORM']='offscreen'\n"
        "from pathlib import Path\n"
        "from PySide6.QtCore import QSettings\n"
        "from workbench.ui.app import _application, open_window\n"
        "app = _application()\n"
        "win, lock = open_window(Path(sys.argv[1]), settings=QSettings(sys.argv[2], QSettings.IniFormat))\n"
        "win.show(); app.processEvents()\n"
        "bad = [m for m in sys.modules if m.startswith(('workbench.ui.panes', 'workbench.ui.dialogs', "
        "'workbench.ui.models', 'sqlite_utils', 'sqlite3', 'workbench.core.store', 'pyqtgraph', 'spacy', "
        "'ginza', 'ja_ginza'))]\n"
        "win.shutdown(); print(bad); sys.exit(1 if bad else 0)"
    )
    r = subprocess.run(
        [sys.executable, "-c", code, str(seeded_copy), str(tmp_path / "s.ini")],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stdout + r.stderr
