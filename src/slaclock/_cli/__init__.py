"""The ``slaclock`` command: ``slaclock due``, ``month``, ``year``, ``days``, ``holidays``, ``ics``, ``notice``,
``check``, ``evaluate``, ``verify``, ``demo`` (docs/cli.md).

Maintainer's notes
------------------
The top layer: it may import any layer's public names. :func:`main` is the whole contract with the shell:

- exit status 0 on success, 1 when ``check`` finds problems or ``verify`` a broken invariant, 2 for bad
  input: any :class:`SlaclockError` (argparse's usage errors are raised as :class:`InvalidInputError` too), a
  file that cannot be read or written, a missing optional package;
- every error is one line on stderr, ``slaclock: error: <what to fix>``, never a traceback (a traceback is
  left only for a bug, which should be seen);
- warnings (a provisional result) are one line on stderr, ``slaclock: warning: ...``: the first of each kind,
  then a count of the others (a year's grid asks hundreds of provisional days, each of which warns);
- a horizon error's hint names the command's own options (``--horizon``, ``--arrangements``) or the contract's
  ``[calendar]``, and only when they would help (not for a date before the data).

The commands live in :mod:`.days` (calendar commands), :mod:`.files` (``notice import`` and ``check``),
:mod:`.evaluate` and :mod:`.verify`; each is imported when its command runs.
"""

from __future__ import annotations

import importlib
import os
import sys
import warnings
from collections.abc import Sequence
from typing import Any, TextIO

from slaclock._cli.output import one_line, style_for
from slaclock.errors import CalendarHorizonError, SlaclockError

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``slaclock`` command with ``argv`` (default ``sys.argv[1:]``); returns the exit status.

    Examples
    --------
    >>> from slaclock._cli import main
    >>> main(["days", "add", "2026-09-30", "5"])
    2026-10-13
    0
    >>> main(["days", "add", "2026-09-31", "5"])
    2
    """
    for stream in (sys.stdout, sys.stderr):  # a terminal that cannot show 休 shows an escape, not a traceback
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    # the warning filters stay the user's (-W, PYTHONWARNINGS): only how a warning is shown is the command's
    shown, warnings.showwarning = warnings.showwarning, _warning
    _SEEN.clear()
    try:
        try:
            return _run(list(sys.argv[1:] if argv is None else argv))
        except CalendarHorizonError as exc:
            text, hint = one_line(exc), getattr(exc, "cli_hint", "")
            if hint:  # the library's advice for Python callers gives way to the command's own
                text = text.partition(". Give the calendar where it is counted:")[0]
            return _fail(f"{text}{hint}")
        except SlaclockError as exc:
            return _fail(one_line(exc) + _option_hint(str(exc)))
        except ModuleNotFoundError as exc:  # an optional package: pyarrow for evaluate, PyYAML for .yaml
            return _fail(f"{exc}; install it to use this command")
        except BrokenPipeError:  # `slaclock year 2026 | head`: the reader left early, which is no error
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())  # so that the flush at exit does not fail again
            return 0
        except OSError as exc:  # a file that cannot be written (or read outside slaclock's own readers)
            where = f" {exc.filename}" if exc.filename else ""
            return _fail(f"cannot use{where}: {exc.strerror or exc}")
        except Warning as exc:  # a warning the user's filters made an error (PYTHONWARNINGS=error, -W error)
            return _fail(f"{one_line(exc)} (a {type(exc).__name__}, an error under the warning filters)")
        except KeyboardInterrupt:
            print(file=sys.stderr)
            return 130
    finally:
        warnings.showwarning = shown
        for category, count in _SEEN.items():
            if count > 1:
                print(f"slaclock: warning: ... and {count - 1:,} more {category.__name__}s like it", file=sys.stderr)


def _run(argv: list[str]) -> int:
    from slaclock._cli.parser import build

    parser = build(_version())
    args = parser.parse_args(argv)
    style = style_for(args.color)
    module, function = args.run.split(":")
    if module == "demo":
        from slaclock._demo import main as demo

        demo()
        return 0
    handler: Any = getattr(importlib.import_module(f"slaclock._cli.{module}"), function)
    try:
        status: int = handler(args, style)
    except CalendarHorizonError as exc:
        exc.cli_hint = _horizon_hint(args, exc)  # type: ignore[attr-defined]
        raise
    sys.stdout.flush()
    return status


_OPTIONS = (
    ("clauses=", " (here: --clauses NAME, once for each clause to evaluate)"),
    ("pass year=", " (here: --year YEAR)"),
    ("base=", " (here: --base FILE, that year's arrangement file; a whole year's notice takes none)"),
    ("Contract.from_toml(text)", " (here: CONTRACT is a contract file, or a template's number such as 003)"),
)
"""Library messages that name a Python argument, and the option the command takes for it."""


def _option_hint(message: str) -> str:
    return "".join(hint for needle, hint in _OPTIONS if needle in message)[:200]


def _horizon_hint(args: Any, exc: CalendarHorizonError) -> str:
    """What, in this command, would answer past the official data: only where the error says projecting would."""
    if "horizon='projected'" not in str(exc):  # before the data, past even the projection, or a custom calendar
        return ""
    if hasattr(args, "horizon"):
        return " (here: --horizon projected, or --arrangements FILE)"
    return ' (here: the contract\'s [calendar] horizon = "projected", or arrangements = ["FILE"])'


def _version() -> str:
    import slaclock

    return str(slaclock.__version__)


def _fail(message: str) -> int:
    print(f"slaclock: error: {message}", file=sys.stderr)
    return 2


def _warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: TextIO | None = None,
    line: str | None = None,
) -> None:
    _SEEN[category] = _SEEN.get(category, 0) + 1
    if _SEEN[category] > 1:
        return
    text = " ".join(str(message).split())
    print(f"slaclock: warning: {text}", file=sys.stderr)


_SEEN: dict[type[Warning], int] = {}
"""The warnings of each kind shown in this run (the first is shown, the others counted)."""
