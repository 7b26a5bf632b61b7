"""The map of the house: which layer each module is in, and that imports only go down.

slaclock's private sub-packages are layers, each importing only from the layers below it (see
docs/architecture.md)::

    top-level     slaclock (the facade), templates, penalties, strategies, testing, _demo, __main__
    _contracts    clauses, contracts and their files, cases and statuses, evaluate
    _rules        deadlines (one start and columns), windows, explanations
    _calendar     WorkCalendar, the face users hold
    _hours        schedules and working-time arithmetic
    _days         day kinds, the horizon registry, official days, arrangement files and notices, day tables
    _periods      Period, its parser, conventions
    _base         instants, dataframes, warnings, zones, worker blocks, shared types
    errors        the exception hierarchy

The tests read every module's imports with ``ast`` (imports under ``if TYPE_CHECKING:`` are types only and
do not count; imports inside functions do). They fail on an import from a higher layer, on a circle of
imports anywhere, and on a private name imported from another sub-package. What the code base still does
that the map forbids is listed in ``DEBT`` below, exactly, so that the list can only shrink.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

SRC = Path(__file__).parents[1] / "src"
PACKAGE = SRC / "slaclock"

LAYERS: dict[str, int] = {
    "slaclock.errors": 0,
    "slaclock._base": 1,
    "slaclock._periods": 2,
    "slaclock._days": 3,
    "slaclock._hours": 4,
    "slaclock._calendar": 5,
    "slaclock._rules": 6,
    "slaclock._contracts": 7,
}
TOP = 8  # the facade and the public modules built on everything: templates, penalties, strategies, testing, the demo

MAX_LINES = 900
# Modules still over MAX_LINES, to be split. A module here that is no longer over fails the test.
OVERSIZED: frozenset[str] = frozenset()

# What the code still does that the map forbids, exactly as it is today: (module, what). A new entry fails,
# and so does an entry that is gone (remove it from here), so this list only ever shrinks. It is empty: the
# layers above the calendar read its tables through ``_calendar.day_table`` and ``_calendar.hours_table``, and
# the kernels below it are handed them.
DEBT: frozenset[tuple[str, str]] = frozenset()

# Optional faces at the top that a lower layer's one-line method may import inside the function (never at module
# level): ``WorkCalendar.plot_year`` and ``Case.plot`` hand over to ``slaclock.plot``, which imports matplotlib
# on use, and of slaclock only ``_base``, ``_days.kinds`` and ``errors`` (the circle check still sees it).
LAZY_FACES: frozenset[str] = frozenset({"slaclock.plot"})


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer(module: str) -> int:
    for prefix, level in LAYERS.items():
        if module == prefix or module.startswith(prefix + "."):
            return level
    return TOP


def package(module: str) -> str:
    """The sub-package (``slaclock._rules``) or top-level module a module belongs to."""
    return ".".join(module.split(".")[:2])


MODULES: dict[str, Path] = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


@dataclass(frozen=True)
class Import:
    importer: str
    target: str  # a module of slaclock
    names: tuple[str, ...]  # the names taken from it (empty for ``import x``)
    line: int
    in_function: bool = False  # made when a function runs, not when the module is imported

    def __str__(self) -> str:
        names = f" ({', '.join(self.names)})" if self.names else ""
        return f"{self.importer}:{self.line} imports {self.target}{names}"


def _type_only(tree: ast.Module) -> set[int]:
    """ids of the nodes under ``if TYPE_CHECKING:``."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip.update(id(sub) for stmt in node.body for sub in ast.walk(stmt))
    return skip


def _resolve(importer: str, node: ast.ImportFrom) -> str:
    if node.level:  # relative: from . import x / from .mod import y
        base = importer.split(".")
        if MODULES[importer].name != "__init__.py":
            base = base[:-1]
        base = base[: len(base) - (node.level - 1)]
        return ".".join(base + ([node.module] if node.module else []))
    return node.module or ""


def _in_functions(tree: ast.Module) -> set[int]:
    """ids of the nodes inside a function's body."""
    return {
        id(sub)
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        for stmt in node.body
        for sub in ast.walk(stmt)
    }


def imports(module: str) -> Iterator[Import]:
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    skip = _type_only(tree)
    inside = _in_functions(tree)
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "slaclock" or alias.name.startswith("slaclock."):
                    yield Import(module, alias.name, (), node.lineno, id(node) in inside)
        elif isinstance(node, ast.ImportFrom):
            source = _resolve(module, node)
            if source != "slaclock" and not source.startswith("slaclock."):
                continue
            taken: dict[str, list[str]] = {}
            for alias in node.names:
                sub = f"{source}.{alias.name}"
                if sub in MODULES:  # from slaclock._rules import deadline: the module itself
                    taken.setdefault(sub, [])
                else:
                    taken.setdefault(source, []).append(alias.name)
            for target, names in taken.items():
                yield Import(module, target, tuple(names), node.lineno, id(node) in inside)


EDGES: list[Import] = [i for m in MODULES for i in imports(m) if i.target != i.importer]


def violations() -> dict[tuple[str, str], str]:
    """Everything the map forbids: {(module, short description): where}."""
    found: dict[tuple[str, str], str] = {}
    for i in EDGES:
        if i.target not in MODULES:
            found[(i.importer, f"unknown module {i.target}")] = str(i)
            continue
        lazy_face = i.target in LAZY_FACES and i.in_function
        if layer(i.target) > layer(i.importer) and not lazy_face:
            found[(i.importer, f"upward import of {i.target}")] = str(i)
        private = [n for n in i.names if n.startswith("_") and not n.startswith("__")]
        if private and package(i.target) != package(i.importer):
            found[(i.importer, f"private names of {i.target}: {', '.join(sorted(private))}")] = str(i)
    for cycle in cycles():
        found[(cycle[0], "circle " + " -> ".join(cycle))] = "the modules import each other"
    for module, names in calendar_reaches().items():
        found[(module, "reaches into WorkCalendar: " + ", ".join(sorted(names)))] = module
    return found


def calendar_reaches() -> dict[str, set[str]]:
    """Per module outside ``_calendar``: the private members of ``WorkCalendar`` it reads or calls."""
    tree = ast.parse(MODULES["slaclock._calendar"].read_text(encoding="utf-8"))
    cls = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "WorkCalendar")
    private = {
        name
        for node in cls.body
        for name in (
            [node.name]
            if isinstance(node, ast.FunctionDef)
            else [node.target.id]
            if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)
            else []
        )
        if name.startswith("_") and not name.startswith("__")
    }
    reaches: dict[str, set[str]] = {}
    for module, path in MODULES.items():
        if module == "slaclock._calendar":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in private and ast.unparse(node.value) != "self":
                reaches.setdefault(module, set()).add(node.attr)
    return reaches


def cycles() -> list[list[str]]:
    """Each circle of imports once, as a list of modules starting at its smallest name."""
    graph: dict[str, set[str]] = {m: set() for m in MODULES}
    for i in EDGES:
        if i.target in MODULES:
            graph[i.importer].add(i.target)
    # Tarjan's strongly connected components; a component of two or more modules holds a circle
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return components


def test_every_module_has_a_layer_and_the_layers_are_the_packages() -> None:
    assert "slaclock._calendar" in MODULES
    for name in MODULES:
        top = package(name)
        if top in LAYERS:
            assert layer(name) == LAYERS[top]
        else:
            assert layer(name) == TOP, name


def test_imports_only_go_down_without_circles() -> None:
    found = violations()
    new = {k: v for k, v in found.items() if k not in DEBT}
    assert not new, "the map forbids:\n" + "\n".join(f"  {v}: {k[1]}" for k, v in sorted(new.items()))
    gone = DEBT - found.keys()
    assert not gone, f"fixed, so remove from DEBT: {sorted(gone)}"


