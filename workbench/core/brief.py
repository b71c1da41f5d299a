"""The analyst brief: a self-contained Markdown or HTML report a colleague can read without the app.

Members and stakes, the statements on which the sources differ (with who says what),
and every claim with its verdict, note and evidence quotes. In HTML every piece of
text from the articles or the analyst is escaped, so nothing in it runs or loads.
"""

from __future__ import annotations

import datetime as _dt
import html

from .compare import compare
from .findings import FindingKind
from .members import members


def _md(text) -> str:
    """Markdown-safe inline text: no table breaks, no markup from the articles."""
    text = " ".join(str(text).split())
    for ch in "\\`*_[]<>|#":
        text = text.replace(ch, "\\" + ch)
    return text


def build(store, venture_id: int | None = None) -> dict:
    venture, rows = members(store, venture=venture_id)
    comp = compare(store)
    titles = {a: s.title for a, s in store.articles.summaries(store.articles.ids()).items()}
    claims = []
    for c in store.claims.matching():
        claims.append((c, store.claims.evidence(c.id)))
    return {
        "venture": venture,
        "members": [r for r in rows if r.status != "rejected"],
        "comparison": comp,
        "titles": titles,
        "claims": claims,
        "generated": _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def markdown(store, venture_id: int | None = None) -> str:
    d = build(store, venture_id)
    comp, titles = d["comparison"], d["titles"]
    out = [
        f"# Analyst brief: {_md(d['venture'])}",
        "",
        f"Generated {d['generated']} from {len(titles)} article(s) and "
        f"{comp.independent_count} independent origin(s) (copies and shared origins counted once).",
        "",
        "## Sources",
        "",
        "| # | Article | Origin |",
        "|---|---|---|",
    ]
    for aid in comp.article_ids:
        copy = comp.copy_line(aid)
        origin = comp.origins[aid].label + (f"; {copy}" if copy else "")
        out.append(f"| {aid} | {_md(titles.get(aid, ''))} | {_md(origin)} |")
    out += [
        "",
        "## Members and stakes",
        "",
        "| Organisation | Role | Stake | Sources | Status |",
        "|---|---|---|---|---|",
    ]
    for r in d["members"]:
        out.append(
            f"| {_md(r.organisation)} | {_md(r.role)} | {_md(r.stake_text())} | "
            f"{', '.join('#' + str(a) for a in r.sources)} | {r.status} |"
        )
    out += ["", "## Findings", ""]
    found = comp.findings
    differ = [f for f in found if f.kind != FindingKind.SINGLE_ORIGIN]
    single = [f for f in found if f.kind == FindingKind.SINGLE_ORIGIN]
    out += ["### Where the sources differ", ""]
    if not differ:
        out.append("No differences found between the sources.")
    for f in differ:
        soft = " *(soft: rounding or rate)*" if f.kind == FindingKind.SOFT else ""
        out.append(f"- **{_md(comp.finding_line(f))}**{soft}")
        for st in f.statements:
            out.append(f"  - #{st.article_id} ({_md(comp.origins[st.article_id].label)}): “{_md(st.text)}”")
    out += ["", "### Facts that rest on a single origin", ""]
    if not single:
        out.append("No fact rests on a single origin.")
    for f in single:
        out.append(f"- {_md(comp.finding_line(f))}")
        for st in f.statements[:3]:
            out.append(f"  - #{st.article_id}: “{_md(st.text)}”")
    out += ["", "## Claims", ""]
    if not d["claims"]:
        out.append("No claims marked yet.")
    for c, evidence in d["claims"]:
        conf = f", confidence {c.confidence:.0%}" if c.confidence is not None else ""
        out.append(f"### “{_md(c.quote)}”")
        out.append("")
        out.append(
            f"- Verdict: **{c.verdict}**{conf}; in #{c.article_id} {_md(titles.get(c.article_id, ''))}"
            + (" (could not be placed in the newest version)" if c.anchor == "orphaned" else "")
        )
        if c.note:
            out.append(f"- Note: {_md(c.note)}")
        if c.tags:
            out.append(f"- Tags: {_md(', '.join(c.tag_list))}")
        for e in evidence:
            where = f"#{e.article_id} " if e.article_id else ""
            out.append(f"- {e.stance.capitalize()}: {where}“{_md(e.quote)}”")
        out.append("")
    return "\n".join(out) + "\n"


def html_report(store, venture_id: int | None = None) -> str:
    d = build(store, venture_id)
    comp, titles = d["comparison"], d["titles"]
    e = lambda t: html.escape(" ".join(str(t).split()))  # noqa: E731
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        f"<title>Analyst brief: {e(d['venture'])}</title>",
        "<style>body{font:15px/1.45 system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em}"
        "table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.3em .5em;text-align:left}"
        ".differ{background:#ffe3da}.q{color:#333}.v{font-weight:600}</style></head><body>",
        f"<h1>Analyst brief: {e(d['venture'])}</h1>",
        f"<p>Generated {e(d['generated'])} from {len(titles)} article(s) and "
        f"{comp.independent_count} independent origin(s) (copies and shared origins counted once).</p>",
        "<h2>Sources</h2><table><tr><th>#</th><th>Article</th><th>Origin</th></tr>",
    ]
    for aid in comp.article_ids:
        parts.append(
            f"<tr><td>{aid}</td><td>{e(titles.get(aid, ''))}</td><td>{e(comp.origins[aid].label)}"
            + (f"; {e(comp.copy_line(aid))}" if comp.copy_line(aid) else "")
            + "</td></tr>"
        )
    parts.append(
        "</table><h2>Members and stakes</h2><table><tr><th>Organisation</th><th>Role</th><th>Stake</th>"
        "<th>Sources</th><th>Status</th></tr>"
    )
    for r in d["members"]:
        parts.append(
            f"<tr><td>{e(r.organisation)}</td><td>{e(r.role)}</td><td>{e(r.stake_text())}</td>"
            f"<td>{e(', '.join('#' + str(a) for a in r.sources))}</td><td>{e(r.status)}</td></tr>"
        )
    parts.append("</table><h2>Findings</h2><h3>Where the sources differ</h3>")
    differ = [f for f in comp.findings if f.kind != FindingKind.SINGLE_ORIGIN]
    single = [f for f in comp.findings if f.kind == FindingKind.SINGLE_ORIGIN]
    if not differ:
        parts.append("<p>No differences found between the sources.</p>")
    for f in differ:
        soft = " <i>(soft: rounding or rate)</i>" if f.kind == FindingKind.SOFT else ""
        parts.append(f"<p class='v differ'>{e(comp.finding_line(f))}{soft}</p><ul>")
        parts += [
            f"<li>#{st.article_id} ({e(comp.origins[st.article_id].label)}): <span class='q'>“{e(st.text)}”</span></li>"
            for st in f.statements
        ]
        parts.append("</ul>")
    parts.append("<h3>Facts that rest on a single origin</h3>")
    if not single:
        parts.append("<p>No fact rests on a single origin.</p>")
    for f in single:
        parts.append(f"<p class='v'>{e(comp.finding_line(f))}</p><ul>")
        parts += [
            f"<li>#{st.article_id}: <span class='q'>“{e(st.text)}”</span></li>" for st in f.statements[:3]
        ]
        parts.append("</ul>")
    parts.append("<h2>Claims</h2>")
    if not d["claims"]:
        parts.append("<p>No claims marked yet.</p>")
    for c, evidence in d["claims"]:
        conf = f", confidence {c.confidence:.0%}" if c.confidence is not None else ""
        parts.append(
            f"<h3>“{e(c.quote)}”</h3><ul><li>Verdict: <b>{e(c.verdict)}</b>{e(conf)}; in #{c.article_id} "
            f"{e(titles.get(c.article_id, ''))}</li>"
        )
        if c.note:
            parts.append(f"<li>Note: {e(c.note)}</li>")
        if c.tags:
            parts.append(f"<li>Tags: {e(', '.join(c.tag_list))}</li>")
        for ev in evidence:
            parts.append(
                f"<li>{e(ev.stance.capitalize())}: {'#' + str(ev.article_id) + ' ' if ev.article_id else ''}"
                f"“{e(ev.quote)}”</li>"
            )
        parts.append("</ul>")
    parts.append("</body></html>")
    return "\n".join(parts)


def write(store, path, venture_id: int | None = None) -> str:
    """Write the brief; HTML when the file name ends in .html/.htm, else Markdown. Returns the format."""
    from pathlib import Path

    path = Path(path)
    as_html = path.suffix.lower() in (".html", ".htm")
    text = html_report(store, venture_id) if as_html else markdown(store, venture_id)
    tmp = path.with_name(path.name + ".part")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return "html" if as_html else "markdown"
