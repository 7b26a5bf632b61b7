"""The ``slaclock`` console script, run as users run it: the installed script in a subprocess.

The script is the one installed beside the interpreter running the tests (``.venv/bin/slaclock``, an editable
install); ``PYTHONPATH=<this checkout>/src`` makes it run this checkout's code. Each subprocess costs the start
of an interpreter (~0.4 s), so each test asks several things of one run where it can.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv
import pyarrow.parquet as pq
import pytest

import slaclock as sc
from slaclock._demo import SEED_001_BLANKS
from tests.helpers.tickets import HOURS, NOW, assert_same_result, desk, tickets
from tests.unit.test_io_streams import NOW as STREAMS_NOW
from tests.unit.test_io_streams import cases as streams_cases
from tests.unit.test_io_streams import desk as streams_desk

ROOT = Path(__file__).parents[2]
GOLDEN = Path(__file__).parent / "golden"
FIXTURES = ROOT / "tests" / "fixtures"
SCRIPT = Path(sys.executable).parent / "slaclock"

pytestmark = pytest.mark.skipif(
    not SCRIPT.exists(), reason=f"the console script is not installed beside {sys.executable} (pip install -e .)"
)


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "PYTHONPATH")}
    env["PYTHONPATH"] = str(ROOT / "src")
    env.update(extra)
    return env


def run(*args: str, stdin: str | None = None, cwd: Path | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SCRIPT), *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=_env(**env),
        cwd=cwd,
        timeout=120,
    )


def ok(*args: str, **kw: object) -> str:
    done = run(*args, **kw)  # type: ignore[arg-type]
    assert done.returncode == 0, (args, done.stderr)
    assert done.stderr == "" or "warning" in done.stderr or "wrote" in done.stderr, done.stderr
    return done.stdout


# -- golden output ----------------------------------------------------------------------------------------


GOLDEN_RUNS = {
    "month-2026-10.txt": ["month", "2026-10"],
    "due-explain-zh.txt": ["due", "2026-09-30T16:20", "5个工作日", "--explain"],
    "due-explain-en.txt": ["due", "2025-09-24", "收到投诉后7日内", "--explain", "--lang", "en"],
    "due-hours.txt": ["due", "2026-09-30T17:00", "8个工作小时", "--hours", "09:00-12:00,13:30-18:00", "--explain"],
}


def test_golden_output() -> None:
    # not a terminal: no colour, byte for byte the golden file (the four runs side by side)
    for (golden, args), done in zip(GOLDEN_RUNS.items(), run_all(list(GOLDEN_RUNS.values())), strict=True):
        assert done.returncode == 0, (args, done.stderr)
        assert done.stderr == "", args
        assert done.stdout == (GOLDEN / golden).read_text(encoding="utf-8"), golden


def test_due_as_json_is_the_librarys_deadline() -> None:
    out = json.loads(ok("due", "2026-09-30T16:20", "5个工作日", "--json", "--lang", "en"))
    d = sc.deadline("2026-09-30T16:20", "5个工作日", calendar="CN")
    assert out["due"] == d.due.isoformat() == "2026-10-14T00:00:00+08:00"
    assert out["last_day"] == "2026-10-13"
    assert out["steps"] == d.steps("en")
    assert (out["provisional"], out["region"], out["convention"]) == (False, "CN", "civil_code")


def test_a_year_of_provisional_days_warns_once_and_counts_the_rest() -> None:
    done = run("year", "2027", "--horizon", "projected")
    assert done.returncode == 0, done.stderr
    first, rest = done.stderr.splitlines()  # it printed 583 lines, one per day asked
    assert first.startswith("slaclock: warning: ")
    assert re.fullmatch(r"slaclock: warning: \.\.\. and [0-9,]+ more ProvisionalWarnings like it", rest), rest


def test_a_horizon_error_names_only_what_would_help_here(tmp_path: Path) -> None:
    hint = "(here: --horizon projected, or --arrangements FILE)"
    after, before, projected = run_all(
        [
            ["due", "2027-03-01", "5个工作日"],
            ["due", "2003-12-01", "5个工作日"],  # no data before 2004, projected or not
            ["due", "2057-01-05", "5个工作日", "--horizon", "projected"],
        ]
    )
    assert after.returncode == before.returncode == projected.returncode == 2
    assert after.stderr.rstrip().endswith(hint)
    assert "(here:" not in before.stderr
    assert "even projected, the CN calendar ends 2056-12-31" in projected.stderr
    assert "(here:" not in projected.stderr
    contract = tmp_path / "x.toml"  # evaluate has no --horizon: the contract's calendar says it
    contract.write_text(FIVE_WORKDAYS, encoding="utf-8")
    (tmp_path / "t.csv").write_text("received,replied\n2027-01-12T10:00,\n", encoding="utf-8")
    done = run(
        "evaluate", str(contract), str(tmp_path / "t.csv"), "-o", str(tmp_path / "o.csv"), "--now", "2027-02-01T00:00"
    )
    assert done.returncode == 2
    assert done.stderr.rstrip().endswith(
        '(here: the contract\'s [calendar] horizon = "projected", or arrangements = ["FILE"])'
    )
    assert "contract.evaluate(" not in done.stderr  # the library's advice to Python callers gives way


FIVE_WORKDAYS = """name = "x"
events = ["received"]
[[clauses]]
name = "a"
period = "5个工作日"
starts_on = "received"
met_by = "replied"
"""


def test_a_provisional_answer_says_so_and_warns_in_one_line() -> None:
    done = run("due", "2026-12-28", "5个工作日", "--horizon", "projected", "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "2027-01-05 24:00 (Asia/Shanghai)  (provisional: counted on projected days)\n"
    assert done.stderr.startswith("slaclock: warning: 2027-01-05 rests on CN days past the official data")
    assert done.stderr.count("\n") == 1


def test_days_year_holidays_and_ics(tmp_path: Path) -> None:
    # five commands side by side, their answers against the library's
    cal = sc.calendar("CN")
    ics_file = tmp_path / "cn.ics"
    added, between, kind, year, ics = run_all(
        [
            ["days", "add", "2026-09-30", "5"],
            ["days", "between", "2026-10-01", "2026-11-01"],
            ["days", "is", "2026-10-10", "--lang", "en"],
            ["year", "2026"],
            ["ics", "2026", "-o", str(ics_file)],
        ]
    )
    for done in (added, between, kind, year, ics):
        assert done.returncode == 0, (done.args, done.stderr)
    assert added.stdout.strip() == str(cal.add_workdays("2026-09-30", 5)) == "2026-10-13"
    assert between.stdout.strip() == "18"
    assert kind.stdout.strip() == "2026-10-10 Sat: workday (makeup workday)"
    grids = year.stdout
    assert grids.splitlines()[0] == f"2026 CN: {sum(cal.workdays_in_month(2026, m) for m in range(1, 13))} workdays"
    for m in range(1, 13):  # every month's title, three abreast
        assert f"2026年{m}月  ({cal.workdays_in_month(2026, m)} workdays)" in grids
    assert " 5休 6休 7休 8   9  10班11" in grids  # October's second week, as in its month grid
    assert ics.stderr == f"wrote {ics_file} (28 days, 2026 CN)\n"
    assert ics_file.read_bytes() == cal.to_ics("2026-01-01", "2026-12-31").encode("utf-8")


def test_holidays_lists_every_day_that_is_not_plain() -> None:
    out = ok("holidays", "2026", "--lang", "en").splitlines()
    cal = sc.calendar("CN")
    days = [np.datetime64("2026-01-01") + np.timedelta64(i, "D") for i in range(365)]
    plain = ("workday", "weekend")
    expected = [str(d) for d, k in zip(days, cal.day_kind(np.array(days)), strict=True) if k not in plain]
    assert [line.split()[0] for line in out[1:]] == expected
    assert "2026-10-10  Sat     班  makeup workday    Makeup workday (rest moved to 2026-10-07)" in out


# -- colour -----------------------------------------------------------------------------------------------


def _on_a_terminal(*args: str, **env: str) -> str:
    """What the command writes to stdout when stdout is a terminal (a pseudo-terminal)."""
    pty = pytest.importorskip("pty", reason="pseudo-terminals are POSIX")
    leader, follower = pty.openpty()
    try:
        done = subprocess.run(
            [str(SCRIPT), *args], stdout=follower, stderr=subprocess.PIPE, env=_env(**env), timeout=60, check=True
        )
        assert done.returncode == 0
        os.close(follower)
        follower = -1
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal's other end is closed: all read
                break
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks).decode("utf-8")
    finally:
        os.close(leader)
        if follower != -1:
            os.close(follower)


def test_colour_only_on_a_terminal_and_never_with_no_color() -> None:
    coloured = _on_a_terminal("month", "2026-10")
    assert "\x1b[31m 1休\x1b[0m" in coloured
    assert "\x1b[33m10班\x1b[0m" in coloured
    plain = re.sub(r"\x1b\[[\d;]*m", "", coloured).replace("\r\n", "\n")
    assert plain == (GOLDEN / "month-2026-10.txt").read_text(encoding="utf-8")  # colour adds nothing to the text
    assert "\x1b[" not in _on_a_terminal("month", "2026-10", NO_COLOR="1")
    assert "\x1b[31m 1休" in ok("month", "2026-10", "--color", "always")


# -- notices ----------------------------------------------------------------------------------------------


def test_notice_import_writes_the_arrangement_the_library_reads(tmp_path: Path) -> None:
    notice = FIXTURES / "FICTIONAL-2027-notice.txt"
    target = tmp_path / "cn-2027.toml"
    out = ok("notice", "import", str(notice), "-o", str(target))
    expected = sc.arrangement_from_notice(notice.read_text(encoding="utf-8"))
    assert sc.load_arrangements(target) == (expected,)
    assert target.read_text(encoding="utf-8") == expected.to_toml()
    assert out.strip() == f"wrote {target}: CN 2027: 7 holidays, 28 days off, 5 makeup workdays ({expected.notice})"
    # the file is what --arrangements loads: February 2027 with its (fictional) holiday
    grid = ok("month", "2027-02", "--arrangements", str(target))
    assert "2027年2月  (15 workdays)" in grid
    assert " 8休 9休10休11休12休13休14休" in grid


def test_notice_import_reads_stdin() -> None:
    text = (FIXTURES / "notices" / "2026.txt").read_text(encoding="utf-8")
    done = run("notice", "import", "-", stdin=text)
    assert done.returncode == 0, done.stderr
    assert done.stdout == sc.arrangement_from_notice(text).to_toml()
    assert done.stderr.startswith("CN 2026: 7 holidays, 33 days off, 6 makeup workdays")


# -- check ------------------------------------------------------------------------------------------------

BAD_CONTRACT = """\
schema = 1
name = "desk"
events = ["received"]
colour = "blue"

