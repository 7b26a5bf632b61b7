"""Where the tests' data lives, wherever a test module sits."""

from __future__ import annotations

from pathlib import Path
from typing import Final

FIXTURES: Final = Path(__file__).parents[1] / "fixtures"
"""``tests/fixtures``: notices, arrangement files and other test data (the FICTIONAL ones say so)."""
