"""Class: untrusted text printed as terminal markup.

Messages, links, report items and partners' bundles are data, and data is printed literally on
every output path: an unbalanced ``[/y]`` does not crash a command, a balanced ``[red]x[/red]`` is
not applied (the analyst sees the URL that is in the data), emoji codes stay codes, and a terminal
escape is shown as ``\\x1b``, never sent to the terminal.
"""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from scamnet.cli.output import make_console, print_rows, styled
from scamnet.share.stix import export_bundle

from .conftest import digest

HOSTILE = ["[/y]", "http://evil.top/[red]x[/red]", "[bold]hi[/bold] :cat:", "pay\x1b[2J now", "[link=http://a.top]b[/link]"]


def _printed(*things: object) -> str:
    sink = io.StringIO()
    console = make_console(file=sink, width=300)
    for thing in things:
        console.print(thing)
    return sink.getvalue()


@pytest.mark.parametrize("text", HOSTILE)
def test_a_data_string_prints_exactly_as_it_is_in_the_data(text: str) -> None:
    shown = _printed(text)
    assert shown.rstrip("\n") == text.replace("\x1b", "\\x1b")


@pytest.mark.parametrize("text", HOSTILE)
def test_a_table_cell_or_title_from_data_prints_literally(text: str) -> None:
    sink = io.StringIO()
    import scamnet.cli.output as output

    original = output.console
    output.console = make_console(file=sink, width=400)
    try:
        print_rows(text, [{"value": text}])
    finally:
        output.console = original
    assert sink.getvalue().count(text.replace("\x1b", "\\x1b")) == 2


def test_styling_is_applied_only_to_the_label_never_to_the_data() -> None:
    shown = _printed(styled("step 1/4", "bold", " [red]x[/red]"))
    assert shown.strip() == "step 1/4 [red]x[/red]"


@pytest.mark.parametrize("text", ["[/y] pay now http://evil.top/[red]x[/red]", "hello :cat: [bold]"])
def test_inspect_text_prints_the_message_literally(cli, text: str) -> None:
    ran = cli("inspect", "text", text)
    assert ran.code == 0, ran.err
    assert "Traceback" not in ran.err


def test_inspect_url_shows_the_url_that_is_in_the_data(cli) -> None:
    ran = cli("inspect", "url", "http://evil.top/[red]x[/red]")
    assert ran.code == 0, ran.err
    assert "http://evil.top/[red]x[/red]" in ran.out


def test_share_import_of_a_bundle_with_markup_prints_it_and_commits_once(cli, tmp_path: Path) -> None:
    at = datetime(2026, 3, 1, tzinfo=UTC)
    row = {"indicator_id": "url:x", "kind": "url", "value": "http://evil.top/[/y][red]x[/red]", "hashed": False,
           "confidence": 0.9, "first_seen": at, "last_seen": at, "scam_type": None, "gang_id": None, "source": "own"}
    bundle = tmp_path / "partner.json"
    bundle.write_text(export_bundle([row], "[/y]Partner [red]B[/red]", at), encoding="utf-8")
    ran = cli("share", "import", bundle, "--db", tmp_path / "s.db")
    assert ran.code == 0, ran.err
    assert "[/y]Partner [red]B[/red]" in ran.out  # the partner's name, as it is in the bundle
    assert digest(tmp_path / "s.db") is not None


def test_an_error_message_carrying_data_is_printed_literally(cli, tmp_path: Path) -> None:
    bundle = tmp_path / "bad.json"
    bundle.write_text(json.dumps({"type": "[/y][red]x[/red]"}), encoding="utf-8")
    ran = cli("share", "import", bundle, "--db", tmp_path / "s.db")
    assert ran.code == 5
    assert "[/y][red]x[/red]" in ran.err and "Traceback" not in ran.err
    assert not (tmp_path / "s.db").exists()
