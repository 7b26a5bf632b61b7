"""The release as a user gets it: ``python -m build`` makes an sdist and a wheel, and the wheel installed into a
fresh virtual environment runs the demo, outside the checkout.

The build runs on a copy of the checkout (a build writes ``src/slaclock.egg-info`` and ``build/`` where it runs;
an egg-info under ``src`` would hand its entry points to every run with ``PYTHONPATH=src``), in the isolated
environment ``build`` makes (setuptools from the package index, as ``[build-system]`` asks). The fresh venv is
``python -m venv --without-pip``, filled by this interpreter's pip: ``pip --python <venv> install <wheel>
hypothesis``, numpy, holidays, python-dateutil, pendulum and hypothesis coming from the package index (pip's cache
makes a second run quick). Measured on the project's machine (2 cores, shared): the build 6-14 s, the venv 0.2 s,
the install 4-9 s, the checks 6 s; with the venv's own pip (ensurepip) and bytecode compiled, the venv and the
install took 17-30 s more.

Needs ``build`` (the ``test`` extra).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from slaclock._version import __version__

ROOT = Path(__file__).parents[2]
IGNORE = shutil.ignore_patterns(
    ".git",
    ".venv",
    "__pycache__",
    "*.egg-info",
    "build",
    "dist",
    ".pytest_cache",
    ".mypy_cache",
    ".ruff_cache",
    ".hypothesis",
    "*.pyc",
)


@dataclass(frozen=True)
class Release:
    sdist: Path
    wheel: Path
    build_log: str
    venv: Path
    home: Path  # an empty folder outside the checkout: the installed package's only way in is the venv
    seconds: dict[str, float]

    def run(self, *args: str) -> str:
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
        out = subprocess.run(
            [str(self.venv / "bin" / args[0]), *args[1:]],
            capture_output=True,
            text=True,
            cwd=self.home,
            env=env,
            timeout=300,
            check=False,
        )
        assert out.returncode == 0, out.stdout[-2000:] + out.stderr[-2000:]
        return out.stdout


def _timed(seconds: dict[str, float], what: str, cmd: list[str], **kw: object) -> subprocess.CompletedProcess[str]:
    start = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=600, check=False, **kw)  # type: ignore[call-overload]
    seconds[what] = time.perf_counter() - start
    assert out.returncode == 0, f"{what} failed:\n{out.stdout[-3000:]}\n{out.stderr[-3000:]}"
    return out  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory) -> Release:
    try:
        import build  # noqa: F401
    except ImportError:
        pytest.fail('tests/e2e/test_wheel.py needs `build`: pip install -e ".[test]"')
    tmp = tmp_path_factory.mktemp("release")
    seconds: dict[str, float] = {}
    source = tmp / "checkout"
    shutil.copytree(ROOT, source, ignore=IGNORE)
    dist = tmp / "dist"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # its own warning otherwise
    built = _timed(seconds, "build", [sys.executable, "-m", "build", "--outdir", str(dist), str(source)], env=env)
    venv = tmp / "venv"
    # A venv without its own pip, filled by this interpreter's pip (--python): the same resolver and the same
    # wheel as a user's `pip install`, without ensurepip copying an older pip into the venv (5-9 s), and with no
    # bytecode compiled ahead (--no-compile: Python compiles on import; 9 s -> 4 s for numpy, holidays, hypothesis).
    _timed(seconds, "venv", [sys.executable, "-m", "venv", "--without-pip", str(venv)])
    (wheel,) = dist.glob("*.whl")
    (sdist,) = dist.glob("*.tar.gz")
    python = str(venv / "bin" / "python")
    pip = [sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-compile", str(wheel)]
    _timed(seconds, "install", [*pip, "hypothesis>=6.100"], cwd=tmp)
    home = tmp / "elsewhere"
    home.mkdir()
    print(f"release timings (s): {', '.join(f'{k} {v:.1f}' for k, v in seconds.items())}")
    return Release(sdist, wheel, built.stdout + built.stderr, venv, home, seconds)


def test_the_build_is_clean(release: Release) -> None:
    assert release.wheel.name == f"slaclock-{__version__}-py3-none-any.whl"
    assert release.sdist.name == f"slaclock-{__version__}.tar.gz"
    # setuptools' deprecation of the license table (and any other) would show here
    noise = [line for line in release.build_log.splitlines() if re.search(r"(?i)deprecat|\bwarning\b", line)]
    assert noise == []


def test_the_sdist_carries_the_licence_the_docs_and_the_tests(release: Release) -> None:
    with tarfile.open(release.sdist) as tar:
        names = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
    for name in (
        "LICENSE",
        "README.md",
        "CHANGELOG.md",
        "pyproject.toml",
        "src/slaclock/data/official-days.json",
        "src/slaclock/py.typed",
        "docs/guide.md",
        "tests/e2e/test_wheel.py",
        "tests/fixtures/notices/2026.txt",
    ):
        assert name in names, name
    assert not [n for n in names if n.endswith((".pyc", ".pyo")) or "__pycache__" in n]


def test_the_wheel_carries_the_data_and_declares_the_release(release: Release) -> None:
    with zipfile.ZipFile(release.wheel) as whl:
        names = set(whl.namelist())
        info = f"slaclock-{__version__}.dist-info"
        metadata = whl.read(f"{info}/METADATA").decode()
        entry_points = whl.read(f"{info}/entry_points.txt").decode()
    for name in (
        "slaclock/py.typed",
        "slaclock/data/official-days.json",
        "slaclock/templates/__init__.py",
        "slaclock/_hypothesis.py",
        f"{info}/licenses/LICENSE",
    ):
        assert name in names, name
    assert not [n for n in names if n.startswith(("tests/", "docs/"))]
    assert f"\nVersion: {__version__}\n" in metadata
    assert "\nLicense-Expression: MIT\n" in metadata
    assert "\nLicense-File: LICENSE\n" in metadata
    for dep in ("numpy>=1.26", "holidays>=0.109", "python-dateutil>=2.8", "pendulum>=3.0"):
        assert f"\nRequires-Dist: {dep}\n" in metadata, dep
    assert "[console_scripts]\nslaclock = slaclock.__main__:main\n" in entry_points
    assert "[hypothesis]\n_ = slaclock._hypothesis:_hypothesis_setup_hook\n" in entry_points


def test_the_installed_command_runs_the_demo(release: Release) -> None:
    text = release.run("slaclock", "demo")
    assert "CN calendar, Asia/Shanghai, official 2004-01-01..2026-12-31" in text  # the bundled data was installed
    assert "horizon='projected': 2027-01-05 (provisional: True)" in text
    assert re.search(r"investigation +已达成 +2026-10-16 24:00", text)
    assert "逾期12日，违约金¥74.07" in text


def test_the_installed_package_is_the_wheel_and_says_its_version(release: Release) -> None:
    code = (
        "import importlib.metadata as m, slaclock; "
        "print(slaclock.__version__, m.version('slaclock'), slaclock.__file__)"
    )
    version, metadata_version, where = release.run("python", "-c", code).split()
    assert version == metadata_version == __version__
    assert Path(where).is_relative_to(release.venv)  # not the checkout's src/
    assert release.run("slaclock", "--version").strip() == f"slaclock {__version__}"


def test_from_type_works_through_the_installed_entry_point(release: Release) -> None:
    code = (
        "from hypothesis import given, settings, strategies as st\n"
        "import slaclock as sc\n"
        "seen = set()\n"
        "@settings(max_examples=30, database=None, derandomize=True)\n"
        "@given(st.from_type(sc.WorkCalendar), st.from_type(sc.Period), st.from_type(sc.Contract))\n"
        "def t(cal, p, contract):\n"
        "    seen.add(cal.region)\n"
        "    assert sc.deadline('2020-03-02T10:00', p, calendar=cal).last_day.year >= 2020 and contract.clauses\n"
        "t()\n"
        "print(sorted(seen))\n"
    )
    assert release.run("python", "-c", code).strip() == "['CN', 'HK', 'MO', 'TW']"
