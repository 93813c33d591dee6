"""The bad-input catalogue: helpers to run a command in-process and to see that a store is unchanged."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pytest

from scamnet.cli.app import main


@dataclass(frozen=True)
class Ran:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Run ``scamnet ARGS`` in-process (in ``tmp_path``); exit code, stdout and stderr."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SCAMNET_LOG_DIR", str(tmp_path / "logs"))

    def run(*args: str) -> Ran:
        capsys.readouterr()
        try:
            main([str(a) for a in args])
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        out, err = capsys.readouterr()
        return Ran(code, out, err)

    return run


def digest(path: Path) -> str | None:
    """The file's bytes as a hash (None when it does not exist): equal digests, unchanged file."""
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None


def one_error(ran: Ran) -> str:
    """The error line of a failed command; asserts that no traceback reached the user."""
    assert "Traceback" not in ran.err and "Traceback" not in ran.out
    lines = [line for line in ran.err.splitlines() if line.startswith("error: ")]
    assert len(lines) == 1, ran.err
    return ran.err
