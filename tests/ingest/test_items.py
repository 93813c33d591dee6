"""Reading a batch of items: the encodings exports arrive in, CSV and JSON Lines columns, clear errors."""

import json
from pathlib import Path

import pytest

from scamnet.core.errors import InputError, ScamnetError
from scamnet.ingest.items import read_items

POLICE = "【公安局】您涉嫌洗钱，请立即将资金转入安全账户"
MEETING = "明天下午三点开会，记得带上周的报表"


def test_a_gb18030_export_is_read_without_being_told(tmp_path: Path) -> None:
    (tmp_path / "gbk.txt").write_bytes(f"{POLICE}\n\n{MEETING}\n".encode("gb18030"))
    items = read_items(tmp_path / "gbk.txt")
    assert items.values == [POLICE, MEETING] and items.lines == [1, 3] and items.encoding == "gb18030"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-8-sig"])
def test_utf16_and_marked_utf8_are_detected(tmp_path: Path, encoding: str) -> None:
    (tmp_path / "m.txt").write_bytes(f"{POLICE}\r\n{MEETING}\r\n".encode(encoding))
    assert read_items(tmp_path / "m.txt").values == [POLICE, MEETING]


def test_a_csv_column_is_read_with_its_line_numbers(tmp_path: Path) -> None:
    (tmp_path / "r.csv").write_text(f'id,text\n1,"{POLICE}"\n2,"two\nlines"\n3,{MEETING}\n', encoding="utf-8")
    items = read_items(tmp_path / "r.csv", "text")
    assert items.values == [POLICE, "two\nlines", MEETING] and items.lines == [2, 4, 5]


def test_a_missing_column_names_the_column_the_file_and_the_columns_there(tmp_path: Path) -> None:
    (tmp_path / "r.csv").write_text("id,body\n1,hello\n", encoding="utf-8")
    with pytest.raises(ScamnetError) as caught:
        read_items(tmp_path / "r.csv", "text")
    assert str(tmp_path / "r.csv") in caught.value.message and "'text'" in caught.value.message
    assert "id, body" in caught.value.hint


def test_json_lines_rows_without_the_field_are_named_by_line(tmp_path: Path) -> None:
    rows = [{"text": POLICE}, {"body": "x"}, {"text": MEETING}]
    (tmp_path / "r.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_items(tmp_path / "r.jsonl", "text")
    assert [(p.row, p.column) for p in caught.value.problems] == [(2, "text")]


def test_bytes_that_are_not_the_stated_encoding_name_the_line_and_bytes(tmp_path: Path) -> None:
    (tmp_path / "m.txt").write_bytes(b"fine\nalso fine\n" + MEETING.encode("gb18030") + b"\n")
    with pytest.raises(InputError) as caught:
        read_items(tmp_path / "m.txt", encoding="utf-8")
    problem = caught.value.problems[0]
    assert problem.row == 3 and problem.source == str(tmp_path / "m.txt") and "utf-8" in problem.expected


def test_an_empty_file_is_an_error_naming_it(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("\n  \n", encoding="utf-8")
    with pytest.raises(ScamnetError, match="no items in .*empty.txt"):
        read_items(tmp_path / "empty.txt")
