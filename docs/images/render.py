"""Render the PNGs docs/notebooks.md shows: ``python docs/images/render.py`` (needs the ``plot`` extra and pandas).

Writes calendar-2026.png, case-timeline.png and report.png beside this script. The figures are the ones the
page's examples build; the tickets of the report are generated (a fixed seed), so the PNGs are the same on every
run of the same library and matplotlib.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

import slaclock as sc
from slaclock import plot
from slaclock._demo import seed_001

HERE = Path(__file__).parent
DPI = 90


def seed_001_case() -> sc.Case:
    """A complaint on seed contract 001: acknowledged, paused, extended, investigated late-ish, escalated."""
    contract = seed_001()
    return (
        contract.open(received_at="2026-09-24T10:00")
        .record("acknowledged", at="2026-09-25T09:30")
        .pause("awaiting_customer", at="2026-09-28T10:00")
        .resume(at="2026-09-30T09:00")
        .extend("standard_handling", notified_at="2026-10-09T15:00")
        .record("investigated", at="2026-10-12T16:00")
        .escalate(at="2026-10-13T10:00")
    )


def desk_report() -> pd.DataFrame:
    """A help desk's first replies, three teams, January to June 2026: the report by team and month."""
    desk = sc.Contract(
        "desk",
        [sc.Clause("first_reply", "4个工作小时", starts_on="received", met_by="replied")],
        events=["received"],
        calendar=sc.CalendarSpec("CN", hours="09:00-12:00,13:00-18:00"),
    )
    rng = np.random.default_rng(19)
    n = 1_200
    minutes = rng.integers(0, 181 * 24 * 60, n)
    received = pd.Timestamp("2026-01-01") + pd.to_timedelta(minutes, unit="min")
    team = rng.choice(["ops", "sales", "billing"], n, p=[0.5, 0.3, 0.2])
    slow = {"ops": 4.0, "sales": 7.0, "billing": 2.5}
    month = received.month.to_numpy()
    hours = rng.exponential([slow[t] * (1.4 if m in (2, 5) else 1.0) for t, m in zip(team, month, strict=True)])
    replied = received + pd.to_timedelta(hours * 60, unit="min").round("min")
    tickets = pd.DataFrame({"team": team, "received": received, "replied": replied})
    results = desk.evaluate(tickets, now="2026-07-01 09:00", keep="team")
    return sc.report(results, by="team", period="month")


def main(out: Path = HERE) -> None:
    figures = {
        "calendar-2026.png": sc.calendar("CN").plot_year(2026),
        "case-timeline.png": seed_001_case().plot(now="2026-10-20T12:00"),
        "report.png": plot.report(desk_report()),
    }
    for name, fig in figures.items():
        fig.savefig(out / name, dpi=DPI)
        print(out / name, f"{(out / name).stat().st_size / 1024:.0f} kB")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
