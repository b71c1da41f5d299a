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
        "bad = [m for m in sys.modules if m.startswith(('spacy', 'pyqtgraph', 'sklearn', 'thinc'))]\n"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
