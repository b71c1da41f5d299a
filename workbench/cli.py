"""Command line: ``workbench [gui|ingest|export|search] ...``.

Qt is imported only for the gui command.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path
from typing import TYPE_CHECKING

from .core import project
from .core.errors import StoreError

if TYPE_CHECKING:
    from .core.store import Store


def _common(parser: argparse.ArgumentParser, suppress: bool, default_path: Path) -> None:
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--db", metavar="PATH", default=default, help=f"project file (default: {default_path})"
    )
    parser.add_argument(
        "--no-seeds",
        action="store_true",
        default=argparse.SUPPRESS if suppress else False,
        help="start a new project empty instead of with the bundled seed articles",
    )


def build_parser() -> argparse.ArgumentParser:
    from .core import export as X

    default_path = project.default_project_path()
    p = argparse.ArgumentParser(
        prog="workbench",
        description="Analyst workbench: articles, entities, members and stakes, source comparison, claims. "
        "With no command, opens the window.",
    )
    _common(p, suppress=False, default_path=default_path)
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    g = sub.add_parser("gui", help="open the window (the default)", description="Open the workbench window.")
    _common(g, suppress=True, default_path=default_path)
    g.add_argument(
        "--screenshot",
        metavar="FILE.png",
        help="render the main window once the project is loaded, save it as PNG and exit",
    )
    g.add_argument("--size", metavar="WxH", default="1400x900", help="window size for --screenshot")

    i = sub.add_parser(
        "ingest",
        help="add article files or folders to the project",
        description="Add .txt, .md, .html, .pdf, .docx and .odt files (folders are searched recursively). "
        "Prints what was added, what was a duplicate and what was refused and why.",
    )
    _common(i, suppress=True, default_path=default_path)
    i.add_argument("paths", nargs="+", metavar="PATH")
    i.add_argument(
        "-q", "--quiet", action="store_true", help="print only duplicates, refusals and the summary"
    )
    i.add_argument(
        "--no-extract",
        action="store_true",
        help="do not recognise entities now (they are recognised the next time they are needed)",
    )

    e = sub.add_parser("export", help="write a table as CSV", description="Write a table as CSV (UTF-8).")
    _common(e, suppress=True, default_path=default_path)
    e.add_argument(
        "table",
        choices=[*X.TABLES, "all", "annotations", "qdpx", "ftm"],
        help="which table; 'annotations' writes the claims as W3C Web Annotations (JSON-LD); 'ftm' the "
        "members of a venture as followthemoney entities (JSON lines); 'qdpx' "
        "writes a REFI-QDA project (articles, entity types, claim verdicts and tags as codes) for NVivo, "
        "MAXQDA, ATLAS.ti or QualCoder",
    )
    e.add_argument(
        "-o", "--output", metavar="FILE", help="output file (default: standard output); a folder for 'all'"
    )
    e.add_argument("--excel", action="store_true", help="write a BOM so Excel reads non-Latin text correctly")
    e.add_argument(
        "--venture",
        metavar="NAME",
        help="for 'members' and 'ftm': the venture whose members to write (default: the most reported one)",
    )

    im = sub.add_parser(
        "import",
        help="import claims from W3C Web Annotations",
        description="Import claims from a W3C Web Annotation file (JSON-LD). Targets are matched "
        "to articles by their SHA-256, else by quote; unmatched annotations are reported.",
    )
    _common(im, suppress=True, default_path=default_path)
    im.add_argument("kind", choices=["annotations"])
    im.add_argument("file", metavar="FILE.jsonld")
    im.add_argument("--author", default="", help="author for annotations that name none")

    b = sub.add_parser(
        "brief",
        help="write the analyst brief (Markdown or HTML)",
        description="A self-contained report: members and stakes, the statements on which the sources "
        "differ, and every claim with its verdict, note and evidence.",
    )
    _common(b, suppress=True, default_path=default_path)
    b.add_argument(
        "-o", "--output", metavar="FILE", help="FILE.md or FILE.html (default: Markdown on standard output)"
    )
    b.add_argument("--html", action="store_true", help="HTML on standard output")
    b.add_argument(
        "--venture", metavar="NAME", help="whose members the brief lists (default: the most reported venture)"
    )

    s = sub.add_parser(
        "search",
        help="full-text search",
        description="Ranked full-text search with snippets. "
        'Words must all occur; "quoted phrase", -exclude, OR, prefix*.',
    )
    _common(s, suppress=True, default_path=default_path)
    s.add_argument("query", metavar="QUERY", nargs="*", help="the search; words starting with '-' exclude")
    s.add_argument("-n", "--limit", type=int, default=20, help="at most this many hits (default 20)")

    for name, what in (("undo", "undo the newest change"), ("redo", "redo the change undone last")):
        u = sub.add_parser(
            name,
            help=what + " (the window's Edit → " + name.capitalize() + " does the same)",
            description=what[:1].upper() + what[1:] + " made to the project, in the window or here. "
            "Changes are kept in the project file, so this works after a restart.",
        )
        _common(u, suppress=True, default_path=default_path)
        u.add_argument("-n", "--steps", type=int, default=1, help="how many changes (default 1)")
    h = sub.add_parser(
        "history",
        help="list the changes that can be undone and redone",
        description="The newest changes first: what each did, when, and whether it is undone.",
    )
    _common(h, suppress=True, default_path=default_path)
    h.add_argument("-n", "--limit", type=int, default=20, help="at most this many (default 20)")
    d = sub.add_parser(
        "delete",
        help="delete articles (undoable)",
        description="Delete articles by id, with their claims, evidence and entity fixes; `workbench undo` "
        "puts everything back.",
    )
    _common(d, suppress=True, default_path=default_path)
    d.add_argument("ids", nargs="+", type=int, metavar="ARTICLE_ID")
    return p


def _open(args, out=None) -> Store:
    from .core.store import Store

    out = out or sys.stderr
    path = project.resolve(args.db)
    store = Store(path)
    if store.readonly_reason:
        print(f"workbench: {store.readonly_reason}: the project is open read-only.", file=out)
    if project.needs_seeding(store):
        if args.no_seeds:
            project.mark_unseeded_project(store)
        else:
            print(f"New project at {path}: adding the bundled seed articles.", file=out)
            from .core.service import build_from_seeds

            build_from_seeds(store)
    return store


def cmd_ingest(args) -> int:
    from .core.service import import_articles

    with _open(args) as store:

        def progress(done, total, label):
            if total > 50 and done % 250 == 0 and done:
                print(f"  … {label.split(':')[0]} {done}/{total}", file=sys.stderr)

        result = import_articles(store, args.paths, progress=progress, extract=not args.no_extract)
        report = result.report
        languages = (
            {}
            if args.quiet
            else {aid: s.language for aid, s in store.articles.summaries(report.added_ids).items()}
        )
        for r in report.results:
            if r.status == "added":
                if not args.quiet:
                    lang = languages.get(r.article_id) if r.article_id is not None else None
                    print(f"added      #{r.article_id:<6} {lang or '--':<3} {r.path}")
                for w in r.warnings:
                    print(f"  warning: {w}")
            elif r.status == "duplicate":
                print(f"duplicate          {r.path}  ({r.reason})")
            elif r.status == "refused":
                print(f"refused            {r.path}  ({r.reason})")
            else:
                if not args.quiet:
                    print(f"skipped            {r.path}  ({r.reason})")
        print(result.summary())
        if result.op is not None:
            print("(`workbench undo` removes this import again)", file=sys.stderr)
        return 1 if report.refused and not report.added else 0


def cmd_export(args) -> int:
    from .core import export as X

    with _open(args) as store:
        if args.table == "annotations":
            from .core.annotations import write_annotations

            if not args.output:
                print("workbench: 'export annotations' needs -o FILE.jsonld", file=sys.stderr)
                return 2
            n = write_annotations(store, args.output)
            print(f"{n} annotation(s) written to {args.output}", file=sys.stderr)
            return 0
        if args.table == "qdpx":
            from .core.refi import write_qdpx

            if not args.output:
                print("workbench: 'export qdpx' needs -o FILE.qdpx", file=sys.stderr)
                return 2
            _ensure_extracted(store, ["mentions"])
            done = write_qdpx(store, args.output)
            print(
                f"{done.sources} article(s), {done.codes} code(s), {done.claim_selections} claim(s) and "
                f"{done.mention_selections} entity mention(s) written to {args.output}",
                file=sys.stderr,
            )
            if done.skipped_claims:
                print(
                    f"{done.skipped_claims} claim(s) whose place in the text is lost were left out",
                    file=sys.stderr,
                )
            return 0
        venture_id = None
        if getattr(args, "venture", None):
            from .core.members import find_venture

            _ensure_extracted(store, ["members"])
            venture_id = find_venture(store, args.venture)
            if venture_id is None:
                print(f"workbench: no venture named '{args.venture}' in this project", file=sys.stderr)
                return 2
        if args.table == "ftm":
            import json
            import os

            from .core.members import ftm_entities

            _ensure_extracted(store, ["members"])
            lines = [json.dumps(e, ensure_ascii=False) for e in ftm_entities(store, venture_id)]
            if args.output:
                part = f"{args.output}.part"
                with open(part, "w", encoding="utf-8", newline="\n") as fh:
                    fh.write("\n".join(lines) + "\n")
                os.replace(part, args.output)
                print(f"{len(lines)} followthemoney entities written to {args.output}", file=sys.stderr)
            else:
                sys.stdout.write("\n".join(lines) + "\n")
            return 0
        if args.table == "members" and venture_id is not None:
            from .core.members import export_rows

            fields, _rows = X.TABLES["members"]
            if args.output:
                part = f"{args.output}.part"
                with open(part, "w", encoding="utf-8-sig" if args.excel else "utf-8", newline="") as fh:
                    X.write_csv(export_rows(store, venture_id), fields, fh)
                Path(part).replace(args.output)
            else:
                X.write_csv(export_rows(store, venture_id), fields, sys.stdout)
            return 0
        if args.table == "all":
            if not args.output:
                print("workbench: 'export all' needs -o FOLDER", file=sys.stderr)
                return 2
            _ensure_extracted(store, list(X.TABLES))
            for name, n, path in X.export_tables(store, X.TABLES, Path(args.output), excel=args.excel):
                print(f"{name}: {n} row(s) -> {path}")
            return 0
        _ensure_extracted(store, [args.table])
        if args.output:
            n = X.write_table(store, args.table, args.output, excel=args.excel)
            print(f"{n} {args.table} row(s) written to {args.output}", file=sys.stderr)
        else:
            fields, rows = X.TABLES[args.table]
            if args.excel:
                sys.stdout.write("\ufeff")
            X.write_csv(rows(store), fields, sys.stdout)
    return 0


def _ensure_extracted(store, tables) -> None:
    """Tables built on entities need every article's extraction (cached ones cost nothing)."""
    if set(tables) & {"entities", "mentions", "members", "comparison", "findings"}:
        from .core.service import update_extraction

        done = update_extraction(store)
        if done.get("articles"):
            print(f"Recognised entities in {done['articles']} article(s) first.", file=sys.stderr)