[calendar]
region = "XX"

[[clauses]]
name = "ack"
period = "24 hourz"
starts_on = "received"
met_by = "acknowledged"

[[clauses]]
name = "reply"
period = "2个工作日"
starts_on = "acknowledged"
met_by = "replied"
pauseable = true

[[clauses]]
name = "solve"
period = "5个工作日"
starts_on = "acknowledgd"
met_by = "solved"

[[clauses]]
name = "a"
period = "1日"
starts_on = "solved"
met_by = "x"

[[clauses]]
name = "b"
period = "1日"
starts_on = "x"
met_by = "solved"
"""


# each part valid alone: the problems of the clauses together, each found after setting aside those named before
CLASHING_CLAUSES = """\
name = "desk"
events = ["received"]

[[clauses]]
name = "reply"
period = "2个工作日"
starts_on = "received"
met_by = "replied"

[[clauses]]
name = "reply"
period = "5个工作日"
starts_on = "received"
met_by = "solved"

[[clauses]]
name = "fix"
period = "8个工作小时"
starts_on = "received"
met_by = "fixed"

[[clauses]]
name = "later"
period = "1日"
starts_on = "solvd"
met_by = "closed"
"""


def _bad_arrangement() -> str:
    text = (FIXTURES / "FICTIONAL-cn-2027.toml").read_text(encoding="utf-8")
    text = text.replace(
        'makeup = ["2027-01-31", "2027-02-20"]', 'makup = ["2027-01-31", "2027-02-20"]'
    )  # a typo in holiday[1]
    text = text.replace('name_en = "Labour Day"', 'name_en = "Labour Day"\nnote = "x"')  # an unknown key in [3]
    assert text.count("makup") == 1
    assert text.count("note =") == 1
    return text


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (
            "desk.toml",
            BAD_CONTRACT,
            [
                "contract: unknown key 'colour'",
                "[calendar]: calendar region must be one of CN, HK, MO, TW; got 'XX'",
                "clauses[0] ('ack'): clause 'ack', period: cannot read '24 hourz' as a period",
                "clauses[1] ('reply'): unknown key 'pauseable'; did you mean 'pausable'?",
                "clause 'solve' starts on 'acknowledgd', which is not an event of this contract",
                "clauses 'a' and 'b' form a cycle of events: solved → x → solved",
            ],
        ),
        (
            "desk.toml",
            CLASHING_CLAUSES,
            [
                "clause name 'reply' is used twice (clauses 0 and 1)",
                "clause 'later' starts on 'solvd', which is not an event of this contract (did you mean 'solved'?)",
                "clause 'fix' counts working time, but the contract's calendar has no working hours",
            ],
        ),
        (
            "cn-2027.toml",
            _bad_arrangement(),
            [
                "year[0] (2027) holiday[1]: unknown key 'makup'; did you mean 'makeup'?",
                "year[0] (2027) holiday[3]: unknown key 'note'",
            ],
        ),
        (
            "late.toml",  # each part is valid alone; the year does not fit the calendar
            (FIXTURES / "FICTIONAL-cn-2027.toml").read_text(encoding="utf-8").replace("year = 2027", "year = 2028"),
            [
                "year[0]: CN 2028 arrangement (FICTIONAL test notice for 2027 (not official)): years must follow the "
                "official horizon without gaps; expected 2027 next, got 2028"
            ],
        ),
    ],
)
def test_check_lists_every_problem_and_fails(name: str, text: str, expected: list[str], tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    done = run("check", str(path))
    assert done.returncode == 1, done.stdout + done.stderr
    head, *problems = done.stdout.splitlines()
    assert head == f"{path}: {len(expected)} problem{'s' if len(expected) > 1 else ''} in this " + (
        "contract file" if name == "desk.toml" else "arrangement file"
    )
    assert len(problems) == len(expected), done.stdout
    for line, part in zip(problems, expected, strict=True):
        assert line.startswith("  - "), (line, part)
        assert part in line, (line, part)


@pytest.mark.parametrize(
    ("name", "text", "problem"),
    [
        ("null.json", "null", "the top level must be a table; got an empty document"),  # was "a valid file"
        ("empty.yaml", "", "the top level must be a table; got an empty document"),
        ("list.toml", FIVE_WORKDAYS + '[calendar]\nregion = "CN"\nholiday_list = []\n', "holiday_list for CN must be"),
    ],
)
def test_check_fails_an_empty_document_and_a_list_where_a_name_goes(
    name: str, text: str, problem: str, tmp_path: Path
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    done = run("check", str(path))
    assert done.returncode == 1, done.stdout + done.stderr
    assert problem in done.stdout
    assert done.stderr == ""


def test_check_passes_a_contract_whose_event_is_named_as_checks_own_stand_in(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    path.write_text(FIVE_WORKDAYS.replace('events = ["received"]', 'events = ["received", "slaclock_check_event"]'))
    done = run("check", str(path))
    assert done.returncode == 0, done.stdout


def test_check_passes_valid_files(tmp_path: Path) -> None:
    contract = desk().save(tmp_path / "desk.json")
    # a contract naming an arrangement file beside it: read from the contract's folder, not the working directory
    folder = tmp_path / "config"
    folder.mkdir()
    (folder / "cn-2027.toml").write_bytes((FIXTURES / "FICTIONAL-cn-2027.toml").read_bytes())
    spec = sc.CalendarSpec("CN", arrangements=["cn-2027.toml"])
    beside = sc.Contract("desk", desk().clauses, events=desk().events, calendar=spec.replace(hours=HOURS))
    (folder / "desk.toml").write_text(beside.to_toml(), encoding="utf-8")
    assert "cn-2027.toml" in (folder / "desk.toml").read_text(encoding="utf-8")
    for path in (contract, FIXTURES / "FICTIONAL-cn-2027.toml", folder / "desk.toml"):
        done = run("check", str(path))
        assert done.returncode == 0, done.stdout
        assert done.stdout.startswith(f"{path}: a valid ")


# -- evaluate ---------------------------------------------------------------------------------------------


def _counts(result: pa.Table) -> dict[str, dict[str, int]]:
    out = {}
    for name in result.column_names:
        if name.endswith(".state"):
            states = result.column(name).cast(pa.string()).to_pylist()
            out[name[:-6]] = {s: states.count(s) for s in set(states)}
    return out


def _summary(stdout: str) -> dict[str, dict[str, int]]:
    lines = stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("clause "))
    header = re.split(r"\s{2,}", lines[start].strip())
    found = {}
    for line in lines[start + 1 :]:
        if not line.strip():
            break
        cells = re.split(r"\s{2,}", line.strip())
        found[cells[0]] = {
            h.replace(" ", "_"): int(c.replace(",", "")) for h, c in zip(header[1:], cells[1:], strict=True)
        }
    return found


def test_evaluate_a_csv_file_of_50000_tickets(tmp_path: Path) -> None:
    table = tickets(50_000, seed=5)
    source, target = tmp_path / "tickets.csv", tmp_path / "result.parquet"
    pcsv.write_csv(table, source)
    contract = desk()
    contract.save(tmp_path / "desk.toml")
    out = ok(
        "evaluate",
        "desk.toml",
        "tickets.csv",
        "-o",
        "result.parquet",
        "--now",
        NOW,
        "--keep",
        "ticket",
        "--report-by",
        "team",
        cwd=tmp_path,
    )
    expected = contract.evaluate(table, now=NOW, keep=["ticket", "team"])
    got = pq.read_table(target)
    assert_same_result(expected, got)
    assert out.splitlines()[0] == f"desk: 50,000 cases from tickets.csv at {NOW}; results in result.parquet"
    summary, counts = _summary(out), _counts(expected)
    assert list(summary) == ["first_reply", "resolution", "feedback"]
    for clause, tally in counts.items():
        assert {k: v for k, v in summary[clause].items() if v} == {k: v for k, v in tally.items() if v}, clause
    # the report by team: the same figures as sc.report in memory
    report = sc.report(expected, by="team", contract=contract)
    section = out.split("by team:\n")[1].splitlines()
    assert section[0].split()[:8] == ["clause", "team", "cases", "met", "breached", "running", "closed", "breach_rate"]
    for row, line in zip(report.to_pylist(), section[1:], strict=True):
        cells = line.split()
        assert cells[:2] == [row["clause"], row["team"]]
        assert [int(c.replace(",", "")) for c in cells[2:7]] == [
            row[k] for k in ("cases", "met", "breached", "running", "closed")
        ]
        assert float(cells[7]) == pytest.approx(row["breach_rate"], abs=5e-4)


def test_evaluate_a_parquet_file_into_csv_with_progress(tmp_path: Path) -> None:
    now = "2026-10-15T12:00"  # mid-way: running and at-risk cases too; nothing after now happened yet
    full = tickets(20_000, seed=6)
    cut = np.datetime64(now)
    full = full.filter(pa.array(full.column("received").to_numpy() < cut))
    for name in ("replied", "solved", "feedback_given"):
        col = full.column(name).to_numpy()
        full = full.set_column(
            full.column_names.index(name), name, pa.array(np.where(col < cut, col, np.datetime64("NaT")))
        )
    table = full.slice(0, 10_000)
    assert table.num_rows == 10_000
    pq.write_table(table, tmp_path / "tickets.parquet", row_group_size=2_500)
    contract = desk()
    contract.save(tmp_path / "desk.yaml")
    done = run(
        "evaluate",
        "desk.yaml",
        "tickets.parquet",
        "-o",
        "result.csv",
        "--now",
        now,
        "--keep",
        "ticket",
        "--batch-size",
        "2500",
        "--progress",
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    expected = contract.evaluate(table, now=now, keep=["ticket"])
    got = pcsv.read_csv(tmp_path / "result.csv", convert_options=pcsv.ConvertOptions(strings_can_be_null=True))
    assert got.column_names == expected.column_names
    for name in expected.column_names:  # CSV holds states as text, instants with their offset, durations in seconds
        e, g = expected.column(name), got.column(name)
        if pa.types.is_dictionary(e.type):
            e = e.cast(pa.string())
        elif pa.types.is_timestamp(e.type):
            e, g = e.cast(pa.timestamp("us", tz="UTC")), g.cast(pa.timestamp("us", tz="UTC"))
        elif pa.types.is_duration(e.type):
            e, g = e.cast(pa.int64()), pc.multiply(g, 1e6).cast(pa.int64())
        assert g.to_pylist() == e.to_pylist(), name
    counts = _counts(expected)
    assert counts["resolution"]["running"]
    assert counts["first_reply"]["at_risk"]
    summary = _summary(done.stdout)
    for clause, tally in counts.items():
        assert {k: v for k, v in summary[clause].items() if v} == tally, clause
    # the bar: four batches of 2,500 of the 10,000 rows the Parquet file says it has, ending on a line of its own
    # (text mode reads the bar's carriage returns as line ends)
    bars = done.stderr.split()
    assert done.stderr.count("rows/s") == 4, done.stderr
    assert "100%  10,000 of 10,000 rows" in done.stderr, done.stderr
    assert done.stderr.endswith("\n")
    assert bars[:2] == ["[#######", "]"]


def test_evaluate_with_a_log_and_pauses_beside_the_tickets(tmp_path: Path) -> None:
    # recurring clauses (a log of occurrences by ticket) and pauses, every file CSV, the report from the CSV result
    contract, (table, log, pauses) = streams_desk(), streams_cases(1_000, seed=4)
    for name, t in (("tickets", table), ("log", log), ("pauses", pauses)):
        pcsv.write_csv(t, tmp_path / f"{name}.csv")
    contract.save(tmp_path / "desk.toml")
    out = ok(
        "evaluate", "desk.toml", "tickets.csv", "--log", "log.csv", "--key", "ticket", "--pauses", "pauses.csv",
        "-o", "result.csv", "--now", STREAMS_NOW, "--report-by", "ticket", "--clauses", "next_reply",
        "--clauses", "resolution", cwd=tmp_path,
    )  # fmt: skip
    clauses = ["next_reply", "resolution"]
    expected = contract.evaluate(table, now=STREAMS_NOW, log=log, key="ticket", pauses=pauses, keep=["ticket"],
                                 clauses=clauses)  # fmt: skip
    counts = _counts(expected)
    assert counts["resolution"]["paused"]
    assert counts["next_reply"]["stopped"]
    assert {c: {k: v for k, v in t.items() if v} for c, t in _summary(out).items()} == counts
    report = sc.report(expected, by="ticket", contract=contract)
    rows = out.split("by ticket:\n")[1].splitlines()[1:]
    assert len(rows) == report.num_rows
    for row, line in zip(report.to_pylist(), rows, strict=True):
        cells = line.split()
        assert (cells[0], int(cells[1].replace(",", "")), int(cells[2])) == (row["clause"], row["ticket"], row["cases"])


def test_evaluate_a_template_with_its_blanks_set(tmp_path: Path) -> None:
    table = pa.table(
        {
            "received": pa.array(np.array(["2026-09-30T16:20", "2026-10-09T10:00"], dtype="datetime64[us]")),
            "acknowledged": pa.array(np.array(["2026-10-01T09:30", "NaT"], dtype="datetime64[us]")),
        }
    )
    pq.write_table(table, tmp_path / "complaints.parquet")
    blanks: dict[str, object] = {
        "ack": "24小时",
        "investigation": 5,
        "proposal": 3,
        "standard": 10,
        "complex_max": 30,
        "escalation_start": 2,
        "escalation_handling": 10,
        "progress_notice": 5,
        "solution_notice": 2,
        "confirmation": 5,
    }
    sets = [x for k, v in blanks.items() for x in ("--set", f"{k}={v}")]
    out = ok(
        "evaluate",
        "001",
        "complaints.parquet",
        "-o",
        "r.parquet",
        "--now",
        "2026-10-20T00:00",
        "--clauses",
        "acknowledgement",
        *sets,
        cwd=tmp_path,
    )
    contract = sc.templates.service_quality_complaint(**blanks)  # type: ignore[arg-type]
    expected = contract.evaluate(table, now="2026-10-20T00:00", clauses=["acknowledgement"])
    assert_same_result(
        expected.append_column("k", pa.array([0, 1])),
        pq.read_table(tmp_path / "r.parquet").append_column("k", pa.array([0, 1])),
        key="k",
    )
    assert _summary(out) == {"acknowledgement": {"met": 1, "breached": 1, "at_risk": 0, "running": 0}}


# -- verify -----------------------------------------------------------------------------------------------

CHAINED = """\
schema = 1
name = "desk"
events = ["received"]

