"""Convention: names from the switches, the cited law, bounded messages."""

from __future__ import annotations

import pytest

import slaclock as sc
from slaclock.errors import InvalidInputError


def test_a_convention_without_a_name_is_named_from_its_switches() -> None:
    assert sc.Convention().name == "civil_code"
    assert sc.Convention() == sc.Convention.civil_code()
    assert sc.Convention(roll_backward=True).name == "custom"
    assert sc.Convention(name="", cutoff="18:00").name == "custom"
    # the cited law changes no count: the counting is still the Code's
    assert sc.Convention(governing_law="prc_civil_code").name == "civil_code"
    assert sc.Convention(name="整改", roll_clock_time=True).name == "整改"
    assert sc.Convention.no_rollover().replace(cutoff="18:00").name == "custom"


@pytest.mark.parametrize(
    ("name", "switches", "wrong"),
    [
        ("civil_code", {"roll_last_day": False}, "roll_last_day=False"),
        ("business_hours", {}, "close_of_business=None"),
        ("no_rollover", {"roll_last_day": False, "roll_backward": True}, "roll_backward=True"),
        ("deemed_receipt", {"cutoff": "18:00"}, "rest_day_receipt='next_day'"),
    ],
)
def test_a_presets_name_on_other_switches_is_refused(name: str, switches: dict[str, object], wrong: str) -> None:
    # name="civil_code" with roll_last_day=False labelled a due on a holiday as the Civil Code's
    with pytest.raises(InvalidInputError, match=f"Convention name '{name}' is a preset's, and {wrong} is not its"):
        sc.Convention(name=name, **switches)  # type: ignore[arg-type]


def test_each_preset_is_named_as_its_own() -> None:
    for preset in (
        sc.Convention.civil_code(),
        sc.Convention.business_hours(),
        sc.Convention.business_hours("17:30"),
        sc.Convention.deemed_receipt(),
        sc.Convention.deemed_receipt(None),
        sc.Convention.notice_on_workday(),
        sc.Convention.no_rollover(),
    ):
        assert sc.Convention(**{f: getattr(preset, f) for f in preset.__dataclass_fields__}) == preset


def test_governing_law_is_one_of_two_literals() -> None:
    assert sc.Convention().governing_law == "region"
    with pytest.raises(InvalidInputError, match="governing_law must be one of 'region', 'prc_civil_code'"):
        sc.Convention(governing_law="hk")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "changes",
    [
        {"name": 5},
        {"roll_last_day": "x" * 100_000},
        {"correspondence": "y" * 100_000},
        {"cutoff": "z" * 100_000},
        {"close_of_business": list(range(100_000))},
    ],
)
def test_messages_stay_short_for_huge_values(changes: dict[str, object]) -> None:
    with pytest.raises(InvalidInputError) as info:
        sc.Convention(**changes)  # type: ignore[arg-type]
    assert len(str(info.value)) < 400


def test_a_contract_keeps_its_governing_law() -> None:
    conv = sc.Convention(governing_law="prc_civil_code")
    contract = sc.Contract(
        "x", [sc.Clause("a", "5日", starts_on="received", met_by="done")], events=["received"], convention=conv
    )
    data = contract.to_dict()
    assert data["convention"] == {"name": "civil_code", "governing_law": "prc_civil_code"}
    assert sc.Contract.from_dict(data).convention == conv
