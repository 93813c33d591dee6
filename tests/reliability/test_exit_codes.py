"""Class: a traceback reaching the user, and exit codes that differ from the documented table.

An error scamnet did not foresee prints one line naming a log file that holds the traceback, and
exits 70; every error class's exit code is in the table of docs/cli.md.
"""

from __future__ import annotations

import re
from pathlib import Path

import scamnet.service.stats as stats_service
from scamnet.cli.app import UNEXPECTED
from scamnet.core import errors

from .conftest import one_error

DOCS = Path(__file__).resolve().parents[2] / "docs" / "cli.md"


def _documented_codes() -> set[int]:
    text = DOCS.read_text(encoding="utf-8")
    table = text[text.index("## Exit codes"):]
    return {int(code) for code in re.findall(r"^\| (\d+) \|", table, flags=re.M)}


def test_an_unforeseen_error_is_one_line_naming_the_log_that_holds_the_traceback(cli, tmp_path: Path, monkeypatch) -> None:
    def broken(db):
        raise TypeError("unsupported operand type(s) for -: 'NoneType' and 'datetime'")

    monkeypatch.setattr(stats_service, "store_stats", broken)
    ran = cli("stats", "--db", tmp_path / "s.db")
    assert ran.code == UNEXPECTED == 70
    error = one_error(ran)
    assert len(error.strip().splitlines()) == 1
    log = Path(re.search(r"the traceback is in (\S+)", error).group(1))
    assert log.parent == tmp_path / "logs"
    assert "Traceback" in log.read_text(encoding="utf-8") and "TypeError" in log.read_text(encoding="utf-8")


def test_every_error_class_exit_code_is_in_the_documented_table() -> None:
    classes = [errors.ScamnetError, *errors.ScamnetError.__subclasses__()]
    codes = {cls.exit_code for cls in classes} | {0, 2, UNEXPECTED, 130}
    assert codes <= _documented_codes()
