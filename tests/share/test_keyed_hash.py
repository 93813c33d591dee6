from pathlib import Path

import pytest

from scamnet.core.errors import ConfigError
from scamnet.share.keyed_hash import entity_hash, keyed_hash, read_secret

SECRET = b"a secret two agencies share, 32b"


def test_one_number_written_three_ways_has_one_keyed_hash() -> None:
    hashes = {keyed_hash("phone", raw, SECRET) for raw in ("+86 138 1234 5678", "0086 138-1234-5678", "13812345678")}
    assert hashes == {entity_hash("phone:+8613812345678", SECRET)}


def test_the_hash_reveals_nothing_without_the_secret_and_kinds_never_collide() -> None:
    assert keyed_hash("phone", "13812345678", SECRET) != keyed_hash("phone", "13812345678", b"another secret, 32 bytes long!!")
    assert keyed_hash("account", "8613812345678", SECRET) != keyed_hash("phone", "+8613812345678", SECRET)
    assert "13812345678" not in keyed_hash("phone", "13812345678", SECRET)


def test_a_short_secret_is_refused_with_the_reason(tmp_path: Path) -> None:
    (tmp_path / "secret").write_text("abc\n")
    with pytest.raises(ConfigError, match="3 bytes, expected at least 16"):
        read_secret(tmp_path / "secret")
    (tmp_path / "secret").write_text(SECRET.decode() + "\n")
    assert read_secret(tmp_path / "secret") == SECRET
