"""A model file that is not one, or from another scamnet version, is refused with the file named."""

import gzip
import json
from pathlib import Path

import pytest

from scamnet.core.errors import ConfigError
from scamnet.detect.content.model_file import read_model_file, write_model_file
from scamnet.detect.content.text.model import load_text_model

EXPECTED = {"format": "scamnet-text-model", "version": 1}


def test_a_written_model_reads_back_unchanged(tmp_path: Path) -> None:
    payload = EXPECTED | {"coef": [0.5, -1.25], "vocabulary": ["安全账户", "ok"]}
    write_model_file(tmp_path / "m.json.gz", payload)
    assert read_model_file(tmp_path / "m.json.gz", EXPECTED, "text model", "retrain") == payload


def test_a_file_that_is_not_gzipped_json_names_itself(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a model", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"notes\.txt: not a scamnet text model"):
        load_text_model(tmp_path / "notes.txt")


def test_a_model_of_another_version_says_which_version_was_expected(tmp_path: Path) -> None:
    with gzip.open(tmp_path / "old.json.gz", "wt", encoding="utf-8") as out:
        json.dump({"format": "scamnet-text-model", "version": 0}, out)
    with pytest.raises(ConfigError, match="version 0 does not match") as caught:
        load_text_model(tmp_path / "old.json.gz")
    assert "expected scamnet-text-model version 2" in caught.value.hint
