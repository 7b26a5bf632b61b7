"""The ``hypothesis`` entry point: ``st.from_type`` draws calendars, periods and contracts, and the hook is light.

The editable install the suite may run in can predate the entry point, so these tests call the hook directly, or
declare it in a ``*.dist-info`` folder of their own that ``importlib.metadata`` finds on ``sys.path`` (the very
lookup Hypothesis makes). ``tests/e2e/test_wheel.py`` checks it in the metadata of the built wheel, installed.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import slaclock as sc
from slaclock import strategies
from slaclock._hypothesis import _hypothesis_setup_hook
from slaclock.errors import InvalidInputError

ROOT = Path(__file__).parents[2]
SRC = ROOT / "src"
ENTRY = "slaclock._hypothesis:_hypothesis_setup_hook"
DRAWS = settings(
    max_examples=80, database=None, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
# Registered when the module is read, not in a fixture: pytest collects a @given test before any fixture runs,
# and a from_type strategy looked at then would keep what it resolved to (Hypothesis's own builds()).
_hypothesis_setup_hook()
# the seed contracts strategies.contracts() draws, by name: seed 002 in its three texts
SEEDS = {
    "appeasement",
    "service_quality_complaint",
    "complaint_handling",
    "complaint_handling_1",
    "complaint_handling_2",
    "customer_service_standards",
    "after_sales_termination",
}


def test_the_entry_point_is_declared() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["entry-points"]["hypothesis"] == {"_": ENTRY}
    assert project["optional-dependencies"]["hypothesis"] == ["hypothesis>=6.100"]


def test_from_type_draws_every_region_with_and_without_hours() -> None:
    seen: set[tuple[str, bool]] = set()

    @DRAWS
    @given(st.from_type(sc.WorkCalendar))
    def draw(cal: sc.WorkCalendar) -> None:
        assert isinstance(cal, sc.WorkCalendar)
        assert cal.official_until == dt.date(2026, 12, 31)
        seen.add((cal.region, cal.hours is not None))

    draw()
    assert seen == {(r, h) for r in ("CN", "HK", "MO", "TW") for h in (False, True)}


@DRAWS
@given(cal=st.from_type(sc.WorkCalendar), p=st.from_type(sc.Period))
def test_from_type_periods_count_on_drawn_calendars(cal: sc.WorkCalendar, p: sc.Period) -> None:
    assert isinstance(p, sc.Period)
    assert 1 <= p.amount <= 30
    d = sc.deadline("2019-04-03T10:00", p, calendar=cal)  # 30 months on: still inside the official data
    assert d.last_day >= dt.date(2019, 4, 3)
    assert not d.provisional


def test_from_type_draws_every_seed_contract() -> None:
    seen: set[str] = set()

    @DRAWS
    @given(st.from_type(sc.Contract))
    def draw(contract: sc.Contract) -> None:
        assert isinstance(contract, sc.Contract)
        assert contract.clauses
        seen.add(contract.name)

    draw()
    assert seen == SEEDS


@settings(max_examples=25, database=None, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.from_type(sc.Contract).flatmap(strategies.cases))
def test_a_drawn_contract_drives_drawn_cases(drawn: tuple[sc.Case, dt.datetime]) -> None:
    case, now = drawn
    status = case.status(now=now)
    assert [c.clause for c in status.clauses] == [c.name for c in case.contract.clauses]


def test_calendars_with_hours_only_and_one_region() -> None:
    @DRAWS
    @given(strategies.calendars(regions=["HK"], hours=True))
    def draw(cal: sc.WorkCalendar) -> None:
        assert cal.region == "HK"
        assert cal.hours is not None

    draw()


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: strategies.calendars(regions=["XX"]), "unknown region 'XX'; valid: CN, HK, MO, TW"),
        (lambda: strategies.calendars(regions=[]), "regions must name at least one of CN, HK, MO, TW"),
        (lambda: strategies.calendars(regions="CN"), "regions must be a sequence of region names, not one string"),
        (lambda: strategies.calendars(hours="yes"), "hours must be True, False or None; got 'yes'"),
        (lambda: strategies.contracts(seeds=["005"]), "unknown seed '005'; valid: 000, 001, 002, 003, 004"),
        (lambda: strategies.contracts(seeds=[]), "seeds must name at least one of 000, 001, 002, 003, 004"),
        (lambda: strategies.contracts(seeds="003"), "seeds must be a sequence of seed ids, not one string"),
    ],
)
def test_bad_arguments(call: object, message: str) -> None:
    with pytest.raises(InvalidInputError) as info:
        call()  # type: ignore[operator]
    assert message in str(info.value)


def _run(code: str, *paths: Path, plugins: bool) -> str:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(str(p) for p in (*paths, SRC))}
    env.pop("HYPOTHESIS_NO_PLUGINS", None)
    if not plugins:
        env["HYPOTHESIS_NO_PLUGINS"] = "1"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_the_hook_imports_only_slaclock_numpy_and_the_standard_library() -> None:
    """Hypothesis runs the hook on every ``import hypothesis``: it must not pull in an optional library."""
    code = (
        "import sys, hypothesis; before = set(sys.modules); "
        "from slaclock._hypothesis import _hypothesis_setup_hook; _hypothesis_setup_hook(); "
        "new = set(sys.modules) - before; "
        "print(sorted({m.split('.')[0] for m in new} - set(sys.stdlib_module_names)), "
        "sorted(m for m in new if m in ('slaclock.strategies', 'slaclock.templates', 'slaclock._demo')))"
    )
    # plugins off: an installed slaclock's entry point would otherwise have run the hook inside `import hypothesis`
    assert _run(code, plugins=False) == "['hypothesis', 'numpy', 'slaclock'] []"


def test_the_entry_point_runs_on_import_hypothesis_even_from_slaclock_strategies(tmp_path: Path) -> None:
    """Declared in a dist-info of its own, the hook runs when Hypothesis is imported, first thing or from
    ``import slaclock.strategies`` (which imports Hypothesis while it is itself half-built)."""
    info = tmp_path / "slaclock_entry_probe-0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: slaclock-entry-probe\nVersion: 0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[hypothesis]\n_ = {ENTRY}\n", encoding="utf-8")
    draw = (
        "from hypothesis import given, settings, strategies as st; import slaclock as sc; seen = []\n"
        "@settings(max_examples=5, database=None)\n"
        "@given(st.from_type(sc.WorkCalendar), st.from_type(sc.Period), st.from_type(sc.Contract))\n"
        "def t(cal, p, c): seen.append((type(cal).__name__, type(p).__name__, type(c).__name__))\n"
        "t(); print(sorted(set(seen)))\n"
    )
    expected = "[('WorkCalendar', 'Period', 'Contract')]"
    assert _run("import slaclock.strategies\n" + draw, tmp_path, plugins=True) == expected
    assert _run("import hypothesis\n" + draw, tmp_path, plugins=True) == expected
