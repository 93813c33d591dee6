"""Class: options and settings out of range, and a settings file that is never read.

Every number a command takes has a range (a count of hops is not -1, a port is 1-65535); every
number a setting holds has one too (``ingest_batch_rows = 0`` is refused). Out of range is exit
2 naming the option or setting. A ``--config`` file is always read, also when ``--db`` is given,
so a broken one is an error, not silently ignored.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import typer.main

from scamnet.cli.app import app
from scamnet.core.errors import ConfigError
from scamnet.core.settings import SETTINGS, Settings

from .conftest import one_error


def _commands(group, path: tuple[str, ...] = ()):
    if hasattr(group, "commands"):
        for name, sub in group.commands.items():
            yield from _commands(sub, (*path, name))
    else:
        yield path, group


def _number_type(param) -> type | None:
    annotation = getattr(getattr(param, "type_descriptor", None), "annotation", None)
    for kind in (int, float):
        if annotation is kind or kind in getattr(annotation, "__args__", ()):
            return kind
    return None


def test_every_numeric_option_of_every_command_has_a_range() -> None:
    numeric = [(f"scamnet {' '.join(path)} {param.opts[0]}", param)
               for path, command in _commands(typer.main.get_command(app))
               for param in command.params
               if getattr(param, "opts", None) and param.opts[0].startswith("--") and _number_type(param)]
    assert len(numeric) > 20  # the walk reaches the commands
    assert [name for name, param in numeric if param.min is None and param.max is None] == []


@pytest.mark.parametrize(("args", "option"), [(["cases", "--hops", "-1"], "--hops"),
                                              (["trace", "r1", "--max-hops", "0"], "--max-hops"),
                                              (["share", "export", "--out", "b.json", "--min-score", "2"], "--min-score"),
                                              (["simulate", "--people", "0"], "--people")])
def test_an_option_out_of_range_is_a_usage_error_naming_it(cli, args: list[str], option: str) -> None:
    ran = cli(*args)
    assert ran.code == 2
    assert option in ran.err and "Traceback" not in ran.err


@pytest.mark.parametrize(("key", "value"), [("ingest_batch_rows", 0), ("ingest_memory_mb", -5), ("tier_high", 1.5),
                                            ("alert_threshold", float("nan")), ("trace_max_hops", 0),
                                            ("event_future_hours", -1.0), ("event_earliest", "last year")])
def test_a_setting_out_of_range_is_refused_naming_it(key: str, value: object) -> None:
    with pytest.raises(ConfigError, match=f"setting '{key}'"):
        Settings({key: value})


def test_every_default_setting_is_within_its_own_range() -> None:
    assert Settings().as_dict() == {s.name: s.default for s in SETTINGS}


def test_a_settings_file_with_a_value_out_of_range_stops_an_ingest(cli, tmp_path: Path) -> None:
    (tmp_path / "bad.toml").write_text("ingest_batch_rows = 0\n", encoding="utf-8")
    (tmp_path / "m.csv").write_text("msg_id\nM1\n", encoding="utf-8")
    ran = cli("ingest", "m.csv", "--kind", "messages", "--db", tmp_path / "s.db", "--config", tmp_path / "bad.toml")
    assert ran.code == 2
    assert "setting 'ingest_batch_rows' is 0, expected 1 to" in one_error(ran)
    assert not (tmp_path / "s.db").exists()


@pytest.mark.parametrize("broken", ["db = [unclosed\n", "dbb = 'x.db'\n"])
def test_a_broken_config_is_read_and_refused_even_with_db_given(cli, tmp_path: Path, broken: str) -> None:
    (tmp_path / "broken.toml").write_text(broken, encoding="utf-8")
    ran = cli("stats", "--db", tmp_path / "x.db", "--config", tmp_path / "broken.toml")
    assert ran.code == 2
    assert "broken.toml" in one_error(ran) or "unknown setting 'dbb'" in ran.err
