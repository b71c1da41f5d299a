"""Issue 18: nothing lost, nothing hung, nothing doubled (kills, second processes, hostile input)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

# a process that starts an export and is SIGKILLed after writing half of it
_KILLED_EXPORT = textwrap.dedent(
    """
    import os, signal, sys
    from workbench import cli
    from workbench.core import export as X

    fields, rows = X.TABLES["articles"]

    def dying(store):
        for i, row in enumerate(rows(store)):
            yield row
            if i == 2:
                sys.stdout.flush()
                os.kill(os.getpid(), signal.SIGKILL)

    X.TABLES["articles"] = (fields, dying)
    cli.main(["--db", sys.argv[1], "export", "articles", "-o", sys.argv[2]])
    """
)


def test_export_killed_midway_leaves_the_previous_file(seeded_copy, tmp_path):
    out = tmp_path / "articles.csv"
    out.write_text("the previous export\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-c", _KILLED_EXPORT, str(seeded_copy), str(out)], timeout=120)
    assert proc.returncode == -9
    assert out.read_text(encoding="utf-8") == "the previous export\n"


def test_export_that_finishes_replaces_the_file(seeded_copy, tmp_path):
    from workbench import cli

    out = tmp_path / "articles.csv"
    out.write_text("the previous export\n", encoding="utf-8")
    assert cli.main(["--db", str(seeded_copy), "export", "articles", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("id,title")
    assert not (tmp_path / "articles.csv.part").exists()
