"""Contract files in: the loader's errors as ContractError, a missing file also a FileNotFoundError."""

from __future__ import annotations

from pathlib import Path

import pytest

from slaclock._contracts.files import ContractFileNotFoundError, _read_json, _read_source, _read_toml
from slaclock.errors import ContractError


def test_a_missing_file_is_both_a_contract_error_and_a_file_not_found_error(tmp_path: Path) -> None:
    with pytest.raises(ContractFileNotFoundError) as info:
        _read_source(tmp_path / "missing.toml", None)
    assert isinstance(info.value, ContractError)
    assert isinstance(info.value, FileNotFoundError)
    assert "to read a contract from text, use Contract.from_toml(text)" in str(info.value)


def test_json_bytes_are_utf8() -> None:
    assert _read_json('{"name": "受理"}'.encode()) == {"name": "受理"}
    assert _read_json(b'\xef\xbb\xbf{"a": 1}') == {"a": 1}
    with pytest.raises(ContractError, match="is not UTF-8 text"):
        _read_json('{"name": "受理"}'.encode("gbk"))


def test_parser_messages_keep_their_heading() -> None:
    with pytest.raises(ContractError, match=r"^not a TOML contract: "):
        _read_toml("a = ")
    with pytest.raises(ContractError, match=r"^not a JSON contract: "):
        _read_json("{")


def test_a_long_source_that_is_not_text_is_shown_briefly() -> None:
    with pytest.raises(ContractError) as info:
        _read_source(list(range(100_000)), None)  # type: ignore[arg-type]
    assert len(str(info.value)) < 300
    with pytest.raises(ContractError, match="format must be"):
        _read_source("a.toml", "x" * 100_000)  # type: ignore[arg-type]
