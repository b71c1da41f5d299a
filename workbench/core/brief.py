"""The analyst brief: a self-contained Markdown or HTML report a colleague can read without the app.

Members and stakes, the statements on which the sources differ (with who says what),
and every claim with its verdict, note and evidence quotes. In HTML every piece of
text from the articles or the analyst is escaped, so nothing in it runs or loads.
"""

from __future__ import annotations

import datetime as _dt
import html

from .compare import compare
from .members import members


def _md(text) -> str:
    """Markdown-safe inline text: no table breaks, no markup from the articles."""
    text = " ".join(str(text).split())
    for ch in "\\`*_[]<>|#":
        text = text.replace(ch, "\\" + ch)
    return text


def build(store) -> dict:
    venture, rows = members(store)
    comp = compare(store)
    titles = {a: s.title for a, s in store.summaries(store.article_ids()).items()}
    claims = []
    for c in store.claims():
        claims.append((c, store.evidence(c.id)))
    return {
        "venture": venture,
        "members": [r for r in rows if r.status != "rejected"],
        "comparison": comp,
        "titles": titles,
        "claims": claims,
        "generated": _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def markdown(store) -> str:
    d = build(store)
    comp, titles = d["comparison"], d["titles"]
    out = [
        f"# Analyst brief: {_md(d['venture'])}",
        "",
        f"Generated {d['generated']} from {len(titles)} article(s) and "
        f"{len({o.key for o in comp.origins.values()})} independent origin(s).",
        "",
        "## Sources",
        "",
        "| # | Article | Origin |",
        "|---|---|---|",
    ]
    for aid in comp.article_ids:
        out.append(f"| {aid} | {_md(titles.get(aid, ''))} | {_md(comp.origins[aid].label)} |")
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
    out += ["", "## Where the sources differ", ""]
    differ = [g for g in comp.groups if g.status == "differ"]
    if not differ:
        out.append("No differences found between the sources.")
    for g in differ:
        out.append(f"### {_md(g.topic)}")
        out.append("")
        for diff in g.differences:
            out.append(f"- **{_md(diff)}**")
        for aid, st in sorted(g.statements.items()):
            out.append(f"- #{aid} ({_md(comp.origins[aid].label)}): “{_md(st.text)}”")
        out.append("")
    single = [
        g
        for g in comp.groups
        if g.status == "single-source" and any(st.values for st in g.statements.values())
    ]
    out += ["## Figures that rest on a single origin", ""]
    for g in single[:40]:
        ((aid, st),) = list(g.statements.items())[:1]
        out.append(f"- #{aid} ({_md(comp.origins[aid].label)}): “{_md(st.text)}”")
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


def html_report(store) -> str:
    d = build(store)
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
        f"{len({o.key for o in comp.origins.values()})} independent origin(s).</p>",
        "<h2>Sources</h2><table><tr><th>#</th><th>Article</th><th>Origin</th></tr>",
    ]
    for aid in comp.article_ids:
        parts.append(
            f"<tr><td>{aid}</td><td>{e(titles.get(aid, ''))}</td><td>{e(comp.origins[aid].label)}</td></tr>"
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
    parts.append("</table><h2>Where the sources differ</h2>")
    for g in (g for g in comp.groups if g.status == "differ"):
        parts.append(f"<h3>{e(g.topic)}</h3><ul class='differ'>")
        parts += [f"<li class='v'>{e(diff)}</li>" for diff in g.differences]
        parts.append("</ul><ul>")
        parts += [
            f"<li>#{aid} ({e(comp.origins[aid].label)}): <span class='q'>“{e(st.text)}”</span></li>"
            for aid, st in sorted(g.statements.items())
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


def write(store, path) -> str:
    """Write the brief; HTML when the file name ends in .html/.htm, else Markdown. Returns the format."""
    from pathlib import Path

    path = Path(path)
    as_html = path.suffix.lower() in (".html", ".htm")
    text = html_report(store) if as_html else markdown(store)
    tmp = path.with_name(path.name + ".part")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return "html" if as_html else "markdown"
