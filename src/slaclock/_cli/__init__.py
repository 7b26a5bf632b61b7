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
- warnings (a provisional result) are one line each on stderr, ``slaclock: warning: ...``.

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
    try:
        try:
            return _run(list(sys.argv[1:] if argv is None else argv))
        except CalendarHorizonError as exc:
            return _fail(f"{one_line(exc)} (here: --horizon projected, or --arrangements FILE)")
        except SlaclockError as exc:
            return _fail(one_line(exc))
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
    status: int = handler(args, style)
    sys.stdout.flush()
    return status


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
    text = " ".join(str(message).split())
    print(f"slaclock: warning: {text}", file=sys.stderr)
