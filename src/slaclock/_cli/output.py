"""What the command prints: colour when stdout is a terminal, text aligned by display width, one-line errors.

Colour follows ``--color``: ``auto`` (the default) colours only when stdout is a terminal and ``NO_COLOR`` is
unset or empty (https://no-color.org); ``always`` and ``never`` say what they mean. Everything printed in
colour is complete without it: colour only repeats what the text already says (休, 班, a state's name).
"""

from __future__ import annotations

import os
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, TextIO, TypeAlias

ColorMode: TypeAlias = Literal["auto", "always", "never"]

__all__ = ["ColorMode", "Style", "display_width", "one_line", "pad", "style_for", "table"]

_CODES = {"bold": "1", "dim": "2", "red": "31", "green": "32", "yellow": "33", "blue": "34", "magenta": "35"}


@dataclass(frozen=True, slots=True)
class Style:
    """ANSI colour on or off; ``paint`` returns the text unchanged when off."""

    on: bool

    def paint(self, text: str, *names: str) -> str:
        if not self.on or not names or not text:
            return text
        codes = ";".join(_CODES[n] for n in names)
        return f"\x1b[{codes}m{text}\x1b[0m"


def style_for(mode: ColorMode, stream: TextIO | None = None) -> Style:
    """The style for ``--color mode`` on ``stream`` (stdout by default)."""
    if mode == "always":
        return Style(True)
    if mode == "never":
        return Style(False)
    out = sys.stdout if stream is None else stream
    tty = bool(getattr(out, "isatty", lambda: False)())
    return Style(tty and not os.environ.get("NO_COLOR"))


def one_line(exc: BaseException) -> str:
    """An error's message on one line: a period's marked-up echo of the text is left out, its accepted units kept."""
    from slaclock.errors import PeriodParseError

    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    if isinstance(exc, PeriodParseError) and len(lines) > 1:
        return f"{lines[0]}; {lines[-1]}"
    return " ".join(lines) or type(exc).__name__


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: CJK characters (休, 班, 国庆节) take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, width: int, *, right: bool = False) -> str:
    """``text`` padded with spaces to ``width`` display columns (on the left when ``right``)."""
    fill = " " * max(0, width - display_width(text))
    return fill + text if right else text + fill


def table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    right: Sequence[bool] = (),
    style: Style = Style(False),
    paint: Sequence[Sequence[str]] = (),
) -> str:
    """Rows as aligned columns (two spaces apart); ``right[i]`` aligns column ``i`` right.

    ``paint[i]`` colours column ``i`` of every row (applied after padding, so colour never shifts a column).
    """
    widths = [max([display_width(h)] + [display_width(r[i]) for r in rows]) for i, h in enumerate(header)]
    aligned = [bool(right[i]) if i < len(right) else False for i in range(len(header))]

    def line(cells: Sequence[str], colour: bool) -> str:
        parts = []
        for i, cell in enumerate(cells):
            text = pad(cell, widths[i], right=aligned[i])
            if colour and i < len(paint) and paint[i] and cell.strip() not in ("", "0"):
                text = style.paint(text, *paint[i])
            parts.append(text)
        return "  ".join(parts).rstrip()

    lines = [style.paint(line(header, False), "bold")]
    lines.extend(line(r, True) for r in rows)
    return "\n".join(lines)
