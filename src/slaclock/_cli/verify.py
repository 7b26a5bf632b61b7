"""``slaclock verify``: every start instant of the calendar's official data through a contract's invariants.

CONTRACT is a contract file or a template filled with ``--set`` (as ``slaclock evaluate`` takes it). The report
is :meth:`Contract.verify`'s, in words; the exit status is 0 when every invariant holds and 1 when one fails or
no timeline was checked (``slaclock check`` answers the same way), so a contract can be verified in a build
before it is signed or deployed.
"""

from __future__ import annotations

import argparse
import time

from slaclock._base.show import brief
from slaclock._cli.evaluate import contract_from
from slaclock._cli.output import Style
from slaclock.errors import InvalidInputError

__all__ = ["verify"]


def verify(args: argparse.Namespace, style: Style) -> int:
    """Verify CONTRACT, print the report; 0 when every invariant holds, 1 when one fails or no timeline was checked."""
    contract = contract_from(args.contract, args.set)
    began = time.perf_counter()
    report = contract.verify(
        resolution=args.resolution,
        first=args.first,
        last=args.last,
        event=args.event,
        gaps=gaps_of(args.gap),
    )
    seconds = time.perf_counter() - began
    print(report.table(args.lang, explain=not args.brief))
    took = f"{seconds:.1f} s" if args.lang == "en" else f"用时{seconds:.1f}秒"
    print(style.paint(took, "dim"))
    if not report.checked:  # a build gate passed on nothing would be no gate
        en, zh = "no timeline was checked: widen --first/--last", "未检查任何时间线：请放宽--first/--last"
        none = en if args.lang == "en" else zh
        print(style.paint(none, "red", "bold"))
        return 1
    return 0 if report.ok else 1


def gaps_of(settings: list[str]) -> dict[str, list[str]] | None:
    """``--gap EVENT=GAP,GAP,...`` values as ``verify``'s ``gaps``: ``{"acknowledged": ["0小时", "24小时"]}``."""
    out: dict[str, list[str]] = {}
    for setting in settings:
        event, sep, values = setting.partition("=")
        listed = [v.strip() for v in values.split(",") if v.strip()]
        if not sep or not event.strip() or not listed:
            raise InvalidInputError(
                f"--gap takes EVENT=GAP[,GAP...] (e.g. --gap acknowledged=0小时,6小时,24小时); got {brief(setting)}"
            )
        out.setdefault(event.strip(), []).extend(listed)
    return out or None