def _readable_argument(text: str) -> str:
    """A command-line argument that was not UTF-8 arrives with lone surrogates; read those bytes as Latin-1
    (cp1252), the usual other encoding of a terminal, and say so."""
    if not any("\udc80" <= ch <= "\udcff" for ch in text):
        return text
    raw = text.encode("utf-8", "surrogateescape")
    fixed = raw.decode("cp1252", "replace")
    print(f"workbench: the search was not UTF-8; read as Latin-1: {fixed}", file=sys.stderr)
    return fixed


def cmd_search(args) -> int:
    args.query = _readable_argument(args.query)
    with _open(args) as store:
        hits, message = store.articles.search(
            args.query, limit=max(1, args.limit), snippets=max(1, args.limit)
        )
        if not hits:
            print(message or "No article matches.")
            return 0
        if message:  # e.g. only the newest matches were ranked: a note, kept off standard output
            print(message, file=sys.stderr)
        for rank, h in enumerate(hits, 1):
            print(f"{rank:>3}. #{h.article_id} {h.title}")
            print(f"     {h.snippet}")
        return 0


def cmd_import(args) -> int:
    from .core.annotations import import_annotations

    with _open(args) as store:
        try:
            report = import_annotations(store, args.file, author=args.author)
        except ValueError as exc:
            print(f"workbench: {exc}", file=sys.stderr)
            return 2
        for line in report.unmatched:
            print(f"not placed  {line}")
        print(report.summary())
        return 0 if report.added or not report.unmatched else 1


