"""Render the PNGs the docs show: ``python docs/images/render.py`` (needs the ``plot`` extra and pandas).

Writes calendar-2026.png, case-timeline.png and report.png (docs/notebooks.md; case-timeline.png is also seed 001's
page) and seed-000-timeline.png, seed-002-timeline.png, seed-003-timeline.png and seed-004-timeline.png (the
worked case of each seed contract's page, docs/seed-00N.md: the same events and ``now``) beside this script. The
figures are the ones the pages' examples build; the tickets of the report are generated (a fixed seed), so the PNGs
are the same on every run of the same library and matplotlib.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

import slaclock as sc
from slaclock import plot
from slaclock._demo import seed_001

if TYPE_CHECKING:
    from matplotlib.figure import Figure

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


def seed_cases() -> dict[str, tuple[sc.Case, str]]:
    """The worked case of each seed page but 001's (case-timeline.png) and its ``now``, as docs/seed-00N.md has it."""
    appeasement = sc.templates.appeasement(voucher_from="2026-10-01", voucher_until="2026-12-31", priority_service=3)
    handling = sc.templates.complaint_handling(variant=1)
    standards = sc.templates.customer_service_standards()
    ending = sc.templates.after_sales_termination(
        termination_date="2026-09-30",
        audit="15个工作日",
        rectification="7日",
        confidentiality=2,
        overdue_termination=30,
    )
    return {
        "000": (
            appeasement.open(received_at="2026-09-28T10:00", event="effective").record(
                "voucher_used", at="2026-11-20T15:00"
            ),
            "2026-12-01T12:00",
        ),
        "002": (
            handling.open(received_at="2026-09-28T10:00")
            .record("investigated", at="2026-10-12T16:00")
            .record("solution_notified", at="2026-10-26T11:00"),
            "2026-10-28T12:00",
        ),
        "003": (
            standards.open(received_at="2026-09-28T09:00", event="effective")
            .record("complaint_received", at="2026-09-30T20:00")
            .record("solution_given", at="2026-10-02T19:00")
            .record("fee_paid", at="2026-10-12T16:00"),
            "2026-10-20T12:00",
        ),
        "004": (
            ending.open(received_at="2026-09-15T10:00", event="signed")
            .record("handover_completed", at="2026-09-28T17:00")
            .record("audit_completed", at="2026-10-23T17:00")
            .record("payment_due", at="2026-10-31T00:00"),
            "2026-11-10T12:00",
        ),
    }


def seed_timeline(seed: str, case: sc.Case, now: str) -> Figure:
    """A seed case's timeline; seed 004's shows September to early December (its confidentiality runs two years)."""
    fig = case.plot(now=now)
    if seed == "004":
        ax = fig.axes[0]
        ax.set_xlim(dt.datetime(2026, 9, 10), dt.datetime(2026, 12, 10))
        for text in ax.texts:  # the labels beyond the shown months stay inside the axes
            text.set_clip_on(True)
    return fig


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
        **{f"seed-{seed}-timeline.png": seed_timeline(seed, *drawn) for seed, drawn in seed_cases().items()},
    }
    for name, fig in figures.items():
        fig.savefig(out / name, dpi=DPI)
        print(out / name, f"{(out / name).stat().st_size / 1024:.0f} kB")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
