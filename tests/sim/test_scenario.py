"""Scenarios: the built-ins load, every knob is named, and mistakes are reported with the knob at fault."""

from __future__ import annotations

from pathlib import Path

import pytest

from scamnet.core.errors import ConfigError
from scamnet.sim.scenario import BUILTIN, knobs, load_scenario


def test_the_built_in_scenarios_grow_from_demo_to_hard() -> None:
    demo, baseline, hard = (load_scenario(name) for name in ("demo", "baseline", "hard"))
    assert demo.world.people < baseline.world.people == hard.world.people
    assert hard.gangs.human_timing > baseline.gangs.human_timing
    assert hard.mules.active_history_share > baseline.mules.active_history_share
    assert hard.confounders.couriers > baseline.confounders.couriers


def test_the_adversarial_scenario_is_hard_with_few_late_reports_and_patient_rented_mules() -> None:
    hard, adversarial = load_scenario("hard"), load_scenario("adversarial")
    assert "adversarial" in BUILTIN and adversarial.world == hard.world and adversarial.confounders == hard.confounders
    assert (adversarial.gangs.human_timing, adversarial.gangs.mobility) == (hard.gangs.human_timing, hard.gangs.mobility)
    assert 0.10 <= adversarial.victims.report_rate <= 0.15 and adversarial.victims.report_delay_hours >= 48
    assert adversarial.mules.active_history_share >= 0.9 and adversarial.mules.forward_minutes >= 600
    assert adversarial.gangs.off_network_share > 0 and adversarial.gangs.new_script_share > 0


def test_a_scenario_file_overrides_only_what_it_names(tmp_path: Path) -> None:
    path = tmp_path / "tiny.toml"
    path.write_text('[world]\npeople = 800\n[gangs]\ncount = 1\nhuman_timing = 1\n', encoding="utf-8")
    s = load_scenario(path)
    assert (s.name, s.world.people, s.gangs.count, s.gangs.human_timing) == ("tiny", 800, 1, 1.0)
    assert s.world.days == load_scenario(s).world.days == 14


@pytest.mark.parametrize(("text", "says"), [
    ("[gangs]\ncuont = 2\n", "unknown knob gangs.cuont"),
    ("[gang]\ncount = 2\n", "unknown section [gang]"),
    ("[world]\npeople = 'many'\n", "world.people is 'many', expected a int"),
    ("[mules]\nlayers = 5\n", "mules.layers is 5, expected between 1 and 3"),
    ("[world]\nstart = '1 March'\n", "world.start is '1 March'"),
    ("[gangs]\nscam_types = { lottery_win = 1.0 }\n", "gangs.scam_types"),
    ("[world\n", "not valid TOML"),
    ("[gangs]\noff_network_share = 1.5\n", "gangs.off_network_share is 1.5, expected between 0 and 1"),
    ("[gangs]\nlinkless_share = 0.6\nqr_share = 0.6\n", "gangs.linkless_share and qr_share together is 1.2, expected at most 1"),
])
def test_a_wrong_scenario_says_which_knob_and_what_was_expected(tmp_path: Path, text: str, says: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=says.replace("[", r"\[").replace("(", r"\(")):
        load_scenario(path)


def test_an_unknown_scenario_name_lists_the_built_ins() -> None:
    with pytest.raises(ConfigError) as error:
        load_scenario("medium")
    assert "demo" in error.value.hint


def test_every_knob_is_documented() -> None:
    doc = (Path(__file__).parents[2] / "docs" / "simulator.md").read_text(encoding="utf-8")
    for section, entries in knobs().items():
        for name, _, help_text in entries:
            assert f"`{section}.{name}`" in doc, f"{section}.{name} is not in docs/simulator.md"
            assert help_text
