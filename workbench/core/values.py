"""Normalised values for money, dates, percentages and counts.

Each ``parse_*`` function takes the mention text plus a little context before
and after it (from the same sentence) and returns a typed value (``core/models.py``: Money, Percent,
Count, DateValue, Duration) or None.

Japanese figures are read into exactly the same values as English ones, so that 73億円 and
"7.3 billion yen" are equal: 万/億/兆 scales, 円/ドル/ユーロ/ウォン, full-width digits, 約 and およそ
(approximate), 最大 (up to), 以上 and 超 (at least / more than), era years (令和4年), fiscal
years (2026年度), 割 (tenths). The Japanese words themselves are data in ``resources/values_ja.json``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from .models import Bound, Count, DateValue, Duration, Money, Percent
from .resources import resource_path

NUMBER_WORDS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
    "a hundred": 100,
    "dozen": 12,
    "a dozen": 12,
    "a few": 3,
    "several": 3,
}
SCALES = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "mln": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "trn": 1e12,
    "crore": 1e7,
    "lakh": 1e5,
}
CURRENCY_SYMBOLS = {
    "US$": "USD",
    "$": "USD",
    "£": "GBP",
    "€": "EUR",
    "¥": "JPY",
    "₩": "KRW",
    "₹": "INR",
    "A$": "AUD",
    "C$": "CAD",
    "HK$": "HKD",
    "S$": "SGD",
}
CURRENCY_WORDS = {
    "yen": "JPY",
    "dollar": "USD",
    "dollars": "USD",
    "usd": "USD",
    "us dollars": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "eur": "EUR",
    "pound": "GBP",
    "pounds": "GBP",
    "sterling": "GBP",
    "gbp": "GBP",
    "won": "KRW",
    "krw": "KRW",
    "yuan": "CNY",
    "renminbi": "CNY",
    "rmb": "CNY",
    "cny": "CNY",
    "jpy": "JPY",
    "rupee": "INR",
    "rupees": "INR",
    "francs": "CHF",
    "franc": "CHF",
    "kronor": "SEK",
    "krona": "SEK",
    "roubles": "RUB",
    "rubles": "RUB",
    "rand": "ZAR",
    "pesos": "MXN",
}
APPROX_RE = re.compile(
    r"(?:approximately|approx\.?|about|around|roughly|nearly|almost|some|circa|an estimated|estimated|~)\s*$",
    re.I,
)
UPPER_RE = re.compile(
    r"(?:up to|as much as|as many as|a maximum of|no more than|at most|under|less than|below)\s*$", re.I
)
LOWER_RE = re.compile(
    r"(?:more than|over|at least|exceeding|in excess of|above|upwards of|a minimum of)\s*$", re.I
)
_NUM_RE = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)")
MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        1,
    )
}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9


_LEAD_RE = re.compile(
    r"\s*((?:approximately|approx\.?|about|around|roughly|nearly|almost|some|circa|an estimated|"
    r"up to|as much as|as many as|more than|over|at least|exceeding|~)\s*)",
    re.I,
)


def _qualifier(before: str, text: str, after: str = "") -> tuple[bool, Bound | None]:
    """(approx, bound) from the words just before the mention or at its start ("up to", "approximately")."""
    if _is_japanese(text):
        return _qualifier_ja(before, text, after)
    lead = _LEAD_RE.match(text)
    probe = (before[-40:] + " " + (lead.group(1) if lead else "")).strip()
    approx = bool(APPROX_RE.search(probe)) or "~" in text
    bound: Bound | None = None
    if UPPER_RE.search(probe):
        bound = "upper"
    elif LOWER_RE.search(probe):
        bound = "lower"
    return approx, bound


def _exact(value: float) -> float:
    """12 significant digits: 73 × 10⁸ and 7.3 × 10⁹ are the same number."""
    return float(f"{value:.12g}")


def parse_number(text: str) -> float | None:
    """'1.6 trillion', '2,400', 'approximately 100', 'five', '$1.13bn', '73億', '１兆２千億' -> float."""
    value = _parse_number(text)
    return None if value is None else _exact(value)


def _parse_number(text: str) -> float | None:
    if _is_japanese(text):
        return _number_ja(text)
    t = text.lower().replace("~", " ")
    m = _NUM_RE.search(t)
    if m:
        value = float(m.group(1).replace(",", ""))
        rest = t[m.end() :].strip()
        scale = re.match(r"(thousand|million|billion|trillion|mln|mn|bn|tn|trn|crore|lakh|k|m|b)\b", rest)
        if scale:
            value *= SCALES[scale.group(1)]
        return value
    for word, value in sorted(NUMBER_WORDS.items(), key=lambda kv: -len(kv[0])):
        if re.search(rf"\b{re.escape(word)}\b", t):
            scale = re.search(rf"\b{re.escape(word)}\s+(thousand|million|billion|trillion)\b", t)
            return float(value) * (SCALES[scale.group(1)] if scale else 1)
    return None


def number_text(value: float) -> str:
    """A count as read: "400 million" for large ones, "2,400" style digits below a million ("2400")."""
    return human_amount(value) if abs(value) >= 1e6 else f"{value:g}"


def human_amount(value: float) -> str:
    for name, scale in (("trillion", 1e12), ("billion", 1e9), ("million", 1e6)):
        if abs(value) >= scale:
            v = value / scale
            return f"{v:.3g} {name}" if v != int(v) else f"{int(v)} {name}"
    return f"{value:,.2f}".rstrip("0").rstrip(".") if value != int(value) else f"{int(value):,}"


def parse_money(text: str, before: str = "", after: str = "") -> Money | None:
    if _is_japanese(text):
        return _money_ja(text, before, after)
    amount = parse_number(text)
    if amount is None:
        return None
    currency = None
    compact = text.replace(" ", "")
    for sym in sorted(CURRENCY_SYMBOLS, key=len, reverse=True):
        if sym in compact:
            currency = CURRENCY_SYMBOLS[sym]
            break
    if currency is None:
        words = re.findall(r"[a-zA-Z]+", text.lower())
        for w in words:
            if w in CURRENCY_WORDS:
                currency = CURRENCY_WORDS[w]
                break
    if currency is None:
        m = re.match(r"\s*([A-Za-z]+)", after)
        if m and m.group(1).lower() in CURRENCY_WORDS:
            currency = CURRENCY_WORDS[m.group(1).lower()]
    if currency == "USD" and re.search(r"\b(USD|US)\b", text + " " + after[:5]):
        currency = "USD"
    currency = currency or "?"
    approx, bound = _qualifier(before, text)
    return Money(
        amount=amount,
        currency=currency,
        display=f"{human_amount(amount)} {currency}",
        approx=approx,
        bound=bound,
    )


def parse_percent(text: str, before: str = "", after: str = "") -> Percent | None:
    value = _percent_ja(text) if _is_japanese(text) else parse_number(text)
    if value is None:
        return None
    approx, bound = _qualifier(before, text, after)
    return Percent(percent=value, display=f"{value:g}%", approx=approx, bound=bound)


_NOT_UNIT = {
    "is",
    "are",
    "was",
    "were",
    "has",
    "have",
    "had",
    "will",
    "would",
    "of",
    "in",
    "and",
    "or",
    "to",
    "the",
    "a",
    "an",
    "for",
    "from",
    "with",
    "by",
    "at",
    "on",
    "that",
    "which",
    "who",
    "as",
    "its",
    "their",
    "percent",
    "per",
    "this",
    "these",
    "those",
    "than",
}


def parse_count(text: str, before: str = "", after: str = "") -> Count | None:
    if _is_japanese(text):
        return _count_ja(text, before, after)
    value = parse_number(text)
    if value is None:
        return None
    approx, bound = _qualifier(before, text)
    # the unit: the noun phrase that follows ("100 AI engineers", "2,400 students")
    words = re.findall(r"[A-Za-z][\w-]*", after[:60])
    unit = []
    for w in words[:3]:
        if w.lower() in _NOT_UNIT or (w[0].isupper() and not w.isupper()):
            break  # a function word or a name ends the unit
        unit.append(w)
    while unit and not (
        unit[-1].lower().endswith("s") or unit[-1].lower() in ("people", "staff", "personnel")
    ):
        unit.pop()
    shown = " ".join(unit) if unit and not after[:1].isalnum() and len(unit[-1]) > 3 else None
    return _count(value, shown, approx, bound)


def _count(value: float, unit: str | None, approx: bool, bound: Bound | None) -> Count:
    display = number_text(value) + (f" {unit}" if unit is not None else "")
    return Count(number=value, unit=unit, display=display, approx=approx, bound=bound)


_DURATION_RE = re.compile(r"\b(\d+(?:\.\d+)?|[a-z]+)[\s-]+(year|month|week|day|decade)s?\b")
_FULL_DATE_RE = re.compile(
    r"\b("
    + "|".join(sorted(MONTHS, key=len, reverse=True))
    + r")[a-z]*\.?\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?(\d{4})\b",
    re.I,
)


def reference_month(date_texts: list[str], published: str | None = None) -> tuple[int, int] | None:
    """The (year, month) an article is written from: its publication date, else the latest full date it states."""
    if published:
        m = re.match(r"(\d{4})(?:-(\d{2}))?", published)
        if m:
            return int(m.group(1)), int(m.group(2) or 6)
    best = None
    for t in date_texts:
        found = [(int(y), MONTHS.get(w.lower()[:3], 1)) for w, y in _FULL_DATE_RE.findall(t)]
        found += [(int(y), int(m)) for y, m in _JA_YEAR_MONTH_RE.findall(_halfwidth(t))]
        for key in found:
            best = key if best is None or key > best else best
    return best


def _infer_year(month: int, reference: tuple[int, int]) -> int:
    """The year that puts the month nearest to the reference month (news looks back and ahead a few months)."""
    ref_year, ref_month = reference
    return min(
        (ref_year - 1, ref_year, ref_year + 1),
        key=lambda y: abs((y * 12 + month) - (ref_year * 12 + ref_month)),
    )


def parse_date(
    text: str,
    before: str = "",
    after: str = "",
    reference: tuple[int, int] | None = None,
    published: str | None = None,
) -> DateValue | Duration | None:
    if _is_japanese(text):
        return _date_ja(text, before, after, reference, published)
    t = text.lower().strip()
    d = _DURATION_RE.search(t)
    if d and not re.search(r"\b(19|20)\d{2}\b", t):
        n = parse_number(d.group(1))
        if n is not None:
            unit = d.group(2)
            code = {"year": "Y", "month": "M", "week": "W", "day": "D", "decade": "Y"}[unit]
            n = n * 10 if unit == "decade" else n
            return Duration(period=f"P{n:g}{code}", display=f"{n:g} {unit if unit != 'decade' else 'year'}s")
    if t in ("today", "this week") and published:
        return DateValue(iso=published[:10], inferred=True, display=published[:10])
    m = re.search(r"\b(\d{4})\s*[-–/]\s*(\d{4})\b", t)
    if m:
        return DateValue(iso=f"{m.group(1)}/{m.group(2)}", display=f"{m.group(1)}–{m.group(2)}")
    fiscal = re.search(r"\b(?:fiscal(?: year)?|fy)\s*(\d{4})\b|\b(\d{4}) fiscal year\b", t)
    if fiscal:
        fy = fiscal.group(1) or fiscal.group(2)
        return DateValue(iso=fy, fiscal=True, display=f"FY{fy}")
    month: int | None = None
    day: int | None = None
    year: int | None = None
    ym = re.search(r"\b(1[89]\d{2}|20\d{2})\b", t)
    if ym:
        year = int(ym.group(1))
    for word in re.findall(r"[a-z]+", t):
        if word in MONTHS:
            month = MONTHS[word]
            break
    if month:
        dm = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\b(?!\d)", re.sub(r"\b\d{4}\b", "", t))
        if dm and 1 <= int(dm.group(1)) <= 31:
            day = int(dm.group(1))
    approx = bool(re.search(r"\b(late|early|mid|end of|beginning of)\b", t))
    return _date(text, year, month, day, reference, approx)


def _date(
    text: str,
    year: int | None,
    month: int | None,
    day: int | None,
    reference: tuple[int, int] | None,
    approx: bool,
    inferred: bool = False,
) -> DateValue | None:
    """A date from its parts; a missing year is inferred from the reference month, if there is one."""
    if year is None:
        if month is None:
            return None
        if reference is None:
            return DateValue(iso=None, month=month, day=day, display=text)
        year, inferred = _infer_year(month, reference), True
    iso = f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if month and day else "")
    return DateValue(iso=iso, display=iso, inferred=inferred, approx=approx)


# ---------------------------------------------------------------------------- Japanese

_FULLWIDTH = str.maketrans("０１２３４５６７８９．，％＄￥〜～", "0123456789.,%$¥~~")
_JA_CHARS_RE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff０-９％]")
_KANJI_DIGITS = {"〇": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_KANJI_SMALL = {"十": 10, "百": 100, "千": 1000}
_JA_BIG = {"万": 1e4, "億": 1e8, "兆": 1e12}
#: one group of a Japanese number: 1兆, 2000億, 3千億, 7.3億, 500万, 40
_JA_GROUP_RE = re.compile(r"(\d+(?:\.\d+)?)\s*([千百十])?\s*([万億兆])?")
_JA_YEAR_MONTH_RE = re.compile(r"(\d{4})年(\d{1,2})月")


@lru_cache(maxsize=1)
def _ja() -> dict[str, Any]:
    """Japanese value words: currencies, qualifiers, counters, eras (resources/values_ja.json)."""
    return json.loads(resource_path("values_ja.json").read_text(encoding="utf-8"))


def _halfwidth(text: str) -> str:
    return text.translate(_FULLWIDTH)


def _is_japanese(text: str) -> bool:
    return _JA_CHARS_RE.search(text) is not None


def _kanji_number(text: str) -> str:
    """Kanji numerals to digits: 三 -> 3, 二十五 -> 25, 千 -> 1000 (万/億/兆 are left as scales)."""

    def small(m: re.Match[str]) -> str:
        total = 0
        digit: int | None = None
        for ch in m.group(0):
            if ch in _KANJI_DIGITS:
                digit = _KANJI_DIGITS[ch]
            else:
                total += (digit if digit is not None else 1) * _KANJI_SMALL[ch]
                digit = None
        return str(total + (digit or 0))

    return re.sub(r"[〇一二三四五六七八九十百千]+", small, text)


def _number_ja(text: str) -> float | None:
    """'73億' -> 7.3e9, '1兆2000億' -> 1.2e12, '3千億' -> 3e11, '７３００万' -> 7.3e7."""
    t = _halfwidth(text).replace(",", "")
    if not re.search(r"\d", t):
        t = _kanji_number(t)
    total, found = 0.0, False
    for m in _JA_GROUP_RE.finditer(t):
        value = float(m.group(1))
        if m.group(2):
            value *= _KANJI_SMALL[m.group(2)]
        if m.group(3):
            value *= _JA_BIG[m.group(3)]
        total += value
        found = True
        if not m.group(3):
            break  # a number ends at its smallest group: 1兆2000億円, never 2025年4月
    return total if found else None


def _qualifier_ja(before: str, text: str, after: str) -> tuple[bool, Bound | None]:
    words = _ja()["qualifiers"]
    before, text = _halfwidth(before).rstrip(), _halfwidth(text).strip()
    tail = text + _halfwidth(after)[:6]

    def leads(options: Iterable[str]) -> bool:  # 約73億円, or 約 just before the mention
        return any(before.endswith(w) or text.startswith(w) for w in options)

    approx = leads(words["approx_before"]) or any(w in tail for w in words["approx_after"])
    bound: Bound | None = None
    if leads(words["upper_before"]) or any(w in tail for w in words["upper_after"]):
        bound = "upper"
    elif any(w in tail for w in words["lower_after"]):
        bound = "lower"
    return approx, bound


def _money_ja(text: str, before: str, after: str) -> Money | None:
    t = _halfwidth(text)
    currency = None
    for word, code in sorted(_ja()["currencies"].items(), key=lambda kv: -len(kv[0])):
        if word in t or (not currency and _halfwidth(after).startswith(word)):
            currency = code
            break
    for sym in sorted(CURRENCY_SYMBOLS, key=len, reverse=True):
        if currency is None and sym in t:
            currency = CURRENCY_SYMBOLS[sym]
    amount = _number_ja(t)
    if amount is None or currency is None:
        return None  # 10万トン: a figure without a currency is not money
    amount = _exact(amount)
    approx, bound = _qualifier_ja(before, text, after)
    return Money(
        amount=amount,
        currency=currency,
        display=f"{human_amount(amount)} {currency}",
        approx=approx,
        bound=bound,
    )


def _percent_ja(text: str) -> float | None:
    """'10%', '１０％', '1割' (a tenth) -> 10, '2割5分' -> 25."""
    t = _halfwidth(text)
    m = re.search(r"(\d+(?:\.\d+)?)\s*%", t)
    if m:
        return _exact(float(m.group(1)))
    t = t if re.search(r"\d", t) else _kanji_number(t)
    m = re.search(r"(\d+)\s*割(?:\s*(\d)\s*分)?", t)
    if m:
        return _exact(int(m.group(1)) * 10 + (int(m.group(2)) if m.group(2) else 0))
    return None


def _count_ja(text: str, before: str, after: str) -> Count | None:
    """'3社' -> 3 companies, '約100人' -> about 100 people, '10万トン' -> 100,000 tons."""
    t = _halfwidth(text)
    value = _number_ja(t if re.search(r"\d", t) else _kanji_number(t))
    if value is None:
        return None
    value = _exact(value)
    approx, bound = _qualifier_ja(before, text, after)
    tail = (
        re.sub(r"^[^\d〇一二三四五六七八九十百千]*[\d.,〇一二三四五六七八九十百千万億兆]+", "", t)
        or _halfwidth(after)[:4]
    )
    unit = next(
        (
            u
            for counter, u in sorted(_ja()["counters"].items(), key=lambda kv: -len(kv[0]))
            if tail.startswith(counter)
        ),
        None,
    )
    return _count(value, unit, approx, bound)


def _era_year(era: str, n: str) -> int | None:
    first = _ja()["eras"].get(era)
    if first is None:
        return None
    return int(first) + (1 if n == "元" else int(n)) - 1


_JA_ERA_RE = re.compile(r"(令和|平成|昭和)\s*(元|\d{1,2})\s*年")
_JA_DURATION_RE = re.compile(r"(\d+(?:\.\d+)?)\s*(年間|カ月|ヶ月|か月|ケ月|週間|日間)")


def _date_ja(
    text: str, before: str, after: str, reference: tuple[int, int] | None, published: str | None
) -> DateValue | Duration | None:
    """2022年11月11日, 11月11日 (year inferred), 令和4年, 2026年度 (fiscal), 3年間 (a duration)."""
    t = _halfwidth(text)
    if not re.search(r"\d", t):
        t = _kanji_number(t)
    d = _JA_DURATION_RE.search(t)
    if d and "年度" not in t:
        n = float(d.group(1))
        code, unit = {"年": ("Y", "year"), "週": ("W", "week"), "日": ("D", "day")}.get(
            d.group(2)[0], ("M", "month")
        )
        return Duration(period=f"P{n:g}{code}", display=f"{n:g} {unit}s")
    era = _JA_ERA_RE.search(t)
    year = _era_year(era.group(1), era.group(2)) if era else None
    if era is not None and year is not None:
        t = t[: era.start()] + f"{year}年" + t[era.end() :]
    fiscal = re.search(r"(\d{4})\s*年度", t)
    if fiscal:
        return DateValue(iso=fiscal.group(1), fiscal=True, display=f"FY{fiscal.group(1)}")
    span = re.search(r"(\d{4})\s*[~〜～\-–]\s*(\d{4})\s*年", t)
    if span:
        return DateValue(iso=f"{span.group(1)}/{span.group(2)}", display=f"{span.group(1)}–{span.group(2)}")
    y = re.search(r"(\d{4})\s*年", t)
    m = re.search(r"(\d{1,2})\s*月", t)
    dd = re.search(r"(\d{1,2})\s*日", t)
    year = int(y.group(1)) if y else None
    month = int(m.group(1)) if m and 1 <= int(m.group(1)) <= 12 else None
    day = int(dd.group(1)) if dd and month and 1 <= int(dd.group(1)) <= 31 else None
    inferred = False
    relative = next((n for word, n in _ja()["relative_years"].items() if word in t), None)
    if year is None and relative is not None and reference is not None:
        year, inferred = reference[0] + relative, True
    if year is None and month is None:
        # 2日 alone: a day of the month the article is written in, the date nearest its publication
        words = _ja()["day_only"]
        alone = re.fullmatch(r"(\d{1,2})\s*日\s*(.*)", t.strip())
        if (
            alone is None
            or relative is not None
            or not 1 <= int(alone.group(1)) <= 31
            or alone.group(2).strip("（）() 月火水木金土日")
            not in ("", *words["times_of_day"], *_ja()["qualifiers"]["date_approx"])
            or after.lstrip().startswith(tuple(words["not_after"]))
            or before.rstrip().endswith(tuple(words["not_before"]))
        ):
            return None
        import datetime as dt

        day = int(alone.group(1))
        near = re.search(r"(\d{1,2})\s*月\s*\d{1,2}\s*日[^。．！？\n]{0,12}$", _halfwidth(before))
        pub = re.match(r"(\d{4})-(\d{2})-(\d{2})", published or "")
        months: list[tuple[int, int]]
        if near and reference is not None:  # 9月1日から2日まで: the month just stated
            months = [(_infer_year(int(near.group(1)), reference), int(near.group(1)))]
        elif pub:
            y0, m0 = int(pub.group(1)), int(pub.group(2))
            months = [((y0 * 12 + m0 - 1 + k) // 12, (m0 - 1 + k) % 12 + 1) for k in (-1, 0, 1)]
        elif reference is not None:
            months = [reference]
        else:
            return None
        dates = []
        for y_, m_ in months:
            try:
                dates.append(dt.date(y_, m_, day))
            except ValueError:
                continue  # 31日 in a month of 30 days
        if not dates:
            return None
        anchor = dt.date(*map(int, pub.groups())) if pub and not near else dates[0]
        found = min(dates, key=lambda x: (abs((x - anchor).days), x))
        approx_day = any(w in t + after[:3] for w in _ja()["qualifiers"]["date_approx"])
        return DateValue(iso=found.isoformat(), display=found.isoformat(), inferred=True, approx=approx_day)
    approx = any(w in t + after[:3] for w in _ja()["qualifiers"]["date_approx"])
    return _date(text, year, month, day, reference, approx, inferred)


def normalise_published(text: str) -> str:
    """A published date as the analyst typed it -> ISO (YYYY, YYYY-MM or YYYY-MM-DD); "" stays "".

    Accepts an ISO date or a date with its year in words ("6 April 2026", "April 6th, 2026"); anything
    else (no year, an impossible day, a range) raises ValueError with a message for the user.
    """
    import datetime as dt

    t = " ".join(text.split())
    if not t:
        return ""
    iso = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ].*)?", t)
    month: int | None
    day: int | None
    if iso:
        year = int(iso.group(1))
        month, day = (int(g) if g else None for g in iso.groups()[1:])
    else:
        parsed = parse_date(t)
        if not isinstance(parsed, DateValue) or not parsed.iso or "/" in parsed.iso or parsed.fiscal:
            raise ValueError(
                f"“{t}” is not a date workbench can store: give the year too, e.g. 2026-04-06 or 6 April 2026."
            )
        parts = [int(p) for p in parsed.iso.split("-")]
        year, month, day = (
            parts[0],
            parts[1] if len(parts) > 1 else None,
            parts[2] if len(parts) > 2 else None,
        )
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError:
        raise ValueError(f"“{t}” is not a real date (YYYY-MM-DD).") from None
    if not 1800 <= year <= 2200:
        raise ValueError(f"“{t}”: the year {year} is not plausible for a news article.")
    return f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if month and day else "")
