"""Showing untrusted text safely.

Qt guesses whether a tooltip is rich text, so article text, names and notes go
through :func:`tooltip`, which escapes them: what is shown is always the literal text.
Labels and message boxes are set to Qt.PlainText where they are made.
"""

from __future__ import annotations

import html


def tooltip(text: str | None) -> str:
    if not text:
        return ""
    return "<p style='white-space:pre-wrap'>" + html.escape(text, quote=False) + "</p>"
