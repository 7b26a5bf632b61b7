"""The release metadata: one version everywhere, the licence declared as SPDX and shipped as a file."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import slaclock as sc
from slaclock import _version

ROOT = Path(__file__).parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
# PEP 440 public versions (the canonical form; no local part: a release is uploaded without one)
PEP440 = re.compile(
    r"^([1-9][0-9]*!)?(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))*((a|b|rc)(0|[1-9][0-9]*))?"
    r"(\.post(0|[1-9][0-9]*))?(\.dev(0|[1-9][0-9]*))?$"
)


def test_the_version_is_written_once_and_read_by_the_metadata() -> None:
    project = PYPROJECT["project"]
    assert "version" not in project
    assert project["dynamic"] == ["version"]
    assert PYPROJECT["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "slaclock._version.__version__"}
    assert PEP440.match(_version.__version__), _version.__version__
    assert sc.__version__ == _version.__version__


def test_the_command_reports_the_same_version() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "slaclock", "--version"], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == f"slaclock {sc.__version__}"


def test_the_licence_is_an_spdx_expression_with_its_file() -> None:
    project = PYPROJECT["project"]
    assert project["license"] == "MIT"
    assert project["license-files"] == ["LICENSE"]
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n\nCopyright (c) 2026 slaclock developers\n")
    assert 'THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND' in text
    # PEP 639 needs setuptools 77 (a license string and license-files); older ones warn or refuse
    requires = PYPROJECT["build-system"]["requires"]
    assert requires == ["setuptools>=77"]
    assert not any(c.startswith("License ::") for c in project["classifiers"])  # PEP 639 forbids both


def test_the_changelog_has_an_unreleased_section() -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert text.startswith("# Changelog\n")
    assert "\n## [Unreleased]\n" in text
