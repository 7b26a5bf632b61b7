"""Cases made for the tests of displays and plots."""

from __future__ import annotations

import datetime as dt

import slaclock as sc


def chatty_case(exchanges: int) -> sc.Case:
    """A case of a recurring reply clause with ``exchanges`` customer replies, each answered five minutes later
    (``2 * exchanges + 1`` events, ``exchanges`` cycles), made from its stored form (no replay per event)."""
    c = sc.Contract(
        "desk",
        [sc.Clause("reply", "4小时", kind="recurring", starts_on="customer_replied", met_by="answered")],
        events=["received", "customer_replied"],
    )
    d = c.open(received_at="2026-01-05T10:00").to_dict()
    t0 = dt.datetime(2026, 1, 5, 11, 0)
    for i in range(exchanges):
        for name, minutes in (("customer_replied", 10 * i), ("answered", 10 * i + 5)):
            at = (t0 + dt.timedelta(minutes=minutes)).isoformat() + "+08:00"
            d["events"].append({"kind": "record", "name": name, "at": at})
    return sc.Case.from_dict(c, d)
