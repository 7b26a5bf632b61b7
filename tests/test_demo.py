"""`make demo` (``python -m slaclock demo``) runs and shows what the README says it shows."""

from __future__ import annotations

import re
import subprocess
import sys


def test_the_demo_runs_and_tells_the_timeline() -> None:
    out = subprocess.run([sys.executable, "-m", "slaclock", "demo"], capture_output=True, text=True, check=True)
    text = out.stdout
    assert "CN calendar, Asia/Shanghai, official 2004-01-01..2026-12-31" in text
    assert "CalendarHorizonError" in text
    assert "horizon='projected': 2027-01-05 (provisional: True)" in text
    # seed 001 as a case: the pause keeps one used workday, and the investigation ends 10-16 after it
    assert re.search(r"investigation +已暂停 +— +已暂停，保留4个工作日", text)
    assert re.search(r"investigation +已达成 +2026-10-16 24:00", text)
    assert "逾期12日，违约金¥74.07" in text
    hit = re.search(r"1,000,000 complaints .* wrong on ([\d,]+) of them \(([\d.]+)%\)", text, re.S)
    assert hit is not None, text[-600:]
    assert 5 < float(hit.group(2)) < 30  # the 调休 Saturdays: a plain weekday count misses them
    # the same contract for a million complaints at once: every complaint is counted in each clause's tally
    for clause in ("acknowledgement", "investigation"):
        line = re.search(rf"^  {clause}: (.*)$", text, re.M)
        assert line is not None, text[-800:]
        tally = dict(re.findall(r"(\w+) ([\d,]+)", line.group(1)))
        assert sum(int(v.replace(",", "")) for v in tally.values()) == 1_000_000
        assert set(tally) <= {"not_started", "running", "paused", "at_risk", "met", "breached"}
        assert int(tally["breached"].replace(",", "")) > 0
