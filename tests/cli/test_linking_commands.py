import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from tests.graph.two_gangs import T0
from tests.service.linking_store import build_linking_store

from scamnet.cli.app import main
from scamnet.core.clock import FixedClock
from scamnet.core.settings import Settings
from scamnet.service.linking import run_linking
from scamnet.store import open_store


@dataclass
class Ran:
    returncode: int
    stdout: str
    stderr: str


def scamnet_cli(*args: str, cwd: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch) -> Ran:
    """The command in-process (a subprocess per call costs seconds of imports)."""
    monkeypatch.chdir(cwd)
    code = 0
    try:
        main(list(args))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out = capsys.readouterr()
    return Ran(code, out.out, out.err)


@pytest.fixture
def linked(tmp_path: Path) -> Path:
    db = build_linking_store(tmp_path / "scamnet.db")
    with open_store(db) as store:
        run_linking(store, Settings(), FixedClock(T0))
    (tmp_path / "shared.key").write_text("a secret two agencies share, 32b\n")
    return tmp_path


def test_cases_lists_gang_as_reports_as_one_case(linked: Path, capsys, monkeypatch) -> None:
    result = scamnet_cli("cases", "--json", "cases.json", cwd=linked, capsys=capsys, monkeypatch=monkeypatch)
    assert result.returncode == 0, result.stderr
    cases = json.loads((linked / "cases.json").read_text())
    assert cases[0]["reports"] == ["RA1", "RA2", "RA3"]
    # scamnet run put these reports in gang K002: the case is named as scamnet gang and the report name it
    assert cases[0]["case"] == "K002" and cases[0]["gangs"] == ["K002"] and "K002" in result.stdout


def test_gang_writes_the_json_dossier_and_an_unknown_gang_is_one_error_line(linked: Path, capsys, monkeypatch) -> None:
    result = scamnet_cli("gang", "K001", "--format", "json", cwd=linked, capsys=capsys, monkeypatch=monkeypatch)
    assert result.returncode == 0, result.stderr
    assert json.loads((linked / "K001.json").read_text())["gang"]["total_loss"] == 5700.0
    missing = scamnet_cli("gang", "K404", cwd=linked, capsys=capsys, monkeypatch=monkeypatch)
    assert missing.returncode == 3
    assert missing.stderr.splitlines()[0].startswith("error: no gang 'K404'")


def test_share_export_import_and_match_round_trip_through_hashes(linked: Path, capsys, monkeypatch) -> None:
    exported = scamnet_cli("share", "export", "--hashed", "--secret-file", "shared.key", "--out", "ours.json", cwd=linked, capsys=capsys, monkeypatch=monkeypatch)
    assert exported.returncode == 0, exported.stderr
    matched = scamnet_cli("share", "match", "ours.json", "--secret-file", "shared.key", "--json", "m.json", cwd=linked, capsys=capsys, monkeypatch=monkeypatch)
    assert matched.returncode == 0, matched.stderr
    assert len(json.loads((linked / "m.json").read_text())) == 7
    imported = scamnet_cli("share", "import", "ours.json", "--source", "partner", cwd=linked, capsys=capsys, monkeypatch=monkeypatch)
    assert imported.returncode == 0 and "partner" in imported.stdout


def test_importing_a_broken_bundle_fails_with_the_reason(linked: Path, capsys, monkeypatch) -> None:
    (linked / "broken.json").write_text('{"type": "bundle", "objects": [')
    result = scamnet_cli("share", "import", "broken.json", cwd=linked, capsys=capsys, monkeypatch=monkeypatch)
    assert result.returncode == 5
    assert "nothing was written" in result.stderr and "broken.json, line 1" in result.stderr
