"""The language of an article, detected once at import and stored with it.

Script decides first, because it is certain and free: text with kana (hiragana or katakana) is
Japanese. Otherwise lingua decides among a small set of languages (built lazily, once per process,
in its low-accuracy mode: a few milliseconds). Text too short or too mixed to judge is English, the
workbench's default language. Languages are ISO 639-1 codes ("en", "ja", …).
"""

from __future__ import annotations

import re
from functools import lru_cache

#: the languages the workbench tells apart: code -> name shown to the analyst
LANGUAGES = {
    "en": "English",
    "ja": "Japanese",
    "zh": "Chinese",
    "ko": "Korean",
    "fr": "French",
    "de": "German",
    "es": "Spanish",
    "it": "Italian",
    "pt": "Portuguese",
    "nl": "Dutch",
}
DEFAULT = "en"
#: languages written without spaces between words: searched through the trigram index
CJK_LANGUAGES = ("ja", "zh", "ko")

_KANA_RE = re.compile(r"[\u3040-\u309f\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9f]")
_HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_HANGUL_RE = re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")
_LETTER_RE = re.compile(r"[^\W\d_]")
#: fewer letters than this: too short to judge
MIN_LETTERS = 12
#: how much of the text lingua reads (the start of an article is enough, and keeps import fast)
SAMPLE = 3000


@lru_cache(maxsize=1)
def _detector():
    from lingua import Language, LanguageDetectorBuilder

    languages = [getattr(Language, name.upper()) for name in LANGUAGES.values()]
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def name(code: str | None) -> str:
    """'ja' -> 'Japanese'; an unknown or missing code is shown as it is."""
    return LANGUAGES.get(code or "", code or "")


def detect(text: str) -> str:
    """The ISO 639-1 code of the text's language; DEFAULT when it cannot be judged."""
    sample = (text or "")[:SAMPLE]
    letters = len(_LETTER_RE.findall(sample))
    if letters < MIN_LETTERS:
        return DEFAULT
    kana = len(_KANA_RE.findall(sample))
    han = len(_HAN_RE.findall(sample))
    hangul = len(_HANGUL_RE.findall(sample))
    # a Japanese article full of Latin company names is still Japanese: a tenth of its letters in kana is plenty
    if kana >= 5 and (kana + han) * 10 >= letters:
        return "ja"
    if hangul >= 5 and hangul * 10 >= letters:
        return "ko"
    if han >= 5 and han * 4 >= letters:
        return "zh"
    if (kana + han + hangul) * 2 >= letters:
        return DEFAULT  # a few CJK characters and nothing to go on: too mixed to judge
    found = _detector().detect_language_of(sample)
    if found is None:
        return DEFAULT
    code = found.iso_code_639_1.name.lower()
    return code if code in LANGUAGES else DEFAULT


def is_cjk(code: str | None) -> bool:
    return (code or "") in CJK_LANGUAGES