[[clauses]]
name = "ack"
period = "24小时"
starts_on = "received"
met_by = "acknowledged"

[[clauses]]
name = "solution"
period = "3个工作日"
starts_on = "acknowledged"
met_by = "proposed"

[[clauses]]
name = "standard"
period = "{standard}"
starts_on = "received"
met_by = "proposed"
"""


def test_verify_that_checks_no_timeline_fails(tmp_path: Path) -> None:
    """Every timeline from the last days of the data needs the next year's: "0 timelines checked" exited 0."""
    contract = tmp_path / "x.toml"
    contract.write_text(FIVE_WORKDAYS, encoding="utf-8")
    done = run("verify", str(contract), "--first", "2026-12-28", "--brief", "--lang", "en")
    assert done.returncode == 1, done.stdout
    assert done.stdout.startswith("contract 'x': 0 timelines checked")
    assert done.stdout.rstrip().endswith("no timeline was checked: widen --first/--last")


def test_evaluate_refuses_its_options_before_any_row_and_never_overwrites_what_it_reads(tmp_path: Path) -> None:
    contract, tickets_csv = tmp_path / "x.toml", tmp_path / "t.csv"
    contract.write_text(FIVE_WORKDAYS, encoding="utf-8")
    text = "received,replied\n2026-10-12T10:00,\n"
    tickets_csv.write_text(text, encoding="utf-8")
    notice = tmp_path / "n.txt"
    notice.write_text("not a notice", encoding="utf-8")
    base = ["evaluate", str(contract), str(tickets_csv), "-o", str(tmp_path / "o.csv")]
    runs = run_all(
        [
            [*base, "--now", "garbage"],
            [*base, "--now", "2026-12-01T00:00", "--keep", "nope"],
            [*base, "--now", "2026-12-01T00:00", "--report-by", "nope"],
            ["evaluate", str(contract), str(tickets_csv), "-o", str(tickets_csv), "--now", "2026-12-01T00:00"],
            ["notice", "import", str(notice), "-o", str(notice)],
        ]
    )
    says = [
        "now 'garbage' is not an ISO date",  # not "rows 0..0 of t.csv: now ..."
        "keep: no column 'nope'",
        "--report-by 'nope' is not a column of",  # it said "keep: no column 'nope'"
        "is the source: writing it would overwrite what is read",
        "is the notice: writing it would overwrite it",
    ]
    for done, message in zip(runs, says, strict=True):
        assert done.returncode == 2, done.stderr
        assert done.stderr.startswith(f"slaclock: error: {message}") or message in done.stderr, done.stderr
        assert "rows " not in done.stderr
    assert tickets_csv.read_text(encoding="utf-8") == text
    assert notice.read_text(encoding="utf-8") == "not a notice"


