"""The one loader of untrusted documents: its limits at their edges, and what it must not count or refuse."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from slaclock._base import loader
from slaclock._base.loader import MAX_BYTES, MAX_DEPTH, parse_text, read_text
from slaclock.errors import CalendarDataError, ContractError


def _parse(text: str, fmt: loader.Format) -> object:
    return parse_text(text, fmt, what="doc", error=ContractError)


# -- nesting ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "make"),
    [
        # the top-level table is level 1, so MAX_DEPTH levels in all
        ("json", lambda n: '{"a": ' + "[" * (n - 1) + "]" * (n - 1) + "}"),
        ("toml", lambda n: "a = " + "[" * (n - 1) + "]" * (n - 1)),
        ("toml", lambda n: "[" + ".".join(["a"] * (n - 1)) + "]\nb = 1\n"),
        ("yaml", lambda n: "a: " + "[" * (n - 1) + "]" * (n - 1)),
    ],
)
def test_nesting_up_to_the_limit_is_read_one_more_is_refused(fmt: loader.Format, make) -> None:  # type: ignore[no-untyped-def]
    assert _parse(make(MAX_DEPTH), fmt)
    with pytest.raises(ContractError, match="deeper than 32 levels"):
        _parse(make(MAX_DEPTH + 1), fmt)


@pytest.mark.parametrize(
    ("fmt", "text"),
    [
        ("json", '{"a": "' + "[" * 100 + '", "b": "\\"[[[[' + "{" * 100 + '"}'),
        ("toml", 'a = "' + "[" * 100 + "\"\nb = '" + "{" * 100 + "'\n# " + "[" * 100 + "\n"),
        ("toml", 'a = """\n' + "[" * 100 + '\n\\"""' + "[" * 100 + "\"\"\"\nb = '''" + "{" * 100 + "'''\n"),
        ("toml", 'a = """x"""""\nb = [1]\n'),  # a multi-line string may end in up to two more quotes
        ("yaml", "a: '" + "[" * 100 + "'\nb: \"" + "{" * 100 + '"\n# ' + "[" * 100 + "\n"),
    ],
)
def test_brackets_in_strings_and_comments_do_not_count(fmt: loader.Format, text: str) -> None:
    assert _parse(text, fmt)


# -- keys -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "text", "message"),
    [
        ("json", '{"a": {"b": 1, "b": 2}}', "the key 'b' appears twice in one object"),
        ("yaml", "a:\n  b: 1\n  b: 2\n", r"the key 'b' appears twice in one mapping \(line 3\)"),
        ("yaml", "{1: a, 1.0: b}", "the key 1.0 appears twice"),  # equal keys, however written
        ("toml", "a = 1\na = 2\n", "not valid TOML"),  # TOML refuses them itself
    ],
)
def test_a_key_given_twice_is_refused(fmt: loader.Format, text: str, message: str) -> None:
    with pytest.raises(ContractError, match=message):
        _parse(text, fmt)


def test_the_same_key_in_different_tables_is_fine() -> None:
    assert _parse('{"a": {"x": 1}, "b": {"x": 1}}', "json") == {"a": {"x": 1}, "b": {"x": 1}}
    assert _parse("a: {x: 1}\nb: {x: 1}\n", "yaml") == {"a": {"x": 1}, "b": {"x": 1}}


# -- YAML aliases -----------------------------------------------------------------------------------


def test_yaml_aliases_within_the_budget_are_read() -> None:
    # 9**4 = 6,561 copies: far under MAX_NODES
    text = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n'
    for prev, cur in zip("abc", "bcd", strict=True):
        text += f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]\n"
    data = _parse(text, "yaml")
    assert isinstance(data, dict)
    assert len(data["d"]) == 9


def test_yaml_alias_expansion_counts_toward_depth() -> None:
    deep = "[" * 20 + "1" + "]" * 20
    assert _parse(f"a: &a {deep}\nb: " + "[" * 10 + "*a" + "]" * 10, "yaml")
    with pytest.raises(ContractError, match="deeper than 32 levels"):
        _parse(f"a: &a {deep}\nb: " + "[" * 12 + "*a" + "]" * 12, "yaml")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: &a [1, *a]\n", "refers to a node that holds it"),
        ("a: *nowhere\n", "names no anchor before it"),
        ("a: !!python/object/apply:os.system ['true']\n", "could not determine a constructor"),
        ("a: &x 1\n---\nb: *x\n", "not valid YAML"),
    ],
)
def test_yaml_refusals(text: str, message: str) -> None:
    with pytest.raises(ContractError, match=message):
        _parse(text, "yaml")


def test_a_parser_message_is_cut() -> None:
    with pytest.raises(ContractError) as info:
        _parse("a: !" + "x" * 100_000 + " 1\n", "yaml")
    assert len(str(info.value)) < 400


# -- size and text ----------------------------------------------------------------------------------


def test_text_up_to_the_limit_is_read_one_more_is_refused() -> None:
    text = "a = 1\n#"
    assert _parse(text + "x" * (MAX_BYTES - len(text)), "toml") == {"a": 1}
    with pytest.raises(ContractError, match="1,048,577 characters long; the limit is 1,048,576"):
        _parse(text + "x" * (MAX_BYTES + 1 - len(text)), "toml")


def test_decode_drops_a_bom_and_refuses_other_encodings() -> None:
    assert loader.decode(b"\xef\xbb\xbfa = 1", what="x", error=ContractError) == "a = 1"
    with pytest.raises(ContractError, match=r"is not UTF-8 text \(byte 0xc4 at offset 5\)"):
        loader.decode("a = '你好'".encode("gbk"), what="x", error=ContractError)


# -- files ------------------------------------------------------------------------------------------


def test_read_text_reads_a_regular_file_and_follows_links(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text("a = 1\n", encoding="utf-8")
    (tmp_path / "link.toml").symlink_to(tmp_path / "a.toml")
    assert read_text(tmp_path / "link.toml", what="f", error=ContractError) == "a = 1\n"


def test_read_text_refusals(tmp_path: Path) -> None:
    def read(path: object, **kw: object) -> str:
        return read_text(path, what="arrangement file", error=CalendarDataError, **kw)  # type: ignore[arg-type]

    with pytest.raises(CalendarDataError, match=r"cannot read arrangement file '.*gone\.toml': no such file"):
        read(tmp_path / "gone.toml")
    with pytest.raises(FileNotFoundError, match="custom"):
        read(tmp_path / "gone.toml", missing=lambda shown: FileNotFoundError(f"custom {shown}"))
    with pytest.raises(CalendarDataError, match="is a folder, not a file"):
        read(tmp_path)
    with pytest.raises(CalendarDataError, match="path must be text or a path; got bytes"):
        read(b"a.toml")
    with pytest.raises(CalendarDataError, match="holds a NUL character"):
        read("a\x00.toml")
    with pytest.raises(CalendarDataError, match="File name too long"):
        read("x" * 100_000)
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe.toml")
        with pytest.raises(CalendarDataError, match="not a regular file"):
            read(tmp_path / "pipe.toml")


def test_a_file_of_exactly_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    path.write_bytes(b"#" * MAX_BYTES)
    assert len(read_text(path, what="f", error=ContractError)) == MAX_BYTES
    path.write_bytes(b"#" * (MAX_BYTES + 1))
    with pytest.raises(ContractError, match="over 1 MiB"):
        read_text(path, what="f", error=ContractError)
