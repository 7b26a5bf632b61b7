"""What the plots share: matplotlib imported on use, a figure or the caller's axes, fonts that have the glyphs.

Maintainer's notes
------------------
* **No global state.** matplotlib is imported when a plot is first drawn (never by ``import slaclock`` nor by
  ``import slaclock.plot``), and a figure is a :class:`~matplotlib.figure.Figure` made directly: no pyplot, no GUI
  backend, nothing registered with a figure manager.
* **Text as written.** A label holding ``$`` (a team "cost $5 and $10", a pause reason ``$\\alpha$``) would be
  read as matplotlib math, drawn as a formula, or fail only when the figure is saved: every plot is drawn with
  ``text.parse_math`` off (:func:`plain`), so user text is drawn as it is.
* **Glyphs.** The default fonts have no Chinese, and matplotlib warns for each glyph it cannot draw. The 休/班
  marks, and names written in Chinese, are drawn in an installed font that has them (:func:`cjk_font`); without
  one the marks are ASCII and the characters no font has are shown as ``?``, so nothing is left to warn about.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Final, ParamSpec, TypeVar

from slaclock._base.show import brief
from slaclock.errors import InvalidInputError

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["HINT", "Fonts", "canvas", "cjk_font", "date_limits", "mpl", "plain", "sequence_of_names"]

HINT: Final = "slaclock.plot needs matplotlib: pip install 'slaclock[plot]'"


def mpl(module: str) -> Any:
    """A matplotlib module, imported on first use; the missing extra is a typed error."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise InvalidInputError(HINT) from None


P = ParamSpec("P")
R = TypeVar("R")


def plain(draw: Callable[P, R]) -> Callable[P, R]:
    """``draw`` with matplotlib's math text off for every text it makes: a ``$`` in user text is a dollar sign."""

    @functools.wraps(draw)
    def drawn(*args: P.args, **kwargs: P.kwargs) -> R:
        with mpl("matplotlib").rc_context({"text.parse_math": False}):
            return draw(*args, **kwargs)

    return drawn


def sequence_of_names(value: object, what: str) -> list[str] | None:
    """``value`` (None, a name, or any iterable of names: a list, a numpy array) as a list; anything else is
    refused naming ``what``."""
    if value is None:
        return None
    if isinstance(value, str):
        return [value]
    names = list(value) if isinstance(value, Iterable) else None
    if names is not None and all(isinstance(v, str) for v in names):
        return names
    raise InvalidInputError(f"{what} must be a name or a list of names; got {brief(value)}")


def date_limits(lo: float, hi: float) -> tuple[float, float]:
    """Axis limits in matplotlib's date numbers, kept within the years 1 to 9999 (the margin around a time in the
    year 1 would reach the year 0, which matplotlib refuses only when the figure is drawn)."""
    mdates = mpl("matplotlib.dates")
    first = float(mdates.date2num(dt.datetime(1, 1, 1)))
    last = float(mdates.date2num(dt.datetime(9999, 12, 31, 23, 59)))
    return max(lo, first), min(hi, last)


def canvas(ax: Axes | None, size: tuple[float, float]) -> tuple[Figure, Axes]:
    """New axes on a new figure of ``size`` inches, or the axes given and their figure."""
    if ax is None:
        fig: Figure = mpl("matplotlib.figure").Figure(figsize=size, layout="constrained")
        return fig, fig.add_subplot()
    if not isinstance(ax, mpl("matplotlib.axes").Axes):
        raise InvalidInputError(f"ax must be matplotlib Axes (or None for a new figure); got {brief(ax)}")
    found = ax.get_figure()  # a Figure, or a SubFigure whose ``figure`` is the one that saves
    whole: Figure = found.figure if found is not None and found.figure is not None else found
    return whole, ax


# -- fonts ---------------------------------------------------------------------------------------

_CJK_FAMILIES: Final = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "SimHei",
    "Heiti SC",
    "Droid Sans Fallback",
    "Arial Unicode MS",
)


def _charmap(path: str) -> frozenset[int]:
    try:
        return frozenset(mpl("matplotlib.ft2font").FT2Font(path).get_charmap())
    except (OSError, RuntimeError, ValueError):  # a font file matplotlib cannot read has no glyphs for us
        return frozenset()


@functools.cache
def cjk_font() -> Any:
    """FontProperties of an installed font that has 休 and 班 (the preferred families first), or None."""
    fm = mpl("matplotlib.font_manager")
    entries = sorted(
        fm.fontManager.ttflist,
        key=lambda e: _CJK_FAMILIES.index(e.name) if e.name in _CJK_FAMILIES else len(_CJK_FAMILIES),
    )
    need = {ord("休"), ord("班")}
    for entry in entries:
        # "Last Resort" fonts map every character to a placeholder box: they have no glyph, only its box
        if not entry.name.startswith("Last Resort") and need <= _charmap(entry.fname):
            return fm.FontProperties(fname=entry.fname)
    return None


@functools.cache
def _default_glyphs(path: str) -> frozenset[int]:
    return _charmap(path)


class Fonts:
    """Text as drawable: in the default font, else the CJK font, else with the missing characters as ``?``."""

    def __init__(self) -> None:
        fm = mpl("matplotlib.font_manager")
        self.cjk = cjk_font()
        self.glyphs = _default_glyphs(str(fm.findfont(fm.FontProperties())))

    def fit(self, text: str) -> tuple[str, Any]:
        """``(text, fontproperties or None)`` to draw ``text`` without a missing glyph."""
        if all(ord(ch) in self.glyphs for ch in text if ch.isprintable() and not ch.isspace()):
            return text, None
        if self.cjk is not None:
            return text, self.cjk
        return "".join(ch if ord(ch) in self.glyphs or ch.isspace() else "?" for ch in text), None

    def text(self, ax: Axes, x: float, y: float, text: str, **kw: Any) -> Any:
        shown, font = self.fit(text)
        if font is not None:
            kw["fontproperties"] = font.copy()
            if "fontsize" in kw:
                kw["fontproperties"].set_size(kw.pop("fontsize"))
        return ax.text(x, y, shown, **kw)