def cmd_brief(args) -> int:
    from .core import brief

    with _open(args) as store:
        _ensure_extracted(store, ["members"])
        venture_id = None
        if args.venture:
            from .core.members import find_venture

            venture_id = find_venture(store, args.venture)
            if venture_id is None:
                print(f"workbench: no venture named '{args.venture}' in this project", file=sys.stderr)
                return 2
        if args.output:
            kind = brief.write(store, args.output, venture_id)
            print(f"brief ({kind}) written to {args.output}", file=sys.stderr)
        else:
            sys.stdout.write(
                brief.html_report(store, venture_id) if args.html else brief.markdown(store, venture_id)
            )
    return 0


def cmd_undo(args) -> int:
    from .core import ops

    flip = ops.undo if args.command == "undo" else ops.redo
    with _open(args) as store:
        for _ in range(max(1, args.steps)):
            result = flip(store)
            print(f"{'Undone' if flip is ops.undo else 'Redone'}: {result.label}")
    return 0


def cmd_history(args) -> int:
    from .core import ops

    with _open(args) as store:
        entries = ops.history(store, limit=max(1, args.limit))
        if not entries:
            print("No changes to undo or redo.")
        for op in entries:
            state = "" if op.done else "  (undone)"
            print(f"{op.id:>5}  {op.created_at}  {op.label}{state}")
    return 0


