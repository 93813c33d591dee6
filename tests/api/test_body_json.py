"""A posted body is read as Python's ``json`` reads it, though ``orjson`` reads most of them."""

from __future__ import annotations

import json

import pytest

from scamnet.api.events import _parsed


@pytest.mark.parametrize("body", [
    b'{"kind": "transfer", "txn_id": "t1", "src_account": "6214830239032842164", "amount": 300.5}',
    b'{"kind": "call", "duration_s": 123456789012345678901234567890}',  # beyond 64 bits: an integer, not a float
    b'[{"n": -9999999999999999999}, {"n": -9223372036854775808}, {"n": 18446744073709551615}]',
    b'{"a": [{"b": 99999999999999999999}], "c": 1e19, "d": 0.1}',
    b'[NaN, Infinity]',  # json's extensions
    b'"\\ud800"',  # a lone surrogate
    b'\xef\xbb\xbf{"kind": "session"}',  # a byte-order mark
])
def test_a_body_is_read_to_the_same_values_and_types_as_json_reads_it(body: bytes) -> None:
    assert repr(_parsed(body)) == repr(json.loads(body))


def test_a_body_json_refuses_is_refused_with_json_words() -> None:
    with pytest.raises(json.JSONDecodeError, match="Expecting property name"):
        _parsed(b"{not json")
