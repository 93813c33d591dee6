from pathlib import Path

import pytest

from scamnet.core.errors import ConfigError, NotFoundError
from scamnet.ingest.sources import source_of, sources_of


@pytest.mark.parametrize(
    ("name", "kind", "fmt", "gzip"),
    [
        ("calls.csv.gz", "calls", "csv", True),
        ("2026-03-calls.parquet", "calls", "parquet", False),
        ("transfers_part1.jsonl", "transfers", "jsonl", False),
        ("report_items.csv", "report_items", "csv", False),
        ("reports-2026.tsv", "reports", "tsv", False),
        ("bank_export.xml", "transfers", "xml", False),
    ],
)
def test_the_file_name_says_the_table_format_and_compression(name: str, kind: str, fmt: str, gzip: bool) -> None:
    src = source_of(Path(name))
    assert (src.kind, src.format, src.gzip) == (kind, fmt, gzip)


def test_kind_overrides_the_file_name() -> None:
    assert source_of(Path("export.csv"), "messages").kind == "messages"


@pytest.mark.parametrize("name", ["export.csv", "calls_and_transfers.csv"])
def test_a_name_that_names_no_single_table_asks_for_kind(name: str) -> None:
    with pytest.raises(ConfigError, match="cannot tell which table") as caught:
        source_of(Path(name))
    assert "--kind" in caught.value.hint


def test_an_unknown_kind_lists_the_tables() -> None:
    with pytest.raises(ConfigError) as caught:
        source_of(Path("x.csv"), "alerts")
    assert "transfers" in caught.value.hint


def test_an_unknown_format_says_which_ones_are_read() -> None:
    with pytest.raises(ConfigError, match="format"):
        source_of(Path("calls.xlsx"))


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="nope.csv"):
        sources_of([tmp_path / "nope.csv"])


def test_a_folder_holds_its_files_by_name_and_not_its_hidden_files(tmp_path: Path) -> None:
    for name in ("transfers.parquet", "calls.csv.gz", ".DS_Store"):
        (tmp_path / name).write_bytes(b"")
    (tmp_path / ".git").mkdir()
    assert [(s.path.name, s.kind) for s in sources_of([tmp_path])] == [("calls.csv.gz", "calls"),
                                                                      ("transfers.parquet", "transfers")]


def test_a_sub_folder_is_named_not_skipped(tmp_path: Path) -> None:
    """An export split by month (``2026-03/calls.csv``) would lose its rows unnoticed if ingest read only the top."""
    (tmp_path / "transfers.parquet").write_bytes(b"")
    (tmp_path / "2026-03").mkdir()
    (tmp_path / "2026-03" / "calls.csv").write_bytes(b"")
    with pytest.raises(ConfigError, match="holds sub-folders \\(2026-03/\\)") as caught:
        sources_of([tmp_path])
    assert "command line" in caught.value.hint


def test_an_empty_folder_is_an_error_naming_it(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match=f"no files in {tmp_path}"):
        sources_of([tmp_path])