def cmd_delete(args) -> int:
    from .core import ops

    with _open(args) as store:
        missing = [i for i in args.ids if store.articles.get(i) is None]
        if missing:
            print(
                f"workbench: no article with id {', '.join(map(str, missing))}; nothing deleted.",
                file=sys.stderr,
            )
            return 2
        result = ops.delete_articles(store, args.ids)
        print(f"{result.label}; `workbench undo` puts them back.")
    return 0


def cmd_gui(args) -> int:
    from .ui.app import run

    return run(
        db=project.resolve(args.db),
        seed=not args.no_seeds,
        screenshot=getattr(args, "screenshot", None),
        size=getattr(args, "size", "1400x900"),
    )


def _log_crash() -> Path | None:
    try:
        from platformdirs import user_log_path

        log = user_log_path("workbench", appauthor=False) / "crash.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        with open(log, "a", encoding="utf-8") as fh:
            traceback.print_exc(file=fh)
        return log
    except OSError:
        return None


#: what the parser makes of a bare ``workbench`` (tested): the window on the default project
_PLAIN_START = argparse.Namespace(db=None, no_seeds=False, command=None)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv:  # the quick start: open the window without building the parser (it costs ~10 ms)
        args, extra = argparse.Namespace(**vars(_PLAIN_START)), list[str]()
    else:
        parser = build_parser()
        args, extra = parser.parse_known_args(argv)
    command = args.command or "gui"
    if command == "search":
        # "-profit" is a search term (exclude), not an option
        args.query = " ".join([*args.query, *extra])
    elif extra:
        parser.error("unrecognised arguments: " + " ".join(extra))
    handler = {
        "gui": cmd_gui,
        "ingest": cmd_ingest,
        "export": cmd_export,
        "search": cmd_search,
        "import": cmd_import,
        "brief": cmd_brief,
        "undo": cmd_undo,
        "redo": cmd_undo,
        "history": cmd_history,
        "delete": cmd_delete,
    }[command]
    try:
        return handler(args)
    except StoreError as exc:
        print(f"workbench: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print("workbench: interrupted", file=sys.stderr)
        return 130
    except OSError as exc:
        print(
            f"workbench: {exc.strerror or exc}" + (f": {exc.filename}" if exc.filename else ""),
            file=sys.stderr,
        )
        return 2
    except Exception as exc:  # noqa: BLE001 - never show a traceback to a user
        log = _log_crash()
        print(
            f"workbench: unexpected error: {exc!s}" + (f" (details in {log})" if log else ""), file=sys.stderr
        )
        return 3


if __name__ == "__main__":
    sys.exit(main())
