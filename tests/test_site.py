"""The documentation site builds strictly (``mkdocs build --strict``, as ``make docs``) and has its key pages.

The build runs in a subprocess, as a user or CI would run it, into a temporary folder. It needs the ``docs`` extra
(mkdocs-material, mkdocstrings[python]); the ``dev`` extra installs it, so CI runs these tests. Without it they are
skipped, saying so. mkdocstrings reads the docstrings statically: nothing of slaclock is imported by the build.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
TOOLS = ("mkdocs", "material", "mkdocstrings", "mkdocstrings_handlers.python", "pymdownx", "jieba")

pytestmark = pytest.mark.skipif(
    any(importlib.util.find_spec(name.split(".")[0]) is None for name in TOOLS),
    reason="the docs extra is not installed (pip install -e '.[docs]'; the dev extra includes it)",
)


def _build(config: Path, out: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config), "--site-dir", str(out)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},  # (mkdocs-material's banner about its successor)
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "html"
    started = time.perf_counter()
    done = _build(ROOT / "mkdocs.yml", out, out.parent)  # from another folder: the includes still resolve
    took = time.perf_counter() - started
    assert done.returncode == 0, f"mkdocs build --strict failed:\n{done.stderr[-4000:]}"
    assert took < 120, f"the site took {took:.0f} s to build (about 8 s on the 2-core CI machine)"
    return out


def _page(site: Path, name: str) -> str:
    return (site / name / "index.html" if name else site / "index.html").read_text(encoding="utf-8")


def test_home_is_the_readme_with_its_links_pointing_at_the_site(site: Path) -> None:
    home = _page(site, "")
    assert "Deadlines in service contracts" in home
    assert 'href="guide/"' in home  # README's docs/guide.md
    assert 'href="cli/"' in home
    assert 'href="benchmarks/"' in home  # README's benchmarks/README.md
    assert not [href for href in re.findall(r'href="([^"]*)"', home) if ".md" in href and "://" not in href]


def test_every_docs_page_is_built(site: Path) -> None:
    for path in sorted((ROOT / "docs").glob("*.md")):
        name = "" if path.stem == "index" else path.stem
        assert (site / name / "index.html").is_file(), f"{path.name} is not on the site"


def test_no_table_row_falls_out_of_its_table(site: Path) -> None:
    """A row cut from its table by a blank line renders as a paragraph of pipes (docs/guide.md had one)."""
    stray = []
    for page in site.rglob("index.html"):
        stray += [(page.parent.name, row[:80]) for row in re.findall(r"<p>\|.*", page.read_text(encoding="utf-8"))]
    assert not stray


def test_seed_contract_pages_show_their_timelines(site: Path) -> None:
    for seed in ("000", "001", "002", "003", "004"):
        page = _page(site, f"seed-{seed}")
        images = re.findall(r'<img [^>]*src="([^"]+)"', page)
        assert images, f"seed-{seed} shows no image"
        for src in images:
            assert (site / f"seed-{seed}" / src).resolve().is_file(), f"seed-{seed}: {src} is missing"
    assert "complaint_handling" in _page(site, "seed-002")


def test_api_reference_is_rendered_from_the_docstrings(site: Path) -> None:
    api = _page(site, "api/slaclock")
    for name in ("slaclock.deadline", "slaclock.calendar", "slaclock.WorkCalendar.add_workdays", "slaclock.Contract"):
        assert f'id="{name}"' in api, f"{name} is not in the API reference"
    assert "art. 201" in api  # a docstring's own words, not just its name
    for module, member in [
        ("errors", "slaclock.errors.CalendarHorizonError"),
        ("templates", "slaclock.templates.service_quality_complaint"),
        ("penalties", "slaclock.penalties.late_payment"),
        ("strategies", "slaclock.strategies.cases"),
        ("io", "slaclock.io"),
        ("polars", "slaclock.polars"),
        ("duckdb", "slaclock.duckdb"),
        ("dask", "slaclock.dask"),
        ("spark", "slaclock.spark"),
        ("plot", "slaclock.plot"),
        ("testing", "slaclock.testing.check_case"),
        ("testing", "slaclock.testing.VerifyReport"),
    ]:
        assert f'id="{member}"' in _page(site, f"api/{module}"), f"{member} is not on api/{module}"


def test_changelog_glossary_and_safety_pages(site: Path) -> None:
    assert "Changelog" in _page(site, "changelog")  # CHANGELOG.md, included
    glossary = _page(site, "glossary")
    for term in ("调休", "补班", "工作日", "法定休假日", "顺延", "届满", "期间"):
        assert term in glossary, f"{term} is not in the glossary"
    assert "tests/attack" in _page(site, "safety")


def test_search_finds_chinese_words(site: Path) -> None:
    """Chinese text is cut into words (jieba): 国庆节, 民法典 and 放假 stand only inside longer runs in the pages."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert re.fullmatch(index["config"]["separator"], "\u200b")
    words = set()
    for doc in index["docs"]:
        words.update(re.split(index["config"]["separator"], doc["text"]))
    assert {"国庆节", "民法典", "放假"} <= words  # without jieba, 《民法典》第201条 stays one word


@pytest.mark.parametrize("link", ["b.md#a-heading", "b.md#no-such-heading"])
def test_a_broken_anchor_fails_the_strict_build(tmp_path: Path, link: str) -> None:
    """The site's settings (mkdocs.yml, inherited by a two-page site) make a link to a missing heading an error."""
    (tmp_path / "docs").mkdir()
    shutil.copy(ROOT / "docs" / "hooks.py", tmp_path / "docs" / "hooks.py")
    (tmp_path / "docs" / "a.md").write_text(f"# A\n\nSee [b]({link}).\n", encoding="utf-8")
    (tmp_path / "docs" / "b.md").write_text("# B\n\n## A heading\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"INHERIT: {ROOT / 'mkdocs.yml'}\nnav: [a.md, b.md]\nplugins: [search]\n", encoding="utf-8")
    done = _build(config, tmp_path / "html", tmp_path)
    if "no-such-heading" in link:
        assert done.returncode != 0
        assert "does not contain an anchor '#no-such-heading'" in done.stderr
    else:
        assert done.returncode == 0, done.stderr[-2000:]
