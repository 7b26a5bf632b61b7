"""The ``slaclock`` command line: ``python -m slaclock demo``."""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = argparse.ArgumentParser(
        prog="slaclock", description="Contract deadlines on Chinese working-day calendars."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("demo", help="month grids of the CN calendar (休/班) and worked deadlines")
    args = parser.parse_args(argv)
    if args.command == "demo":
        from slaclock._demo import main as demo

        demo()
    return 0


if __name__ == "__main__":
    sys.exit(main())
