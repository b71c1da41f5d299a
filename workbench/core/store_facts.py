"""The cached role facts of each article (part of the Store): all their SQL."""

from __future__ import annotations

from collections.abc import Iterable

from .repo import Repo
from .roles import RoleFact, Stake

_COLS = (
    'start, "end", role, tense, negated, sent_start, sent_end, venture_start, venture_end, stake_kind, '
    "stake_value, stake_bound, stake_approx, stake_currency, stake_text, stake_distributive, title, cue"
)


def _row(f: RoleFact, article_id: int) -> tuple:
    st = f.stake
    return (
        article_id, f.start, f.end, f.role, f.tense, int(f.negated), f.sent_start, f.sent_end,
        f.venture_start, f.venture_end,
        st.kind if st else None, st.value if st else None, st.bound if st else None,
        int(st.approx) if st else None, st.currency if st else None, st.text if st else None,
        int(st.distributive) if st else None, f.title, f.cue,
    )  # fmt: skip


def _fact(r) -> RoleFact:
    stake = Stake(r[9], r[10], r[11], bool(r[12]), r[13], r[14], bool(r[15])) if r[9] else None
    return RoleFact(r[0], r[1], r[2], r[3], bool(r[4]), r[5], r[6], r[7], r[8], stake, r[16], r[17])


class Facts(Repo):
    def missing(self, article_ids: list[int], version: str) -> list[int]:
        have = set()
        for i in range(0, len(article_ids), 500):
            chunk = article_ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            have |= {
                r[0]
                for r in self.conn.execute(
                    f"SELECT article_id FROM member_fact_runs WHERE version = ? AND article_id IN ({marks})",
                    [version, *chunk],
                )
            }
        return [a for a in article_ids if a not in have]

    def replace(self, article_id: int, facts: Iterable[RoleFact], version: str) -> None:
        self.conn.execute("DELETE FROM member_facts WHERE article_id = ?", [article_id])
        self.conn.executemany(
            f"INSERT INTO member_facts (article_id, {_COLS}) VALUES ({','.join('?' * 19)})",
            [_row(f, article_id) for f in facts],
        )
        self.conn.execute(
            "INSERT OR REPLACE INTO member_fact_runs (article_id, version) VALUES (?, ?)",
            [article_id, version],
        )

    def of(self, article_ids: list[int]) -> dict[int, list[RoleFact]]:
        out: dict[int, list[RoleFact]] = {a: [] for a in article_ids}
        for i in range(0, len(article_ids), 500):
            chunk = article_ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for r in self.conn.execute(
                f"SELECT article_id, {_COLS} FROM member_facts WHERE article_id IN ({marks}) ORDER BY id",
                chunk,
            ):
                out[r[0]].append(_fact(r[1:]))
        return out
