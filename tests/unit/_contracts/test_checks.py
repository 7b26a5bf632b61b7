"""The plain-field checks of contract definitions: each names the place and shows the value briefly."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from slaclock._contracts import checks
from slaclock.errors import ContractError

HUGE = "中" * 100_000 + "-"


@pytest.mark.parametrize(
    "call",
    [
        lambda: checks._identifier(HUGE, "name"),
        lambda: checks._event_name(HUGE, "met_by"),
        lambda: checks._event_ref(HUGE, "starts_on"),
        lambda: checks._event_ref(dt.datetime(2025, 1, 1), "starts_on"),
        lambda: checks._text_field(list(range(100_000)), "title_en"),
        lambda: checks._text_field("\ud800" * 100_000, "title_en"),
        lambda: checks._flag(HUGE, "pausable"),
        lambda: checks._check_keys({HUGE: 1}, "clause", required=(), allowed=("name",)),
        lambda: checks._check_keys([HUGE] * 1000, "clause", required=(), allowed=("name",)),  # type: ignore[arg-type]
    ],
)
def test_messages_show_a_huge_value_briefly(call: Callable[[], object]) -> None:
    with pytest.raises(ContractError) as info:
        call()
    assert len(str(info.value)) < 400


def test_a_near_miss_key_is_suggested_a_huge_one_is_not() -> None:
    with pytest.raises(ContractError, match="did you mean 'pausable'"):
        checks._check_keys({"pauseable": 1}, "clause", required=(), allowed=("name", "pausable"))
    assert checks._suggest("p" * 101, ("pausable",)) == ""
