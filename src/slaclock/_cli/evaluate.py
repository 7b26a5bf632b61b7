"""``slaclock evaluate``: a file of cases against a contract, streamed through :func:`slaclock.io.evaluate_file`.

The cases are read and the results written one batch at a time (``--batch-size`` rows), so memory does not
grow with the file. The summary (each clause's count of each state) is counted from the written result, read
back a batch at a time. ``--report-by`` is the one step that is not streamed: it reads the whole result into
memory (``sc.report`` takes a table), its types restored when the result is CSV (CSV keeps states as text and
durations as seconds); for a result larger than memory, report with an engine (docs/scale.md).

A template's blanks (``slaclock evaluate 001 ...``) are filled with ``--set blank=value``: a value of digits is
a number (``investigation=5``: five of the unit the template writes, here working days), anything else is text
(``ack=24小时``, ``voucher_from=2026-10-01``). A blank left unfilled is the template's own error, naming every
one, with ``--set`` added to what to do.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path
from typing import Any

from slaclock._base.show import brief, path_text
from slaclock._cli.output import Style, table
from slaclock._contracts.contract import Contract
from slaclock._contracts.status import STATES
from slaclock.errors import ContractError, InvalidInputError

__all__ = ["contract_from", "evaluate", "state_counts"]

_FILES = (".toml", ".json", ".yaml", ".yml")
_SHOWN = ("met", "breached", "at_risk", "running")
"""The states every summary shows; the others (paused, not started, stopped, expired) where some case has them."""


def contract_from(name: str, settings: list[str]) -> Contract:
    """The contract a CONTRACT argument names: a contract file, or a template filled by ``--set`` values."""
    from slaclock import templates

    path = Path(name)
    if path.suffix.lower() in _FILES or path.exists():
        if settings:
            raise InvalidInputError(f"--set fills a template's blanks; {path_text(name)} is a contract file")
        return Contract.load(path)
    names = {f.__name__ for f in templates.TEMPLATES.values()}
    if name not in templates.TEMPLATES and name not in names:
        raise InvalidInputError(
            f"CONTRACT {brief(name)} is neither a contract file (.toml, .json, .yaml) nor a template "
            f"({', '.join(sorted(templates.TEMPLATES))} or {', '.join(sorted(names))})"
        )
    blanks: dict[str, Any] = {}
    for setting in settings:
        key, sep, value = setting.partition("=")
        if not sep or not key.strip():
            raise InvalidInputError(
                f"--set takes BLANK=VALUE (e.g. --set investigation=5个工作日); got {brief(setting)}"
            )
        blanks[key.strip()] = int(value) if re.fullmatch(r"[0-9]+", value.strip()) else value.strip()
    try:
        return templates.template(name, **blanks)
    except ContractError as exc:
        raise ContractError(f"{exc}; fill a template's blanks with --set BLANK=VALUE") from None


class _Progress:
    """A progress bar on stderr: rows done, of how many when the source says (Parquet), and the rate."""

    def __init__(self) -> None:
        self.start = time.perf_counter()
        self.shown = False

    def __call__(self, done: int, total: int | None) -> None:
        took = max(time.perf_counter() - self.start, 1e-9)
        rate = f"{done / took:,.0f} rows/s"
        if total:
            share = min(done / total, 1.0)
            bar = "#" * int(share * 30)
            text = f"\r[{bar:<30}] {share:4.0%}  {done:,} of {total:,} rows  {rate}"
        else:
            text = f"\r{done:,} rows  {rate}"
        sys.stderr.write(text)
        sys.stderr.flush()
        self.shown = True

    def finish(self) -> None:
        if self.shown:
            sys.stderr.write("\n")
            sys.stderr.flush()


def evaluate(args: argparse.Namespace, style: Style) -> int:
    """``slaclock evaluate CONTRACT TICKETS -o RESULT --now NOW``: the results, a summary and reports."""
    from slaclock import io

    contract = contract_from(args.contract, args.set)
    keep = list(args.keep)
    for column in args.report_by or ():
        if column not in keep:
            keep.append(column)
    _check_report_by(args.tickets, args.report_by or [])
    options: dict[str, Any] = {}
    if args.clauses:
        options["clauses"] = args.clauses
    sides = {what: getattr(args, what) for what in ("log", "key", "pauses") if getattr(args, what) is not None}
    show = args.progress if args.progress is not None else sys.stderr.isatty()
    progress = _Progress() if show else None
    try:
        out = io.evaluate_file(
            contract,
            args.tickets,
            out=args.output,
            now=args.now,
            batch_size=args.batch_size,
            keep=keep,
            progress=progress,
            **sides,
            **options,
        )
    finally:
        if progress is not None:
            progress.finish()
    counts = state_counts(out)
    cases = sum(next(iter(counts.values())).values()) if counts else 0
    print(f"{contract.name}: {cases:,} cases from {args.tickets} at {args.now}; results in {out}")
    states = [s for s in STATES if s in _SHOWN or any(c.get(s) for c in counts.values())]
    states.sort(key=lambda s: _SHOWN.index(s) if s in _SHOWN else len(_SHOWN) + STATES.index(s))
    rows = [[clause, *(f"{c.get(s, 0):,}" for s in states)] for clause, c in counts.items()]
    colours = {"met": ("green",), "breached": ("red",), "at_risk": ("yellow",), "running": ("blue",)}
    print(
        table(
            ["clause", *(s.replace("_", " ") for s in states)],
            rows,
            right=[False, *([True] * len(states))],
            style=style,
            paint=[(), *(colours.get(s, ()) for s in states)],
        )
    )
    if args.report_by:
        from slaclock._contracts.report import report

        results = _read_result(out, contract, args, keep, sides, options)
        print()
        print(style.paint(f"by {', '.join(args.report_by)}:", "bold"))
        print(_text(report(results, by=args.report_by, contract=contract)))
    return 0


def _check_report_by(tickets: str, columns: list[str]) -> None:
    """Each ``--report-by`` column is one of TICKETS' (it is kept for the report, and was refused as ``keep``)."""
    if not columns:
        return
    try:
        names = _schema_of(tickets).names
    except (OSError, ValueError):  # a file Arrow cannot read: evaluate refuses it, naming it
        return
    for column in columns:
        if column not in names:
            shown = ", ".join(map(repr, names[:20])) + (" ..." if len(names) > 20 else "")
            raise InvalidInputError(f"--report-by {brief(column)} is not a column of {path_text(tickets)}: {shown}")


