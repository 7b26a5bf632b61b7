"""The bundled snapshot of the official days equals what ``holidays`` says, day by day.

Calendars read their official span from ``slaclock/data/official-days.json`` so that a
first calendar does not pay for importing ``holidays`` (it imports every country). This
test is what keeps the snapshot honest: bumping ``holidays`` to a version that changes any
official day fails here, and the maintainer then re-checks the registry and refreshes the
snapshot with ``python -m slaclock._days.sources``.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

import slaclock as sc
from slaclock._days import sources as _sources
from slaclock._days.registry import REGISTRY


@pytest.fixture(scope="module")
def live() -> dict[str, object]:
    return _sources.live_snapshot()


def test_snapshot_equals_the_installed_holidays(live: dict[str, object]) -> None:
    stored = _sources._snapshot()
    assert stored["holidays"] in REGISTRY["CN"].checked_with
    for region, lists in live["regions"].items():  # type: ignore[attr-defined]
        for name, body in lists.items():
            have = {row[0]: row[1:] for row in stored["regions"][region][name]["days"]}
            want = {row[0]: row[1:] for row in body["days"]}
            differing = sorted(d for d in have.keys() | want.keys() if have.get(d) != want.get(d))
            assert not differing, f"{region}/{name}: snapshot and holidays differ on {differing[:5]}"
            assert stored["regions"][region][name]["years"] == body["years"]


def test_snapshot_covers_each_registry_span_exactly() -> None:
    for region, lists in _sources._snapshot()["regions"].items():
        cov = REGISTRY[region]
        for body in lists.values():
            assert body["years"] == [cov.first.year, cov.last.year]
            days = [dt.date.fromisoformat(row[0]) for row in body["days"]]
            assert days == sorted(days)
            assert cov.first <= days[0]
            assert days[-1] <= cov.last


def test_written_snapshot_is_the_bundled_file(tmp_path: object) -> None:
    from pathlib import Path

    out = Path(str(tmp_path)) / "official-days.json"
    _sources.write_snapshot(out)
    assert out.read_text(encoding="utf-8") == Path(_sources.SNAPSHOT).read_text(encoding="utf-8")


def test_an_official_calendar_does_not_import_holidays() -> None:
    code = (
        "import sys, slaclock as sc; cal = sc.calendar('CN'); "
        "assert cal.is_workday('2026-10-10') and not cal.is_workday('2026-10-07'); "
        "print('holidays' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_snapshot_days_are_the_calendar_days() -> None:
    cal = sc.calendar("CN")
    facts = _sources.official_facts("CN", "statutory")
    assert facts.makeup, "CN has makeup workdays"
    for day, named in [*facts.off.items(), *facts.makeup.items()]:
        assert cal.day_kind(day) == named.kind
        assert cal.holiday_name(day, "zh") == named.zh
