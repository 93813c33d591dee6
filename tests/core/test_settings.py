from pathlib import Path

import pytest

from scamnet.core.errors import ConfigError
from scamnet.core.settings import SETTINGS, load_settings


def test_defaults_come_from_the_one_declaration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    settings = load_settings()
    assert settings.db == "scamnet.db"
    assert {s.name for s in SETTINGS} == set(settings.as_dict())


def test_a_settings_file_overrides_defaults_and_overrides_win(tmp_path: Path) -> None:
    path = tmp_path / "scamnet.toml"
    path.write_text('db = "x.db"\ntrace_max_hops = 3\n')
    settings = load_settings(path, trace_max_hops=9)
    assert (settings.db, settings.trace_max_hops) == ("x.db", 9)


def test_an_unknown_key_is_an_error_naming_the_key(tmp_path: Path) -> None:
    path = tmp_path / "scamnet.toml"
    path.write_text("trace_max_hop = 3\n")
    with pytest.raises(ConfigError, match="unknown setting 'trace_max_hop'"):
        load_settings(path)


def test_a_value_of_the_wrong_type_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "scamnet.toml"
    path.write_text('trace_max_hops = "six"\n')
    with pytest.raises(ConfigError, match="expected a int"):
        load_settings(path)
