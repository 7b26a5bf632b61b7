"""The Python examples in the README and the docs run as written."""

from __future__ import annotations

import doctest
import re
import shutil
import warnings
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
BLOCK = re.compile(r"```python\n(.*?)```", re.DOTALL)
SESSION = re.compile(r"```pycon\n(.*?)```", re.DOTALL)
# A block after this marker line needs Java (a Spark session): skipped, saying so, where there is none; it is not
# replayed to set up the page's later blocks (its names are its own, and a session start costs seconds).
NEEDS_JAVA = "<!-- needs: java -->\n```pycon\n"


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


def _sessions() -> list[tuple[str, list[str]]]:
    """Each ```pycon block, after the blocks before it in the same file (a page is one session)."""
    found = []
    for path in DOCS:
        texts = SESSION.findall(path.read_text(encoding="utf-8"))
        for k in range(len(texts)):
            found.append((f"{path.name}#pycon{k}", texts[: k + 1]))
    return found


@pytest.mark.parametrize(("where", "texts"), _sessions(), ids=[w for w, _ in _sessions()])
def test_session_output_matches(where: str, texts: list[str]) -> None:
    """```pycon blocks are doctests: what they show is what the library prints."""
    parser = doctest.DocTestParser()
    flags = doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS
    globs: dict[str, object] = {}
    java = _needs_java(where, texts[-1])
    if java and shutil.which("java") is None:
        pytest.skip("needs Java (Spark runs on the JVM); install a JDK 17")
    for earlier in texts[:-1]:  # set up the names the page defined before this block; their output is checked there
        if _needs_java(where, earlier):
            continue
        setup = parser.get_doctest(earlier, globs, where, where, 0)  # (a DocTest works on a copy of globs)
        doctest.DocTestRunner(optionflags=flags).run(setup, out=lambda _: None, clear_globs=False)
        globs = setup.globs
    runner = doctest.DocTestRunner(optionflags=flags)
    with warnings.catch_warnings():
        if java:  # pyspark 4.3 warns at session start and Arrow UDFs that it "does not yet fully support pandas
            # >= 3.0.0" (the test extra installs pandas 3; the Spark example does not go through pandas)
            warnings.filterwarnings("ignore", "PySpark does not yet fully support pandas", FutureWarning)
        runner.run(parser.get_doctest(texts[-1], globs, where, where, 0))
    assert runner.failures == 0, f"{where}: {runner.failures} example(s) differ (see output above)"


def _needs_java(where: str, text: str) -> bool:
    """Whether the block ``text`` of the page ``where`` names follows the ``<!-- needs: java -->`` marker."""
    name = where.split("#")[0]
    page = ROOT / name if name == "README.md" else ROOT / "docs" / name
    return NEEDS_JAVA + text in page.read_text(encoding="utf-8")


def test_readme_starts_with_the_two_commands() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = text.split("```sh", 1)[1].split("```", 1)[0]
    assert [line.split("#")[0].strip() for line in setup.strip().splitlines()] == ["make demo", "make test"]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci
