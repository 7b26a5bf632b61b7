"""The Python examples in the README and the docs run as written."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
BLOCK = re.compile(r"```python\n(.*?)```", re.DOTALL)
SESSION = re.compile(r"```pycon\n(.*?)```", re.DOTALL)


def _blocks() -> list[tuple[str, str]]:
    found = []
    for path in DOCS:
        for k, code in enumerate(BLOCK.findall(path.read_text(encoding="utf-8"))):
            found.append((f"{path.name}#{k}", code))
    return found


@pytest.mark.parametrize(("where", "code"), _blocks(), ids=[w for w, _ in _blocks()])
def test_example_runs(where: str, code: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # docs/calendar-data.md loads "cn-2027.toml": give it the (fictional) test fixture under that name.
    fixture = ROOT / "tests" / "fixtures" / "FICTIONAL-cn-2027.toml"
    (tmp_path / "cn-2027.toml").write_text(fixture.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    exec(compile(code, where, "exec"), {})


def _sessions() -> list[tuple[str, str]]:
    found = []
    for path in DOCS:
        for k, text in enumerate(SESSION.findall(path.read_text(encoding="utf-8"))):
            found.append((f"{path.name}#pycon{k}", text))
    return found


@pytest.mark.parametrize(("where", "text"), _sessions(), ids=[w for w, _ in _sessions()])
def test_session_output_matches(where: str, text: str) -> None:
    """```pycon blocks are doctests: what they show is what the library prints."""
    test = doctest.DocTestParser().get_doctest(text, {}, where, where, 0)
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS)
    runner.run(test)
    assert runner.failures == 0, f"{where}: {runner.failures} example(s) differ (see output above)"


def test_readme_starts_with_the_two_commands() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = text.split("```sh", 1)[1].split("```", 1)[0]
    assert [line.split("#")[0].strip() for line in setup.strip().splitlines()] == ["make demo", "make test"]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci
