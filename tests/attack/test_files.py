"""Hostile files: contracts and arrangement files built to hang, exhaust memory or crash the loader.

Every one must fail with a :class:`~slaclock.SlaclockError` (a builtin base of it is fine), in bounded time,
with a message under 1 KB. Time is never asserted bare: linearity is a scaling ratio (best of 3), and a bomb
is compared with a plain file of its size.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import slaclock as sc
from slaclock import Contract
from slaclock._base import loader
from slaclock._hours.schedule import parse_schedule
from slaclock.errors import CalendarDataError, ContractError, InvalidInputError, SlaclockError

pytest.importorskip("yaml")

CONTRACT = """name = "x"
events = ["received"]
[calendar]
region = "CN"
hours = "09:00-18:00"
[[clauses]]
name = "ack"
period = "24小时"
starts_on = "received"
met_by = "acknowledged"
"""
ARRANGEMENT = """region = "CN"
[[year]]
year = 2027
notice = "FICTIONAL notice"
[[year.holiday]]
name_zh = "元旦"
name_en = "New Year's Day"
off = ["2027-01-01..2027-01-03"]
"""
KB = 1024


def _refused(call: Callable[[], object], error: type[SlaclockError] = SlaclockError) -> SlaclockError:
    """The typed error ``call`` raises; its message is under 1 KB."""
    with pytest.raises(error) as info:
        call()
    assert len(str(info.value)) < KB, str(info.value)[:200]
    return info.value


def _best_of_3(call: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        with contextlib.suppress(SlaclockError):
            call()
        best = min(best, time.perf_counter() - start)
    return best


# -- size ----------------------------------------------------------------------------------------------------


def test_a_symlink_to_dev_zero_is_refused_not_read(tmp_path: Path) -> None:
    # was: MemoryError after reading gigabytes (contract and arrangement file alike)
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    for name in ("c.toml", "c.json", "c.yaml"):
        (tmp_path / name).symlink_to("/dev/zero")
        error = _refused(lambda n=name: Contract.load(tmp_path / n), ContractError)  # type: ignore[misc]
        assert "not a regular file" in str(error)
    (tmp_path / "cn-2027.toml").symlink_to("/dev/zero")
    _refused(lambda: sc.load_arrangements(tmp_path / "cn-2027.toml"), CalendarDataError)


def test_a_huge_file_is_refused_after_reading_at_most_the_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # was: the whole file read into memory first (read_text), then parsed
    big = tmp_path / "big.toml"
    with big.open("wb") as f:  # sparse: 64 MiB on paper, nothing on disk
        f.truncate(64 << 20)
    read = []
    real_read = os.read

    def counting_read(fd: int, n: int) -> bytes:
        data = real_read(fd, n)
        read.append(len(data))
        return data

    monkeypatch.setattr(os, "read", counting_read)
    error = _refused(lambda: Contract.load(big), ContractError)
    assert "over 1 MiB (the limit is 1,048,576 bytes)" in str(error)
    assert sum(read) == loader.MAX_BYTES + 1
    read.clear()
    _refused(lambda: sc.load_arrangements(tmp_path / "big.toml"), CalendarDataError)
    assert sum(read) == loader.MAX_BYTES + 1


def test_text_over_the_cap_is_refused() -> None:
    huge = CONTRACT + "#" * (loader.MAX_BYTES + 1)
    assert "the limit is 1,048,576" in str(_refused(lambda: Contract.from_toml(huge), ContractError))


# -- depth ---------------------------------------------------------------------------------------------------

DEEP: dict[str, str] = {
    "json array": "[" * 1000 + "]" * 1000,
    "json object": '{"a":' * 1000 + "1" + "}" * 1000,
    "toml array": "a = " + "[" * 1000 + "]" * 1000,
    "toml inline table": "a = " + "{b=" * 1000 + "1" + "}" * 1000,
    "toml dotted header": "[" + ".".join(["a"] * 1000) + "]\n",
    "yaml flow": "a: " + "[" * 1000 + "]" * 1000,
    "yaml block": "".join(" " * k + "a:\n" for k in range(1000)) + " " * 1000 + "a: 1\n",
}


@pytest.mark.parametrize("kind", list(DEEP))
def test_thousand_deep_documents_are_refused(kind: str) -> None:
    # was: RecursionError from json, tomllib and PyYAML
    fmt = kind.split()[0]
    read = {"json": Contract.from_json, "toml": Contract.from_toml, "yaml": Contract.from_yaml}[fmt]
    error = _refused(lambda: read(DEEP[kind]), ContractError)
    # (libyaml's own flow-level limit may speak first, a typed error all the same)
    assert "deeper than 32 levels" in str(error) or "exceeded maximum nesting depth" in str(error)


def test_thousand_deep_arrangement_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "cn-2027.json"
    path.write_text('{"region": "CN", "year": ' + "[" * 1000 + "]" * 1000 + "}", encoding="utf-8")
    assert "deeper than 32 levels" in str(_refused(lambda: sc.load_arrangements(path), CalendarDataError))


# -- duplicate keys ------------------------------------------------------------------------------------------


def test_duplicate_keys_in_json_are_refused_naming_the_key() -> None:
    # was: the last one silently kept, a 24-hour clause read as 999,999 days
    text = (
        Contract.from_toml(CONTRACT).to_json().replace('"period": "24小时"', '"period": "24小时", "period": "999999日"')
    )
    error = _refused(lambda: Contract.from_json(text), ContractError)
    assert "the key 'period' appears twice" in str(error)


def test_duplicate_keys_in_yaml_are_refused_naming_the_key_and_line() -> None:
    text = Contract.from_toml(CONTRACT).to_yaml().replace("period: 24小时", "period: 24小时\n  period: 999999日")
    error = _refused(lambda: Contract.from_yaml(text), ContractError)
    assert "the key 'period' appears twice in one mapping (line " in str(error)


def test_yaml_merge_keys_may_be_overridden() -> None:
    # `<<: *base` then a key of the mapping's own is YAML's override, not a duplicate
    text = Contract.from_toml(CONTRACT).to_yaml() + "x-base: &base {a: 1}\n"
    data = loader.parse_text(text + "x-use: {<<: *base, a: 2}\n", "yaml", what="c", error=ContractError)
    assert data["x-use"] == {"a": 2}


# -- YAML: tags and alias bombs ------------------------------------------------------------------------------


def _alias_bomb() -> str:
    """A "billion laughs" contract: 9 levels of 9 aliases each, 9**9 names once expanded, in about 500 bytes."""
    lines = ['name: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, cur in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"x{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\nclauses: *i\n"


def test_the_alias_bomb_is_refused_at_once_with_a_short_message() -> None:
    # was: a ContractError whose message was 351 million characters (706 MB, up to 12 s)
    bomb = _alias_bomb()
    assert len(bomb.encode()) < 600
    error = _refused(lambda: Contract.from_yaml(bomb), ContractError)
    assert "more than 100,000 values once its YAML aliases are expanded" in str(error)
    # bounded: no slower than parsing a plain contract a few times its size (an expansion would be 10**6 times)
    plain = Contract.from_toml(CONTRACT).to_yaml()
    assert _best_of_3(lambda: Contract.from_yaml(bomb)) < 20 * _best_of_3(lambda: Contract.from_yaml(plain)) + 0.005


def test_recursive_yaml_aliases_are_refused() -> None:
    error = _refused(lambda: Contract.from_yaml("name: &a [1, *a]\nclauses: []\n"), ContractError)
    assert "refers to a node that holds it" in str(error)


@pytest.mark.parametrize(
    "text",
    [
        "!!python/object/apply:os.system ['echo pwned']",
        "name: !!python/name:os.system\n",
        "name: !!python/object/new:list [[1]]\n",
        "name: !custom 1\n",
    ],
)
def test_yaml_tags_that_build_objects_are_refused(text: str) -> None:
    assert "could not determine a constructor" in str(_refused(lambda: Contract.from_yaml(text), ContractError))


@pytest.mark.parametrize(
    "text",
    [
        "name: 2025-13-45\n",  # was: ValueError (month must be in 1..12)
        "name: 0000-01-01\n",  # was: ValueError (year 0 is out of range)
        "name: " + "1" * 5000 + "\n",  # was: ValueError (int max str digits)
    ],
)
def test_yaml_values_the_constructor_cannot_build_are_typed(text: str) -> None:
    _refused(lambda: Contract.from_yaml(text), ContractError)


def test_integers_over_the_digit_limit_are_typed_in_toml() -> None:
    # was: ValueError (Exceeds the limit (4300 digits) for integer string conversion)
    _refused(lambda: Contract.from_toml("name = " + "1" * 5000 + "\n"), ContractError)


# -- files that cannot be read -------------------------------------------------------------------------------


def test_non_utf8_contract_file_is_typed(tmp_path: Path) -> None:
    # was: UnicodeDecodeError
    path = tmp_path / "c.toml"
    path.write_bytes(CONTRACT.encode().replace(b'name = "x"', b'name = "x"\ntitle_zh = "\xc4\xe3\xba\xc3"'))  # GBK
    error = _refused(lambda: Contract.load(path), ContractError)
    assert "is not UTF-8 text (byte 0x" in str(error)
    _refused(lambda: Contract.from_json(b'{"name": "\xff"}'), ContractError)


def test_a_folder_named_like_a_contract_is_typed(tmp_path: Path) -> None:
    # was: IsADirectoryError
    (tmp_path / "c.toml").mkdir()
    assert "is a folder, not a file" in str(_refused(lambda: Contract.load(tmp_path / "c.toml"), ContractError))


def test_a_nul_character_in_a_path_is_typed() -> None:
    # was: ValueError: embedded null byte
    assert "holds a NUL character" in str(_refused(lambda: Contract.load("a\x00b.toml"), ContractError))
    _refused(lambda: sc.load_arrangements("a\x00b.toml"), CalendarDataError)


def test_a_missing_contract_file_is_typed_and_still_a_file_not_found_error(tmp_path: Path) -> None:
    error = _refused(lambda: Contract.load(tmp_path / "missing.toml"), ContractError)
    assert isinstance(error, FileNotFoundError)


def test_permission_errors_are_typed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # (tests may run as root, who reads every file: the refusal is simulated)
    path = tmp_path / "c.toml"
    path.write_text(CONTRACT, encoding="utf-8")
    real_open = os.open

    def refuse(name: str, flags: int, *args: object) -> int:
        if str(name).endswith(("c.toml", "cn-2027.toml")):
            raise PermissionError(13, "Permission denied", name)
        return real_open(name, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refuse)
    assert "permission denied" in str(_refused(lambda: Contract.load(path), ContractError))
    (tmp_path / "cn-2027.toml").write_text(ARRANGEMENT, encoding="utf-8")
    _refused(lambda: sc.load_arrangements(tmp_path / "cn-2027.toml"), CalendarDataError)


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes")
    os.mkfifo(tmp_path / "c.toml")
    assert "not a regular file" in str(_refused(lambda: Contract.load(tmp_path / "c.toml"), ContractError))


# -- unicode direction marks ---------------------------------------------------------------------------------


def test_direction_marks_are_kept_in_text_and_escaped_in_messages() -> None:
    # Kept: they are text, and round-trip. Names, events, periods and dates refuse them (identifiers, strict
    # parsers), and a message shows them escaped, so a message cannot be reordered on screen.
    rlo = "\u202e"
    c = Contract.from_toml(CONTRACT.replace('name = "x"', f'name = "x"\ntitle_en = "{rlo}evil{rlo}"'))
    assert c.title_en == f"{rlo}evil{rlo}"
    assert Contract.from_json(c.to_json()) == c == Contract.from_yaml(c.to_yaml()) == Contract.from_toml(c.to_toml())
    for text in (
        CONTRACT.replace('name = "ack"', f'name = "a{rlo}ck"'),
        CONTRACT.replace('met_by = "acknowledged"', f'met_by = "ack{rlo}"'),
        CONTRACT.replace('name = "x"', f'name = "x"\n"{rlo}title" = 1'),
    ):
        message = str(_refused(lambda t=text: Contract.from_toml(t), ContractError))  # type: ignore[misc]
        assert rlo not in message
        assert "\\u202e" in message


# -- messages and text paths bounded -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('name = "x"', 'name = "' + "中" * 200_000 + '-"'),  # not an identifier
        ('met_by = "acknowledged"', 'met_by = "' + "x" * 200_000 + '-"'),  # not an event name
        ('name = "x"', 'name = "x"\n"' + "k" * 200_000 + '" = 1'),  # an unknown key
        ('region = "CN"', 'region = "' + "C" * 200_000 + '"'),  # not a region
        ('region = "CN"', 'region = "CN"\ntz = "' + "Z" * 200_000 + '"'),  # not a zone (was: OSError)
        ('region = "CN"', 'region = "CN"\ntz = "Asia"'),  # a folder of zones (was: IsADirectoryError)
        ('region = "CN"', 'region = "CN"\nclosures = ["' + "2" * 200_000 + '"]'),  # not a date
        ('met_by = "acknowledged"', 'met_by = "acknowledged"\npausable = "' + "y" * 200_000 + '"'),  # not a flag
    ],
)
def test_messages_show_long_values_briefly(old: str, new: str) -> None:
    # was: the whole value repr'd into the message
    _refused(lambda: Contract.from_toml(CONTRACT.replace(old, new, 1)), SlaclockError)


def test_the_62_kb_hours_contract_is_refused_at_once_with_a_short_message() -> None:
    # was: 36 s in re.split(r"\s*(?:-|…)\s*") over a long run of blanks, then a 62 KB message
    text = CONTRACT.replace('hours = "09:00-18:00"', 'hours = "09:00' + " " * 62_000 + 'x"')
    assert len(text.encode()) > 62_000
    error = _refused(lambda: Contract.from_toml(text), ContractError)
    assert "at most 10,000 characters" in str(error)
    # bounded: no slower than reading a valid contract of the same size (a 62 KB title) a few times over
    same_size = CONTRACT.replace('name = "x"', 'name = "x"\ntitle_en = "' + "x" * 62_000 + '"')
    assert _best_of_3(lambda: Contract.from_toml(text)) < 5 * _best_of_3(lambda: Contract.from_toml(same_size)) + 0.002


@pytest.mark.parametrize(
    "make",
    [
        lambda n: "09:00" + " " * n + "x",
        lambda n: "09:00" + " " * n + "-" + " " * n + "x",
        lambda n: " " * n + "9",
        lambda n: "09:00-10:00," * (n // 12),
        lambda n: "-" * n,
    ],
)
def test_the_schedule_parser_is_linear(make: Callable[[int], str]) -> None:
    # was: quadratic (8x the blanks, 64x the time)
    def parse(n: int) -> Callable[[], object]:
        return lambda: parse_schedule(make(n))

    small, large = _best_of_3(parse(1_200)), _best_of_3(parse(9_600))
    assert large < 24 * small + 0.002  # linear is ~8x; quadratic 64x


def test_empty_working_hours_are_refused_at_once() -> None:
    # was: accepted, and failed later
    for call in (
        lambda: sc.working_hours(""),
        lambda: sc.calendar("CN").with_hours(""),
        lambda: sc.working_hours(" , "),
    ):
        assert "at least one interval" in str(_refused(call, InvalidInputError))
    assert sc.working_hours("09:00-18:00", saturday="").weekly[5] == ()  # a day without hours is still ""


# -- fuzz ----------------------------------------------------------------------------------------------------

_PIECES = st.sampled_from(
    [*"[]{}\"'#:,-&*!|\n \t\\=.a1\u202e\x00", '"""', "'''", "&a ", "*a", "<<: ", "!!", "- ", "2025-13-45", "9" * 5000]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=50).map("".join), st.sampled_from(["toml", "json", "yaml"]))
def test_fuzzed_contract_text_fails_only_typed_and_briefly(text: str, fmt: str) -> None:
    read = {"toml": Contract.from_toml, "json": Contract.from_json, "yaml": Contract.from_yaml}[fmt]
    message = ""
    try:
        read(text)
    except SlaclockError as exc:  # anything else escapes and fails the test
        message = str(exc)
    assert len(message) < KB


@pytest.mark.parametrize("name", ["x" * 200_000, "New\u202eYear"])
def test_arrangement_messages_show_holiday_names_briefly_and_escaped(tmp_path: Path, name: str) -> None:
    # was: HolidayBlock's messages carried the whole name_en, raw
    path = tmp_path / "cn-2027.toml"
    path.write_text(ARRANGEMENT.replace("New Year's Day", name).replace('["2027-01-01..2027-01-03"]', "[]"), "utf-8")
    for call in (lambda: sc.load_arrangements(path), lambda: sc.HolidayBlock("元旦", name, ())):
        message = str(_refused(call, CalendarDataError))
        assert "\u202e" not in message
