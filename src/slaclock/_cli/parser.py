"""The ``slaclock`` command's arguments: one sub-command per task, each ``--help`` with an example.

Each sub-command names its handler as ``"module:function"`` (``set_defaults(run=...)``), imported only when it
runs: ``slaclock --help`` and ``slaclock month`` never import pyarrow or the notice parser.
"""

from __future__ import annotations

import argparse
from typing import Any, NoReturn

from slaclock._base.show import brief
from slaclock._cli.days import CONVENTIONS, add_calendar_options
from slaclock.errors import InvalidInputError

__all__ = ["build"]


class Parser(argparse.ArgumentParser):
    """argparse with its errors raised as :class:`InvalidInputError`: one line on stderr, exit status 2."""

    def error(self, message: str) -> NoReturn:
        raise InvalidInputError(f"{message} (see '{self.prog} --help')")


class _Formatter(argparse.HelpFormatter):
    """Descriptions wrapped to the terminal; the ``example:`` epilog as written, one command a line."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if text.startswith("example:"):
            return "".join(indent + line for line in text.splitlines(keepends=True))
        return super()._fill_text(text, width, indent)


def _examples(*lines: str) -> str:
    return "example:\n" + "\n".join(f"  {line}" for line in lines)


def _sub(
    sub: Any, name: str, run: str, help: str, description: str, examples: tuple[str, ...]
) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = sub.add_parser(
        name,
        help=help,
        description=description,
        epilog=_examples(*examples),
        formatter_class=_Formatter,
    )
    p.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default=argparse.SUPPRESS,
        help="colour the output: auto (when stdout is a terminal and NO_COLOR is unset), always, never",
    )
    p.set_defaults(run=run)
    return p


def _lang(p: argparse.ArgumentParser, default: str = "zh") -> None:
    p.add_argument("--lang", choices=("zh", "en"), default=default, help=f"language of names and steps ({default})")


def build(version: str) -> argparse.ArgumentParser:
    """The whole command line."""
    parser = Parser(
        prog="slaclock",
        description="Contract deadlines on Chinese working-day calendars (调休 included): due dates, month grids, "
        "holiday notices, contract checks and whole ticket files at the terminal.",
        epilog=_examples(
            "slaclock due 2026-09-30T16:20 5个工作日 --explain",
            "slaclock month 2026-10",
            "slaclock evaluate contract.toml tickets.csv -o report.parquet --now 2026-12-01T00:00",
        )
        + "\n\n'slaclock COMMAND --help' shows each command with an example.",
        formatter_class=_Formatter,
    )
    parser.add_argument("--version", action="version", version=f"slaclock {version}")
    parser.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour the output: auto (when stdout is a terminal and NO_COLOR is unset), always, never",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True, parser_class=Parser)

    p = _sub(
        sub,
        "due",
        "days:due",
        "when a period from the contract's words ends",
        "When a period that starts at START ends, counted by the Civil Code (arts. 200-204) on the calendar: the "
        "start day does not count, a last day on a rest day moves to the next workday, makeup days (调休上班) are "
        "workdays. Prints the deadline (the last day's 24:00, or the instant for hours); --explain adds each step.",
        (
            "slaclock due 2026-09-30T16:20 5个工作日",
            "slaclock due 2025-09-24 收到投诉后7日内 --explain --lang en",
            "slaclock due 2026-09-30T17:00 8个工作小时 --hours 09:00-12:00,13:30-18:00 --json",
        ),
    )
    p.add_argument("start", metavar="START", help="a date (2026-09-30) or date and time (2026-09-30T16:20)")
    p.add_argument(
        "period", metavar="PERIOD", help="the contract's words: 5个工作日, 收到后24小时内, '3 business days', P1M"
    )
    add_calendar_options(p, hours=True)
    p.add_argument("--convention", choices=CONVENTIONS, default="civil_code", help="the counting rules (civil_code)")
    _lang(p)
    p.add_argument("--explain", action="store_true", help="print each counting step")
    p.add_argument("--json", action="store_true", help="print the deadline as JSON (with its steps)")

    p = _sub(
        sub,
        "month",
        "days:month",
        "a month as a grid, 休 and 班 marked",
        "A month as a Monday-first grid with its number of workdays: 休 marks the days of a holiday break, 班 a "
        "weekend day worked in exchange (调休上班).",
        ("slaclock month 2026-10", "slaclock month 2027-02 --arrangements cn-2027.toml"),
    )
    p.add_argument("month", metavar="MONTH", help="YYYY-MM")
    add_calendar_options(p)

    p = _sub(
        sub,
        "year",
        "days:year",
        "a year's twelve month grids",
        "The twelve month grids of a year, three abreast, 休 and 班 marked as in 'slaclock month'.",
        ("slaclock year 2026", "slaclock year 2026 --region HK"),
    )
    p.add_argument("year", metavar="YEAR", help="YYYY")
    add_calendar_options(p)

    p = _sub(
        sub,
        "days",
        "",
        "workday arithmetic: add, between, is",
        "Workday arithmetic on the calendar: the N-th workday after a date, the workdays between two dates, what "
        "kind of day a date is.",
        (
            "slaclock days add 2026-09-30 5",
            "slaclock days between 2026-10-01 2026-11-01",
            "slaclock days is 2026-10-10",
        ),
    )
    days = p.add_subparsers(dest="days_command", metavar="add|between|is", required=True, parser_class=Parser)
    q = _sub(
        days,
        "add",
        "days:days_add",
        "the N-th workday after DATE",
        "The N-th workday strictly after DATE (the day itself never counts, Civil Code art. 201); a negative N "
        "counts back. Makeup days (调休上班) are workdays.",
        ("slaclock days add 2026-09-30 5      # 2026-10-13", "slaclock days add 2026-10-08 -1"),
    )
    q.add_argument("date", metavar="DATE", help="YYYY-MM-DD")
    q.add_argument("n", metavar="N", type=_int, help="a whole number of workdays")
    add_calendar_options(q)
    q = _sub(
        days,
        "between",
        "days:days_between",
        "the workdays in [A, B)",
        "The number of workdays from A (counted) to B (not counted), like numpy.busday_count; negative if B < A.",
        ("slaclock days between 2026-10-01 2026-11-01      # 18",),
    )
    q.add_argument("a", metavar="A", help="YYYY-MM-DD")
    q.add_argument("b", metavar="B", help="YYYY-MM-DD")
    add_calendar_options(q)
    q = _sub(
        days,
        "is",
        "days:days_is",
        "whether DATE is a workday, and its kind",
        "Whether DATE is a workday, its kind (workday, weekend, holiday, transferred rest, makeup workday, closure, "
        "extra workday) and its name.",
        ("slaclock days is 2026-10-10", "slaclock days is 2026-10-01 --lang en"),
    )
    q.add_argument("date", metavar="DATE", help="YYYY-MM-DD")
    add_calendar_options(q)
    _lang(q)

    p = _sub(
        sub,
        "holidays",
        "days:holidays",
        "a year's days off and makeup workdays",
        "Every day of YEAR that is not an ordinary workday or weekend: holidays, transferred rest days (休) and "
        "weekend days worked (班), with their names.",
        ("slaclock holidays 2026", "slaclock holidays 2026 --region HK --lang en"),
    )
    p.add_argument("year", metavar="YEAR", help="YYYY")
    add_calendar_options(p)
    _lang(p)

    p = _sub(
        sub,
        "ics",
        "days:ics",
        "a year's days as an iCalendar (.ics) file",
        "The days off and makeup workdays of YEAR as an iCalendar file (RFC 5545) for ticket systems and mail "
        "calendars: one all-day event per day that differs from the plain week.",
        ("slaclock ics 2026 -o cn.ics", "slaclock ics 2026 --lang en > cn-en.ics"),
    )
    p.add_argument("year", metavar="YEAR", help="YYYY")
    p.add_argument("-o", "--output", metavar="FILE", help="where to write (default: stdout)")
    add_calendar_options(p)
    _lang(p)

    p = _sub(
        sub,
        "notice",
        "",
        "State Council holiday notices",
        "Read the State Council's holiday notice (国务院办公厅关于YYYY年部分节假日安排的通知) into an "
        "arrangement file.",
        ("slaclock notice import notice.txt -o cn-2027.toml",),
    )
    notice = p.add_subparsers(dest="notice_command", metavar="import", required=True, parser_class=Parser)
    q = _sub(
        notice,
        "import",
        "files:notice_import",
        "a notice's text into an arrangement file",
        "Read a notice as pasted from gov.cn (or a reprint) and write its days off and makeup workdays as an "
        "arrangement file (TOML) that --arrangements and calendar(arrangements=...) load. Every date, weekday and "
        "day count is checked against the law of its year; a problem names the line.",
        (
            "slaclock notice import notice.txt -o cn-2027.toml",
            "pbpaste | slaclock notice import - -o cn-2027.toml",
            "slaclock notice import change.txt --base cn-2020.toml -o cn-2020.toml",
        ),
    )
    q.add_argument("notice", metavar="NOTICE", help="the notice's text file (UTF-8), or - for stdin")
    q.add_argument("-o", "--output", metavar="FILE", help="the arrangement file to write (default: stdout)")
    q.add_argument("--year", type=_int, help="the year, for a text without the notice's title")
    q.add_argument("--url", default="", help="where the text was read (recorded in the file)")
    q.add_argument("--base", metavar="FILE", help="for a notice that changes a year: that year's arrangement file")

    p = _sub(
        sub,
        "check",
        "files:check",
        "validate a contract or arrangement file",
        "Validate a contract file (TOML, JSON, YAML) or an arrangement file (TOML, JSON) and list every problem "
        "with its place. Exit status 0 when the file is valid, 1 when it has problems, 2 when it cannot be read.",
        ("slaclock check contract.toml", "slaclock check cn-2027.toml"),
    )
    p.add_argument("file", metavar="FILE", help="a contract file or an arrangement file")

    p = _sub(
        sub,
        "evaluate",
        "evaluate:evaluate",
        "a file of tickets against a contract",
        "Evaluate every case (row) of a CSV or Parquet file against a contract, streaming the file in batches, and "
        "write each clause's state, due, last day, overdue time, start and time taken to a CSV or Parquet file. "
        "Prints the count of each state per clause (met, breached, at risk, running, ...) and, with --report-by, "
        "the compliance report by group. CONTRACT is a contract file or a seed template's id or name (000-004, "
        "customer_service_standards, ...): fill a template's blanks with --set blank=value.",
        (
            "slaclock evaluate desk.toml tickets.csv -o report.parquet --now 2026-12-01T00:00 --report-by team",
            "slaclock evaluate 003 tickets.parquet -o out.csv --now 2026-10-03T09:00",
            "slaclock evaluate 001 tickets.csv -o out.csv --now 2026-10-20T00:00 --set ack=24小时 ...",
        ),
    )
    p.add_argument("contract", metavar="CONTRACT", help="a contract file (.toml, .json, .yaml) or a template id/name")
    p.add_argument("tickets", metavar="TICKETS", help="the cases: a .csv or .parquet file, one row per case")
    p.add_argument("-o", "--output", metavar="FILE", required=True, help="the result: a .csv or .parquet file")
    p.add_argument("--now", required=True, help="the instant to evaluate at, e.g. 2026-12-01T00:00 (no default)")
    p.add_argument("--set", metavar="BLANK=VALUE", action="append", default=[], help="fill a template's blank")
    p.add_argument("--keep", metavar="COLUMN", action="append", default=[], help="copy an input column (ticket id)")
    p.add_argument("--clauses", metavar="NAME", action="append", help="evaluate only these clauses")
    p.add_argument("--report-by", metavar="COLUMN", action="append", help="print the compliance report by COLUMN")
    p.add_argument(
        "--log",
        metavar="FILE",
        help="a file of events, one row per occurrence (KEY or row, event, at), in the cases' order",
    )
    p.add_argument("--key", metavar="COLUMN", help="the column naming each case in TICKETS and in --log")
    p.add_argument(
        "--pauses", metavar="FILE", help="a file of pauses (row, paused_at, resumed_at), in the cases' order"
    )
    p.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="a progress bar on stderr (default: when stderr is a terminal)",
    )
    p.add_argument("--batch-size", type=_int, default=65_536, help="rows per batch (65536)")

    p = _sub(
        sub,
        "verify",
        "verify:verify",
        "every start instant through a contract's invariants",
        "Verify a contract against every start instant of its calendar's official data (2004-2026 for CN) at a "
        "resolution (15 minutes: 806,496 timelines): each event at the last moment its clause allows, then the "
        "invariants (dues after their starts, chains within the clause they feed, rolled last days on workdays, "
        "extension caps longer than their limits, notices before their events). Prints each invariant, and for one "
        "that fails the first and the smallest counterexample in words. Exit status 0 when every invariant holds, "
        "1 when one fails or no timeline was checked, 2 for bad input. CONTRACT is a contract file or a template "
        "(fill blanks with --set).",
        (
            "slaclock verify desk.toml",
            "slaclock verify 003 --resolution 1小时 --first 2020-01-01 --lang en",
            "slaclock verify 001 --set ack=24 --set investigation=5 ... --gap acknowledged=0小时,6小时,24小时",
        ),
    )
    p.add_argument("contract", metavar="CONTRACT", help="a contract file (.toml, .json, .yaml) or a template id/name")
    p.add_argument("--set", metavar="BLANK=VALUE", action="append", default=[], help="fill a template's blank")
    p.add_argument("--resolution", default="15分钟", help="the step between start instants (default 15分钟)")
    p.add_argument("--first", metavar="DATE", help="the first start day (default: the official data's first)")
    p.add_argument("--last", metavar="DATE", help="the last start day (default: the official data's last)")
    p.add_argument("--event", help="the event the timelines start on (default: the contract's first declared)")
    p.add_argument(
        "--gap",
        metavar="EVENT=GAP,...",
        action="append",
        default=[],
        help="an event at these gaps after the event its clause starts on, instead of at the last moment",
    )
    p.add_argument("--brief", action="store_true", help="the table only, without the counterexamples' timelines")
    _lang(p)

    p = _sub(
        sub,
        "demo",
        "demo:demo",
        "the demo: a complaint's timeline across National Day 2026",
        "The demo behind 'make demo': month grids of the CN calendar (休/班), the seed contracts' limits for one "
        "complaint, a case, a million complaints at once, and what happens past the official data.",
        ("slaclock demo",),
    )
    return parser


def _int(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {brief(text)}") from None
