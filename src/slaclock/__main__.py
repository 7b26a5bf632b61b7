"""``python -m slaclock``: the ``slaclock`` command (:mod:`slaclock._cli`), e.g. ``python -m slaclock demo``."""

from __future__ import annotations

import sys

from slaclock._cli import main

if __name__ == "__main__":
    sys.exit(main())
