"""The contracts layer's modules import one another in one order, with ``contract`` on top (issue 14)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import slaclock._contracts as pkg

# each module may import (at run time) only the modules before it
ORDER = (
    "invariants",
    "checks",
    "files",
    "targets",
    "clause",
    "calendar_spec",
    "events",
    "terms",
    "display",
    "status",
    "calendar_record",
    "clock",
    "ladder",
    "kinds",
    "recurring",
    "case",
    "report_read",
    "report",
    "tables",
    "outputs",
    "assembly",
    "pauses",
    "cycles",
    "evaluate_kinds",
    "evaluate",
    "percalendar",
    "case_invariants",
    "verify_report",
    "verify_timelines",
    "verify",
    "contract",
)
ABOVE = ("slaclock.templates", "slaclock.penalties", "slaclock.strategies", "slaclock._demo")
FOLDER = Path(pkg.__file__).parent


def _runtime_imports(path: Path) -> set[str]:
    """The modules ``path`` imports when it runs: module and function level, not under ``if TYPE_CHECKING``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {
        id(n)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        for n in ast.walk(node)
    }
    out: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.ImportFrom) and node.module is not None:
            out.add(node.module)
            out.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
    return out


def test_every_module_has_its_place() -> None:
    assert {p.stem for p in FOLDER.glob("*.py")} - {"__init__"} == set(ORDER)


@pytest.mark.parametrize("name", ORDER)
def test_imports_go_down_only(name: str) -> None:
    imports = _runtime_imports(FOLDER / f"{name}.py")
    inside = {m.split(".")[2] for m in imports if m.startswith("slaclock._contracts.")}
    later = set(ORDER[ORDER.index(name) :])
    assert not inside & later, f"{name} imports {sorted(inside & later)}, which are not below it"
    assert not {m for m in imports if m.startswith(ABOVE)}, f"{name} imports a module above the contracts layer"


def test_case_and_evaluate_know_the_contract_by_its_base() -> None:
    import slaclock as sc
    from slaclock._contracts.terms import ContractTerms

    c = sc.templates.customer_service_standards()
    assert isinstance(c, ContractTerms)
    assert type(c).__mro__[1] is ContractTerms
    for name in ("case", "evaluate", "kinds"):
        assert "slaclock._contracts.contract" not in _runtime_imports(FOLDER / f"{name}.py")
