"""Operations that the command line and the window both run: each is one call with progress and cancel."""

from __future__ import annotations

from dataclasses import dataclass, field

from . import project
from .changes import OpResult
from .extraction import extract_pending
from .ingest import IngestReport, ingest


@dataclass
class ImportResult:
    report: IngestReport
    extraction: dict = field(default_factory=dict)
    claims_moved: list[int] = field(default_factory=list)
    claims_orphaned: list[int] = field(default_factory=list)
    op: OpResult | None = None  # the undoable operation the import became (None when nothing was added)

    def summary(self) -> str:
        text = self.report.summary()
        if self.claims_moved:
            text += f"; {len(self.claims_moved)} claim(s) moved to new versions"
        if self.claims_orphaned:
            text += (
                f"; {len(self.claims_orphaned)} claim(s) could not be placed in the new version (see Claims)"
            )
        x = self.extraction
        if x.get("articles"):
            text += f"; entities found in {x['articles']} article(s)"
        if x.get("cancelled"):
            text += " (entity extraction stopped; it resumes next time)"
        return text


def _phase(progress, label: str):
    if progress is None:
        return None
    return lambda done, total, name: progress(done, total, f"{label}: {name}" if name else label)


def import_articles(store, paths, progress=None, cancel=None, extract: bool = True) -> ImportResult:
    report = ingest(store, paths, progress=_phase(progress, "Reading files"), cancel=cancel)
    result = ImportResult(report)
    added = report.added_ids
    if added:
        from . import ops
        from .claims import reanchor_new_versions

        # one undoable operation: undo removes the articles and puts moved claims back where they were
        result.op = ops.record_import(store, added, then=lambda: reanchor_new_versions(store, added))
        moved = result.op.value
        result.claims_moved, result.claims_orphaned = moved.moved, moved.orphaned
    if extract and not report.cancelled:
        result.extraction = extract_pending(
            store, progress=_phase(progress, "Recognising entities"), cancel=cancel
        )
    return result


def build_from_seeds(store, progress=None, cancel=None) -> ImportResult:
    report = project.seed(store, progress=_phase(progress, "Reading the bundled seeds"), cancel=cancel)
    result = ImportResult(report)
    if not report.cancelled:
        result.extraction = extract_pending(
            store, progress=_phase(progress, "Recognising entities"), cancel=cancel
        )
    return result


def update_extraction(store, progress=None, cancel=None) -> dict:
    """Extract whatever is missing or stale (new model, rules or gazetteer); cached articles are skipped."""
    return extract_pending(store, progress=_phase(progress, "Recognising entities"), cancel=cancel)