def test_modules_stay_readable() -> None:
    sizes = {m: len(p.read_text(encoding="utf-8").splitlines()) for m, p in MODULES.items()}
    over = {m for m, n in sizes.items() if n > MAX_LINES}
    assert over <= OVERSIZED, f"over {MAX_LINES} lines: {sorted(over - OVERSIZED)}"
    assert over >= OVERSIZED, f"no longer over {MAX_LINES} lines, remove from OVERSIZED: {sorted(OVERSIZED - over)}"


def test_frozen_values_are_written_only_by_their_own_class() -> None:
    """``object.__setattr__`` belongs in a frozen class's own methods (its constructor, an unchecked copy).

    Anywhere else it writes into somebody else's value: the hours index and the wall-time cache written into
    a frozen ``WorkCalendar`` from ``_hours`` and ``_rules`` were what made the calendar's private members the
    internal API.
    """
    offenders = []
    for name, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        in_class = {id(sub) for node in ast.walk(tree) if isinstance(node, ast.ClassDef) for sub in ast.walk(node)}
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and ast.unparse(node.func) == "object.__setattr__"
                and id(node) not in in_class
            ):
                offenders.append(f"{name}:{node.lineno}: {ast.unparse(node)[:80]}")
    assert not offenders, offenders


# -- the tests above must be able to fail ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("importer", "source", "expected"),
    [
        ("slaclock._days.kinds", "from slaclock._rules.deadline import deadline", "upward import"),
        ("slaclock._base.types", "from slaclock import _calendar", "upward import"),
        ("slaclock._periods.period", "from slaclock import calendar", "upward import of slaclock"),
        ("slaclock._rules.windows", "from slaclock._days.index import _private_helper", "private names"),
        ("slaclock._days.ics", "cal = None; cal._table", "reaches into WorkCalendar: _table"),
        ("slaclock._rules.windows", "from slaclock import io", "upward import of slaclock.io"),  # not a lazy face
    ],
)
def test_a_planted_violation_is_found(
    importer: str, source: str, expected: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    planted = tmp_path / "planted.py"
    planted.write_text(MODULES[importer].read_text(encoding="utf-8") + "\n\ndef _planted() -> None:\n    " + source)
    monkeypatch.setitem(MODULES, importer, planted)
    monkeypatch.setattr(
        f"{__name__}.EDGES", [i for m in MODULES for i in imports(m) if i.target != i.importer], raising=True
    )
    found = violations()
    assert any(k[0] == importer and expected in k[1] for k in found), sorted(found)


def test_a_planted_circle_is_found(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # _rules.windows already imports _rules.deadline; deadline importing windows back closes a circle
    planted = tmp_path / "planted.py"
    text = MODULES["slaclock._rules.deadline"].read_text(encoding="utf-8")
    planted.write_text(text + "\n\ndef _planted() -> None:\n    from slaclock._rules import windows\n")
    monkeypatch.setitem(MODULES, "slaclock._rules.deadline", planted)
    monkeypatch.setattr(f"{__name__}.EDGES", [i for m in MODULES for i in imports(m) if i.target != i.importer])
    assert any("slaclock._rules.deadline" in c and "slaclock._rules.windows" in c for c in cycles())


def test_a_lazy_face_is_upward_only_inside_a_function(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """``from slaclock import plot`` inside a method is allowed (LAZY_FACES); at module level it is not."""
    planted = tmp_path / "planted.py"
    text = MODULES["slaclock._rules.windows"].read_text(encoding="utf-8")
    planted.write_text(text + "\n\ndef _planted() -> None:\n    from slaclock import plot\n")
    monkeypatch.setitem(MODULES, "slaclock._rules.windows", planted)
    monkeypatch.setattr(f"{__name__}.EDGES", [i for m in MODULES for i in imports(m) if i.target != i.importer])
    assert not any(k[0] == "slaclock._rules.windows" for k in violations())
    planted.write_text(text + "\nfrom slaclock import plot\n")
    monkeypatch.setattr(f"{__name__}.EDGES", [i for m in MODULES for i in imports(m) if i.target != i.importer])
    assert ("slaclock._rules.windows", "upward import of slaclock.plot") in violations()
