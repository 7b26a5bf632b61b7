"""Small, escaped HTML for notebook displays: cells, tables, key-value lists and a titled box.

Maintainer's notes
------------------
Every ``_repr_html_`` of slaclock is built from these few functions, which know nothing of calendars or law.
Each escapes every text it is given (names of clauses, contracts and calendars come from files) and writes only
inline styles: no ``<script>``, no ``<style>`` sheet, no class a notebook theme must know. Tags are always
closed, so the output parses as well-formed markup (the tests read it with :mod:`html.parser`). Callers bound
the number of rows they hand in; nothing here truncates.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final, final

__all__ = ["BOX", "MUTED", "Cell", "box", "details", "esc", "pairs", "steps", "table"]

BOX: Final = "font-family:sans-serif;font-size:13px;line-height:1.4;margin:2px 0"
"""The style of the outer box of every display."""
MUTED: Final = "color:#666"
_CELL: Final = "padding:2px 8px;text-align:left;border-bottom:1px solid #ddd"
_HEAD: Final = "padding:2px 8px;text-align:left;font-weight:bold;border-bottom:2px solid #999"


def esc(value: object) -> str:
    """``str(value)`` escaped for HTML text and attribute values (``&``, ``<``, ``>``, both quotes).

    >>> esc("<script>alert('x')</script>")
    '&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;'
    """
    return html.escape(str(value), quote=True)


@final
@dataclass(frozen=True, slots=True)
class Cell:
    """One table cell: its text, and optionally a style, a tooltip (``title``) and a ``class`` word for tests."""

    text: str
    style: str = ""
    title: str = ""
    kind: str = ""

    def render(self, tag: str = "td") -> str:
        attrs = "".join(
            f' {name}="{esc(_clipped(value))}"'
            for name, value in (("class", self.kind), ("style", self.style), ("title", self.title))
            if value
        )
        return f"<{tag}{attrs}>{esc(_clipped(self.text))}</{tag}>"


CELL_MOST: Final = 1_000
"""The most characters of a cell's text or tooltip shown: a description of a megabyte from a file stays a cell."""


def _clipped(text: str) -> str:
    return text if len(text) <= CELL_MOST else f"{text[: CELL_MOST - 1]}… ({len(text):,} characters)"


def _cell(c: Cell | str) -> Cell:
    return c if isinstance(c, Cell) else Cell(str(c))


def table(head: Sequence[Cell | str], rows: Iterable[Sequence[Cell | str]], *, caption: str = "") -> str:
    """A ``<table>`` with a header row; a cell without a style of its own gets the house padding and rule.

    >>> out = table(["name", "state"], [["<b>ack</b>", Cell("met", style="color:green", kind="met")]])
    >>> "&lt;b&gt;ack&lt;/b&gt;" in out, "<b>" in out, '<td class="met" style=' in out
    (True, False, True)
    """
    top = f'<caption style="text-align:left;{MUTED}">{esc(caption)}</caption>' if caption else ""
    ths = "".join(_styled(_cell(c), _HEAD).render("th") for c in head)
    body = "".join("<tr>" + "".join(_styled(_cell(c), _CELL).render() for c in row) + "</tr>" for row in rows)
    return f'<table style="border-collapse:collapse">{top}<thead><tr>{ths}</tr></thead><tbody>{body}</tbody></table>'


def _styled(c: Cell, base: str) -> Cell:
    """The cell with the house style, unless it brings a style of its own (then it owns the whole look)."""
    return c if c.style else Cell(c.text, base, c.title, c.kind)


def pairs(items: Iterable[tuple[str, Cell | str]]) -> str:
    """Key-value rows (a two-column table without a header), for a value's few fields.

    >>> pairs([("due", "2026-10-14 00:00")])
    '<table style="border-collapse:collapse"><tbody><tr><th style="padding:1px 8px 1px 0;text-align:left;\
color:#666;font-weight:normal">due</th><td style="padding:1px 0">2026-10-14 00:00</td></tr></tbody></table>'
    """
    key = Cell("", "padding:1px 8px 1px 0;text-align:left;color:#666;font-weight:normal")
    rows = "".join(
        "<tr>" + Cell(k, key.style).render("th") + _styled(_cell(v), "padding:1px 0").render() + "</tr>"
        for k, v in items
    )
    return f'<table style="border-collapse:collapse"><tbody>{rows}</tbody></table>'


def box(title: str, *parts: str, note: str = "") -> str:
    """The outer ``<div>`` of a display: a bold title, the parts (already HTML) and an optional muted note.

    ``title`` and ``note`` are text (escaped here); ``parts`` are markup built by the functions above.

    >>> box("Status <x>", "<p>body</p>", note="3 more")
    '<div style="font-family:sans-serif;font-size:13px;line-height:1.4;margin:2px 0"><div \
style="font-weight:bold">Status &lt;x&gt;</div><p>body</p><div style="color:#666">3 more</div></div>'
    """
    tail = f'<div style="{MUTED}">{esc(note)}</div>' if note else ""
    return f'<div style="{BOX}"><div style="font-weight:bold">{esc(title)}</div>{"".join(parts)}{tail}</div>'


def steps(items: Iterable[str]) -> str:
    """An ordered list of sentences (a deadline's counting steps), each escaped."""
    lis = "".join(f"<li>{esc(s)}</li>" for s in items)
    return f'<ol style="margin:4px 0;padding-left:1.6em">{lis}</ol>'


def details(summary: str, body: str) -> str:
    """A ``<details>`` block, closed until clicked: ``summary`` is text, ``body`` markup (no script needed)."""
    return f'<details><summary style="{MUTED};cursor:pointer">{esc(summary)}</summary>{body}</details>'
