"""Text folded for reading: NFKC, except characters it would turn into digits that are not full-width digits."""

from __future__ import annotations

import sys
import unicodedata

import pytest

from slaclock import MonthlyRule, PeriodParseError, fixed_window
from slaclock._base.fold import fold
from slaclock.errors import InvalidInputError
from slaclock.penalties import daily_rate, yuan


def test_only_ascii_and_full_width_digits_fold_to_digits() -> None:
    for code in range(0x80, sys.maxunicode + 1, 1):
        c = chr(code)
        f = fold(c)
        if any("0" <= x <= "9" for x in f):
            assert "\uff10" <= c <= "\uff19", hex(code)
        elif c not in f:  # folded: as NFKC folds it
            assert f == unicodedata.normalize("NFKC", c)


def test_text_around_a_kept_character_is_folded_as_a_whole() -> None:
    assert fold("ＡＢ²ｃ\u0065\u0301") == "AB²c\u00e9"  # the combining accent still composes after a kept ²
    assert fold("") == ""


@pytest.mark.parametrize(
    ("read", "text"),
    [
        (daily_rate, "万分之⁵"),
        (daily_rate, "0.0⁵%"),
        (yuan, "1²00"),
        (MonthlyRule.parse, "每月初⁵个工作日内"),
        (lambda t: fixed_window(t, calendar="CN"), "2026-10-0¹至2026-10-07"),
    ],
)
def test_every_reader_of_words_refuses_such_digits(read: object, text: str) -> None:
    with pytest.raises((InvalidInputError, PeriodParseError)):
        read(text)  # type: ignore[operator]
