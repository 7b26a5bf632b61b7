"""Hostile text for the notice reader: linear in its length, refused with a short typed message.

Linearity is shown by scaling, not by a wall-clock budget: the same adversarial pattern at n and 8n
repeats must take well under the 64x a quadratic reader would (best of three, generous margin).
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

import slaclock as sc
from slaclock._days.notice import MAX_CHARS

PATTERNS: dict[str, Callable[[int], str]] = {
    "blank runs": lambda n: "一、元旦：" + " " * n,
    "month runs": lambda n: "一、元旦：" + "1月" * n,
    "open spans": lambda n: "一、元旦：" + "1月1日至" * n + "放假",
    "unclosed brackets": lambda n: "一、元旦：" + "（" * n,
    "a bracket never closed": lambda n: "一、元旦：1月1日（" + "星期" * n,
    "numbered items": lambda n: "".join(f"{i}、元旦：1月1日放假。\n" for i in range(n // 8)),
    "commas": lambda n: "一、元旦：" + "，" * n + "1月1日放假",
    "digits": lambda n: "一、元旦：" + "1" * n + "日放假",
    "numeral runs": lambda n: "一、元旦：" + "十" * n + "月放假",
    "years": lambda n: "2026年" * n,
    "signature years": lambda n: "国务院办公厅\n" + "二〇二五年" * n,
    "a title without end": lambda n: "国务院办公厅关于" * n + "放假安排的通知",
    "sentences": lambda n: "一、元旦：" + "1月1日（星期四）至3日（星期六）放假调休，共3天。" * (n // 16),
}


def _best(text: str) -> tuple[float, str]:
    best, message = float("inf"), ""
    for _ in range(3):
        t0 = time.perf_counter()
        try:
            sc.arrangement_from_notice(text, year=2026)
        except sc.SlaclockError as exc:
            message = str(exc)
        best = min(best, time.perf_counter() - t0)
    return best, message


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_the_reader_is_linear_and_its_messages_short(name: str) -> None:
    small, _ = _best(PATTERNS[name](1_500))
    large, message = _best(PATTERNS[name](12_000))
    assert large < 24 * max(small, 2e-4), f"{name}: {small * 1e3:.2f} ms -> {large * 1e3:.2f} ms at 8x the text"
    assert len(message) < 1_000


def test_text_past_the_cap_is_refused_before_it_is_read() -> None:
    with pytest.raises(sc.NoticeParseError, match=r"longer than|too long|characters") as info:
        sc.arrangement_from_notice("放" * (MAX_CHARS + 1))
    assert len(str(info.value)) < 1_000


@pytest.mark.parametrize("value", [None, b"\xe6\x94\xbe", 3, ["一、元旦：1月1日放假。"], object()])
def test_a_notice_that_is_not_text_is_a_typed_error(value: object) -> None:
    with pytest.raises(sc.SlaclockError, match="must be text"):
        sc.arrangement_from_notice(value)  # type: ignore[arg-type]
