"""Normalised values for money, dates, percentages and counts.

Each ``parse_*`` function takes the mention text plus a little context before
and after it (from the same sentence) and returns a JSON-able dict or None.
"""

from __future__ import annotations

import re

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


def _qualifier(before: str, text: str) -> dict:
    """approx / bound from the words just before the mention or at its start ("up to", "approximately")."""
    lead = _LEAD_RE.match(text)
    probe = (before[-40:] + " " + (lead.group(1) if lead else "")).strip()
    out = {}
    if APPROX_RE.search(probe) or "~" in text:
        out["approx"] = True
    if UPPER_RE.search(probe):
        out["bound"] = "upper"
    elif LOWER_RE.search(probe):
        out["bound"] = "lower"
    return out


def parse_number(text: str) -> float | None:
    """'1.6 trillion', '2,400', 'approximately 100', 'five', '$1.13bn' -> float."""
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


def human_amount(value: float) -> str:
    for name, scale in (("trillion", 1e12), ("billion", 1e9), ("million", 1e6)):
        if abs(value) >= scale:
            v = value / scale
            return f"{v:.3g} {name}" if v != int(v) else f"{int(v)} {name}"
    return f"{value:,.2f}".rstrip("0").rstrip(".") if value != int(value) else f"{int(value):,}"


def parse_money(text: str, before: str = "", after: str = "") -> dict | None:
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
    out = {"amount": amount, "currency": currency or "?", **_qualifier(before, text)}
    out["display"] = f"{human_amount(amount)} {out['currency']}"
    return out


def parse_percent(text: str, before: str = "", after: str = "") -> dict | None:
    value = parse_number(text)
    if value is None:
        return None
    out = {"percent": value, **_qualifier(before, text)}
    out["display"] = f"{value:g}%"
    return out


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


def parse_count(text: str, before: str = "", after: str = "") -> dict | None:
    value = parse_number(text)
    if value is None:
        return None
    out = {"number": value, **_qualifier(before, text)}
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
    if unit and not after[:1].isalnum() and len(unit[-1]) > 3:
        out["unit"] = " ".join(unit)
    out["display"] = f"{value:g}" + (f" {out['unit']}" if "unit" in out else "")
    return out


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
        for month_word, year in _FULL_DATE_RE.findall(t):
            key = (int(year), MONTHS.get(month_word.lower()[:3], 1))
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
) -> dict | None:
    t = text.lower().strip()
    d = _DURATION_RE.search(t)
    if d and not re.search(r"\b(19|20)\d{2}\b", t):
        n = parse_number(d.group(1))
        if n is not None:
            unit = d.group(2)
            code = {"year": "Y", "month": "M", "week": "W", "day": "D", "decade": "Y"}[unit]
            n = n * 10 if unit == "decade" else n
            return {"duration": f"P{n:g}{code}", "display": f"{n:g} {unit if unit != 'decade' else 'year'}s"}
    if t in ("today", "this week") and published:
        return {"iso": published[:10], "inferred": True, "display": published[:10]}
    m = re.search(r"\b(\d{4})\s*[-–/]\s*(\d{4})\b", t)
    if m:
        return {"iso": f"{m.group(1)}/{m.group(2)}", "display": f"{m.group(1)}–{m.group(2)}"}
    fiscal = re.search(r"\b(?:fiscal(?: year)?|fy)\s*(\d{4})\b|\b(\d{4}) fiscal year\b", t)
    if fiscal:
        year = fiscal.group(1) or fiscal.group(2)
        return {"iso": year, "fiscal": True, "display": f"FY{year}"}
    month = day = year = None
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
    if year is None and month is None:
        return None
    inferred = False
    if year is None:
        if reference is None:
            return {"iso": None, "month": month, "day": day, "display": text}
        year, inferred = _infer_year(month, reference), True
    iso = f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if month and day else "")
    out = {"iso": iso, "display": iso}
    if inferred:
        out["inferred"] = True
    if re.search(r"\b(late|early|mid|end of|beginning of)\b", t):
        out["approx"] = True
    return out


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
    if iso:
        year, month, day = (int(g) if g else None for g in iso.groups())
    else:
        parsed = parse_date(t)
        if not parsed or not parsed.get("iso") or "/" in parsed["iso"] or parsed.get("fiscal"):
            raise ValueError(
                f"“{t}” is not a date workbench can store: give the year too, e.g. 2026-04-06 or 6 April 2026."
            )
        parts = [int(p) for p in parsed["iso"].split("-")]
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
