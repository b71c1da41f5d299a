"""The core stays Qt-free and light: every module under workbench/core imports without the window, Qt, or
the heavy libraries that only some work needs (those load inside the functions that need them)."""

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import workbench.core

CORE = Path(workbench.core.__file__).parent
#: never below the core: the window, the command line, Qt
NOT_IN_CORE = ("PySide6", "shiboken6", "pyqtgraph", "workbench.ui", "workbench.cli")
#: loaded only when the work needs them (a parse, a language guess, near-duplicates, a format), never on import
HEAVY = (
    "spacy",
    "thinc",
    "ginza",
    "ja_ginza",
    "sudachipy",
    "sklearn",
    "lingua",
    "datasketch",
    "pypdf",
    "docx",
    "odf",
    "trafilatura",
)
#: the NLP boundary: the only core modules that may import spaCy and GiNZA (inside their functions)
NLP = ("spacy", "thinc", "ginza", "ja_ginza", "sudachipy")
NLP_BOUNDARY = {"workbench.core.nlp"}

# imports every module of a package one after the other and names, for each, what it brought in
_IMPORT_EACH = """
import importlib, json, pkgutil, sys
package = importlib.import_module(sys.argv[1])
names = sorted(m.name for m in pkgutil.walk_packages(package.__path__, package.__name__ + "."))
watched = tuple(sys.argv[2:])
brought = {}
for name in names:
    before = {m for m in sys.modules if m.split(".")[0] in watched or m.startswith(watched)}
    importlib.import_module(name)
    after = {m for m in sys.modules if m.split(".")[0] in watched or m.startswith(watched)}
    if after - before:
        brought[name] = sorted(after - before)[:5]
print(json.dumps({"modules": names, "brought": brought}))
"""


def _import_every_module(package, watched, path=None):
    env = {**os.environ, "PYTHONPATH": str(path)} if path else None
    r = subprocess.run(
        [sys.executable, "-c", _IMPORT_EACH, package, *watched],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def _core_module_names():
    return sorted(
        "workbench.core" + ("" if p.stem == "__init__" else "." + p.stem) for p in CORE.glob("*.py")
    )


def test_every_core_module_imports_without_qt_or_heavy_libraries():
    found = _import_every_module("workbench.core", NOT_IN_CORE + HEAVY)
    # the discovery found every module (a package added below core is found too: walk_packages recurses)
    assert set(found["modules"]) >= set(_core_module_names()) - {"workbench.core"}
    assert found["brought"] == {}


def test_the_import_check_names_the_module_that_loads_qt(tmp_path):
    """The negative case: in a package like the core, the module that imports PySide6 is named, and only it."""
    package = tmp_path / "probe_core"
    (package / "inner").mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "plain.py").write_text("import json\n", encoding="utf-8")
    (package / "inner" / "__init__.py").write_text("", encoding="utf-8")
    (package / "inner" / "window.py").write_text("from PySide6 import QtCore\n", encoding="utf-8")
    found = _import_every_module("probe_core", NOT_IN_CORE, path=tmp_path)
    assert found["modules"] == ["probe_core.inner", "probe_core.inner.window", "probe_core.plain"]
    assert list(found["brought"]) == ["probe_core.inner.window"]
    assert "PySide6" in found["brought"]["probe_core.inner.window"]


def _imported(node, package="workbench.core"):
    """The absolute names an import statement loads (relative ones resolved from the core package)."""
    if isinstance(node, ast.Import):
        return [a.name for a in node.names]
    base = package.rsplit(".", node.level - 1)[0] if node.level else ""
    module = ".".join(x for x in (base, node.module) if x)
    return [module] if node.module else [f"{module}.{a.name}" for a in node.names]


def _top_level_imports(node):
    """Imports that run when the module is imported: not inside a function, nor under `if TYPE_CHECKING:`."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            continue
        if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
            continue
        if isinstance(child, (ast.Import, ast.ImportFrom)):
            yield child.lineno, _imported(child)
        else:
            yield from _top_level_imports(child)


def _all_imports(tree):
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node.lineno, _imported(node)


def _any_of(names, prefixes):
    return any(n == p or n.startswith(p + ".") for n in names for p in prefixes)


def test_heavy_libraries_are_imported_inside_functions_and_spacy_only_at_the_nlp_boundary():
    top_level, outside_boundary = [], []
    for path in sorted(CORE.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for line, names in _top_level_imports(tree):
            if _any_of(names, HEAVY + NOT_IN_CORE):
                top_level.append(f"{path.name}:{line} {names}")
        if f"workbench.core.{path.stem}" not in NLP_BOUNDARY:
            outside_boundary += [
                f"{path.name}:{n} {names}" for n, names in _all_imports(tree) if _any_of(names, NLP)
            ]
    assert top_level == []
    assert outside_boundary == []
    # the boundary itself loads spaCy, inside its functions
    nlp_tree = ast.parse((CORE / "nlp.py").read_text(encoding="utf-8"))
    assert any(_any_of(names, ["spacy"]) for _line, names in _all_imports(nlp_tree))


def test_the_import_scan_resolves_what_a_statement_loads():
    tree = ast.parse(
        "import json\n"
        "from ..ui import panes\n"
        "from . import store\n"
        "from .nlp import recognizer\n"
        "if TYPE_CHECKING:\n    import spacy\n"
        "def f():\n    import pyqtgraph\n"
        "try:\n    import PySide6.QtCore\nexcept ImportError:\n    pass\n"
    )
    assert [names for _line, names in _top_level_imports(tree)] == [
        ["json"],
        ["workbench.ui"],
        ["workbench.core.store"],
        ["workbench.core.nlp"],
        ["PySide6.QtCore"],
    ]
    assert _any_of(["workbench.ui"], NOT_IN_CORE) and not _any_of(["workbench.uikit"], NOT_IN_CORE)


def test_the_command_line_imports_no_qt():
    code = (
        "import sys, workbench.cli\n"
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
        "'workbench.ui.models', 'sqlite_utils', 'workbench.core.store', 'pyqtgraph', 'spacy', "
        "'ginza', 'ja_ginza'))]\n"
        "win.shutdown(); print(bad); sys.exit(1 if bad else 0)"
    )
    r = subprocess.run(
        [sys.executable, "-c", code, str(seeded_copy), str(tmp_path / "s.ini")],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stdout + r.stderr