def test_verify_prints_the_librarys_report_and_exits_1_on_a_broken_invariant(tmp_path: Path) -> None:
    # 24 hours, then 3 workdays, inside 3 workdays from the receipt: only midnight receipts (and a few eves) fit
    (tmp_path / "tight.toml").write_text(CHAINED.format(standard="3个工作日"), encoding="utf-8")
    (tmp_path / "roomy.toml").write_text(CHAINED.format(standard="5个工作日"), encoding="utf-8")
    options = ["--resolution", "1小时", "--first", "2026-09-28", "--last", "2026-09-30", "--lang", "en"]
    tight, roomy = run_all([["verify", str(tmp_path / name), *options] for name in ("tight.toml", "roomy.toml")])
    assert (tight.returncode, roomy.returncode) == (1, 0), (tight.stderr, roomy.stderr)
    assert tight.stderr == roomy.stderr == ""
    contract = sc.Contract.load(tmp_path / "tight.toml")
    report = contract.verify(resolution="1小时", first="2026-09-28", last="2026-09-30")
    printed, took = tight.stdout.rstrip("\n").rsplit("\n", 1)
    assert printed == report.table("en")  # the smallest counterexample explained, as the library words it
    assert re.fullmatch(r"\d+\.\d s", took)
    assert "chain_within           FAILS on 46 of 72" in printed
    assert "smallest counterexample of chain_within:" in printed
    assert "chain_within           holds" in roomy.stdout