def _arrow(module: str) -> Any:
    """A pyarrow module (imported as ``slaclock.io`` imports it: pyarrow ships no type stubs)."""
    import importlib

    return importlib.import_module(module)


def state_counts(path: Path) -> dict[str, dict[str, int]]:
    """Each clause's count of each state in a result file (CSV or Parquet), read a batch at a time."""
    pa, pc = _arrow("pyarrow"), _arrow("pyarrow.compute")
    batches, names = _batches(path, lambda names: [n for n in names if n.endswith(".state")])
    counts: dict[str, dict[str, int]] = {n[: -len(".state")]: {} for n in names}
    for batch in batches:
        for name in names:
            col = batch.column(name)
            if pa.types.is_dictionary(col.type):
                col = col.cast(col.type.value_type)
            tally = counts[name[: -len(".state")]]
            for item in pc.value_counts(col).to_pylist():
                key = str(item["values"])
                tally[key] = tally.get(key, 0) + int(item["counts"])
    return counts


def _batches(path: Path, pick: Any) -> tuple[Any, list[str]]:
    pa = _arrow("pyarrow")
    if path.suffix.lower() == ".csv":
        pcsv = _arrow("pyarrow.csv")
        names = pick(pcsv.open_csv(path).schema.names)
        types = {n: pa.string() for n in names}
        convert = pcsv.ConvertOptions(include_columns=names, column_types=types)
        return pcsv.open_csv(path, convert_options=convert), names
    pf = _arrow("pyarrow.parquet").ParquetFile(path)
    names = pick(pf.schema_arrow.names)
    return pf.iter_batches(columns=names), names


def _schema_of(path: str | Path) -> Any:
    """A CSV or Parquet file's schema, read from its head (CSV) or its footer (Parquet)."""
    if Path(path).suffix.lower() == ".csv":
        return _arrow("pyarrow.csv").open_csv(path).schema
    return _arrow("pyarrow.parquet").read_schema(path)


def _read_result(
    path: Path, contract: Contract, args: argparse.Namespace, keep: list[str], sides: dict[str, Any], options: Any
) -> Any:
    """The whole result as a pyarrow table, in the types ``evaluate`` gives (a CSV result's types restored)."""
    from slaclock import io

    pa, pq = _arrow("pyarrow"), _arrow("pyarrow.parquet")
    if path.suffix.lower() != ".csv":
        return pq.read_table(path)
    pc, pcsv = _arrow("pyarrow.compute"), _arrow("pyarrow.csv")

    streams = {what: _schema_of(value) if what != "key" else value for what, value in sides.items()}
    schema = io.output_schema(contract, _schema_of(args.tickets), now=args.now, keep=keep, **streams, **options)
    types = {f.name: _csv_type(pa, f.type) for f in schema}
    read = pcsv.read_csv(path, convert_options=pcsv.ConvertOptions(column_types=types))
    columns = []
    for f in schema:
        col = read.column(f.name)
        if pa.types.is_duration(f.type):  # seconds, as the CSV holds them
            col = pc.round(pc.multiply(col, 1e6)).cast(pa.int64()).cast(pa.duration("us")).cast(f.type)
        elif pa.types.is_dictionary(f.type):
            col = col.dictionary_encode()
        columns.append(col)
    return pa.table(columns, names=schema.names)


def _csv_type(pa: Any, kind: Any) -> Any:
    """The type a result column has in CSV: states as text, durations as seconds, instants in µs at least (as
    ``evaluate_file`` reads a CSV file's: a kept column of whole seconds is written with 6 digits of them)."""
    if pa.types.is_dictionary(kind):
        return pa.string()
    if pa.types.is_timestamp(kind) and kind.unit in ("s", "ms"):
        return pa.timestamp("us", tz=kind.tz)
    return pa.float64() if pa.types.is_duration(kind) else kind


def _text(tbl: Any) -> str:
    """A pyarrow table as aligned text (no pandas needed)."""
    header = list(tbl.column_names)
    columns = [[_cell(v) for v in tbl.column(n).to_pylist()] for n in header]
    rows = [list(r) for r in zip(*columns, strict=True)] if columns else []
    numeric = [all(_is_number(v) for v in tbl.column(n).to_pylist()) for n in header]
    return table(header, rows, right=numeric)


def _is_number(value: object) -> bool:
    return value is None or (isinstance(value, int | float) and not isinstance(value, bool))


def _cell(value: object) -> str:
    import datetime as dt

    if value is None:
        return ""
    if isinstance(value, float):
        return "nan" if value != value else f"{value:.3f}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    if isinstance(value, dt.timedelta):
        return f"{value / dt.timedelta(days=1):,.1f} days"
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
