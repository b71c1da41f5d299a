"""SQL for the analyst's decisions on venture members (confirm, correct, reject, add)."""

from __future__ import annotations

import datetime as _dt
import json

from .models import TENSES
from .repo import Repo, inserted_id


def _now() -> str:
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")


class MemberEdits(Repo):
    """The analyst's layer over the derived members table (part of the Store)."""

    _COLS = (
        "id, entity_id, organisation, role, action, new_role, stake, note, evidence, created_at, new_tense"
    )
    _SELECT_ALL = "SELECT " + _COLS + " FROM member_edits ORDER BY id"

    def edits(self) -> list[dict]:
        cur = self.conn.execute(self._SELECT_ALL)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r, strict=False)) for r in cur]

    def set_edit(
        self,
        entity_id: int,
        organisation: str,
        role: str,
        action: str,
        new_role: str | None = None,
        stake: str | None = None,
        note: str = "",
        evidence: list | None = None,
        new_tense: str | None = None,
    ) -> int:
        """Record a confirmation, correction, rejection or addition; returns the decision's id. A decision on a
        member replaces the earlier one on it (an addition is a row of its own)."""
        if action not in ("confirm", "edit", "reject", "add"):
            raise ValueError(action)
        if new_tense not in (None, *TENSES):
            raise ValueError(f"a member's time is one of {', '.join(TENSES)}")
        with self.transaction():
            if action != "add":
                self.conn.execute(
                    "DELETE FROM member_edits WHERE entity_id = ? AND role = ? AND action != 'add'",
                    [entity_id, role],
                )
            cur = self.conn.execute(
                "INSERT INTO member_edits (entity_id, organisation, role, action, new_role, stake, note, evidence, "
                "created_at, new_tense) VALUES (?,?,?,?,?,?,?,?,?,?)",
                [
                    entity_id,
                    organisation,
                    role,
                    action,
                    new_role,
                    stake,
                    note,
                    json.dumps(evidence or []),
                    _now(),
                    new_tense,
                ],
            )
        return inserted_id(cur)