def test_verify_a_template_with_gaps_in_chinese() -> None:
    sets = [x for k, v in SEED_001_BLANKS.items() for x in ("--set", f"{k}={v}")]
    done = run(
        "verify",
        "001",
        *sets,
        "--resolution",
        "6小时",
        "--first",
        "2026-09-28",
        "--last",
        "2026-10-09",
        "--gap",
        "acknowledged=0小时,12小时",
        "--brief",
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("合同'service_quality_complaint'：检查了96条时间线")  # 12 days x 4 x 2 gaps
    assert "chain_within           成立" in done.stdout
    assert "最简反例" not in done.stdout


# -- bad input: exit status 2 and one line ----------------------------------------------------------------


BAD = [
    (["due", "2026-09-31", "5个工作日"], "2026-09-31"),
    (["due", "2026-09-30", "5个工作日x"], "cannot read '5个工作日x' as a period"),
    (["due", "2027-03-01", "5个工作日"], "--horizon projected"),
    (["month", "2026-13"], "MONTH must be a year and month YYYY-MM"),
    (["due", "2026-09-30", "5个工作日", "--convention", "business_hours"], "give them with --hours"),
    (["days", "add", "2026-10-01", "1.5"], "not a whole number: '1.5'"),
    (["holidays", "2026", "--region", "XX"], "unknown region 'XX'"),
    (["notice", "import", "no-such-notice.txt"], "no such file"),
    (["ics", "2026", "-o", "/no-such-folder/cn.ics"], "cannot use /no-such-folder/cn.ics: No such file or directory"),
    (["evaluate", "001", "t.csv", "-o", "r.csv", "--now", "2026-10-01T00:00"], "--set BLANK=VALUE"),
    (["evaluate", "003", "t.csv", "--now", "2026-10-01T00:00"], "the following arguments are required: -o"),
    (["verify", "003", "--resolution", "1个工作日"], "resolution"),
    (["verify", "003", "--gap", "acknowledged"], "--gap takes EVENT=GAP[,GAP...]"),
    (["verify", "003", "--first", "2026-02-30"], "2026-02-30"),
    (
        ["verify", "003", "--last", "2100-12-31"],
        "last 2100-12-31 is past the calendar's data",
    ),  # not 4 GB, then a crash
    (["year", "0000"], "YEAR must be a year YYYY, 0001 or later"),  # not Python's ValueError
    (["month", "0000-01"], "MONTH must be a year and month"),
    (["ics", "0000", "-o", "x.ics"], "YEAR must be a year YYYY"),
    (["verify", "003", "--set", "enquiry_answer=²"], "enquiry_answer"),  # "²".isdigit(), but int("²") raised
    (["days", "between", "2003-12-31", "2004-01-02"], "workdays_between a 2003-12-31"),  # it said "end"
    (["days", "add", "2026-10-01", "99999999999999999999"], "add_workdays(2026-10-01, 2**62 or more)"),
]


def run_all(commands: list[list[str]]) -> list[subprocess.CompletedProcess[str]]:
    """The commands run side by side (each is mostly an interpreter's start), their results in order."""
    procs = [
        subprocess.Popen(
            [str(SCRIPT), *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            env=_env(),
        )
        for args in commands
    ]
    done = []
    for args, p in zip(commands, procs, strict=True):
        out, err = p.communicate(timeout=120)
        done.append(subprocess.CompletedProcess([str(SCRIPT), *args], p.returncode, out, err))
    return done


def test_bad_input_exits_2_with_one_line() -> None:
    for (args, says), done in zip(BAD, run_all([a for a, _ in BAD]), strict=True):
        assert done.returncode == 2, (args, done.stdout, done.stderr)
        assert done.stdout == "", args
        lines = done.stderr.splitlines()
        assert len(lines) == 1, (args, done.stderr)
        assert lines[0].startswith("slaclock: error: "), (args, done.stderr)
        assert says in lines[0], (args, lines[0])


# -- help -------------------------------------------------------------------------------------------------

COMMANDS = [
    [],
    ["due"],
    ["month"],
    ["year"],
    ["days"],
    ["days", "add"],
    ["days", "between"],
    ["days", "is"],
    ["holidays"],
    ["ics"],
    ["notice"],
    ["notice", "import"],
    ["check"],
    ["evaluate"],
    ["verify"],
    ["demo"],
]


def test_help_of_every_command_shows_an_example() -> None:
    for command, done in zip(COMMANDS, run_all([[*c, "--help"] for c in COMMANDS]), strict=True):
        assert done.returncode == 0, (command, done.stderr)
        assert done.stderr == "", (command, done.stderr)
        example = done.stdout.split("example:\n", 1)[1]
        assert example.startswith("  slaclock " + " ".join(command[:1])), (command, example)


def test_version() -> None:
    assert ok("--version").strip() == f"slaclock {sc.__version__}"


def test_evaluate_with_two_columns_of_a_name_or_a_report_by_an_instant_column(tmp_path: Path) -> None:
    # a duplicated header was a KeyError traceback; a report by a column of whole-second instants re-read the
    # result (written in µs) as seconds: an ArrowInvalid traceback
    contract = tmp_path / "x.toml"
    contract.write_text(FIVE_WORKDAYS, encoding="utf-8")
    (tmp_path / "dup.csv").write_text("received,received,replied\n2026-10-12T10:00,2026-10-12T10:00,\n", "utf-8")
    (tmp_path / "t.csv").write_text("received,replied,opened\n2026-10-12T10:00,,2026-10-12T09:00\n", "utf-8")
    now = ["--now", "2026-12-01T00:00"]
    dup, by = run_all(
        [
            ["evaluate", str(contract), str(tmp_path / "dup.csv"), "-o", str(tmp_path / "o.csv"), *now],
            ["evaluate", str(contract), str(tmp_path / "t.csv"), "-o", str(tmp_path / "r.csv"), *now,
             "--report-by", "opened"],
        ]
    )  # fmt: skip
    assert dup.returncode == 2, dup.stderr
    assert dup.stderr.startswith("slaclock: error: source ")
    assert "has two columns named 'received'" in dup.stderr
    assert by.returncode == 0, by.stderr
    assert "by opened:" in by.stdout
    assert "2026-10-12 09:00" in by.stdout


def test_an_arrangements_folder_with_no_arrangement_is_refused(tmp_path: Path) -> None:
    # it loaded nothing, silently: February 2027 then raised a horizon error, or was counted without the year
    (tmp_path / "x.toml").mkdir()  # a folder, whatever its name
    done = run("month", "2027-02", "--arrangements", str(tmp_path))
    assert done.returncode == 2, done.stderr
    assert "is a folder with no .toml or .json arrangement file" in done.stderr


def test_a_count_of_5000_digits_is_refused_in_a_short_message() -> None:
    done = run("days", "add", "2026-09-30", "9" * 5_000)  # past int()'s digits: the whole text was the message
    assert done.returncode == 2, done.stderr
    assert "not a whole number" in done.stderr
    assert len(done.stderr) < 300, len(done.stderr)
