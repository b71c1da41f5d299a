"""Day-only Japanese dates (values._date_ja): 2日 is a day of the month the article is written in."""

from __future__ import annotations

import pytest

from workbench.core import values as V


def _date(text, before="", after="", published="2025-09-03"):
    return V.parse_date(text, before, after, V.reference_month([], published), published)


@pytest.mark.parametrize(
    ("text", "before", "after", "iso"),
    [
        ("2日", "名村造船所は", "、新会社を設立すると発表した", "2025-09-02"),  # the day before publication
        ("２日", "", "に発表した", "2025-09-02"),  # full-width digits
        ("30日", "", "に発表した", "2025-08-30"),  # later than the 3rd: the month before is nearer
        ("15日", "", "に発表する予定だ", "2025-09-15"),  # this month, ahead
        ("2日午後", "", "", "2025-09-02"),
        ("2日（火）", "", "", "2025-09-02"),
        ("2日", "9月1日から", "まで", "2025-09-02"),  # the month stated just before
    ],
)
def test_a_day_alone_is_a_date_of_the_publication_month_marked_inferred(text, before, after, iso):
    got = _date(text, before, after)
    assert got.iso == iso and got.inferred is True


@pytest.mark.parametrize(
    ("text", "before", "after"),
    [
        ("2日", "週", "勤務する"),  # twice a week
        ("2日", "約", "かかる"),  # about two days
        ("2日", "", "目に"),  # the second day
        ("2日", "", "後に"),  # two days later
        ("1日", "", "あたり100トン"),  # per day
    ],
)
def test_a_count_of_days_is_no_date(text, before, after):
    assert _date(text, before, after) is None


def test_nothing_to_infer_from_and_impossible_days():
    assert V.parse_date("2日", "", "", None, None) is None
    assert _date("31日").iso == "2025-08-31"  # no 31 September: August's
    assert _date("32日") is None
    assert _date("2日ごろ").approx is True
    # a month given with the day is read as before
    assert _date("9月2日").iso == "2025-09-02"


def test_the_day_a_japanese_lead_gives_is_the_news_day_not_an_event_date():
    from workbench.core import slots

    s = "名村造船所と川崎重工業は2日、新会社を10月に設立すると発表した。"
    day, month = s.index("2日"), s.index("10月")
    v_day = _date("2日", s[:day], s[day + 2 :])
    assert slots.slot("DATE", v_day, s, day, day + 2) is None  # like 'OSLO, March 3 (Reuters) -'
    v_month = V.parse_date("10月", s[:month], s[month + 3 :], (2025, 9), "2025-09-03")
    assert slots.slot("DATE", v_month, s, month, month + 3) is not None
