import pytest
from tests.ingest.sample import transfers

from scamnet.core.errors import ConflictError
from scamnet.schema import table
from scamnet.store.keyed import Staging, insert_keyed

TRANSFERS = table("transfers")


def _count(store) -> int:
    return store.con.execute("SELECT count(*) FROM transfers").fetchall()[0][0]


def test_new_keys_are_inserted_and_identical_known_rows_skipped(store) -> None:
    with store.transaction() as con:
        first = insert_keyed(con, TRANSFERS, transfers(3))
    with store.transaction() as con:
        second = insert_keyed(con, TRANSFERS, transfers(5))
    assert (first.new, first.present, second.new, second.present) == (3, 0, 2, 3)
    assert _count(store) == 5


def test_a_changed_row_under_a_known_key_is_a_conflict_that_writes_nothing(store) -> None:
    with store.transaction() as con:
        insert_keyed(con, TRANSFERS, transfers(2))
    changed = transfers(3).to_pylist()
    changed[0]["channel"] = "crypto_otc"
    rows = type(transfers(1)).from_pylist(changed, schema=TRANSFERS.schema)
    with pytest.raises(ConflictError) as caught, store.transaction() as con:
        insert_keyed(con, TRANSFERS, rows, source="feed")
    assert "feed, row 1, column 'channel': got 'crypto_otc', expected 'mobile'" in caught.value.message
    assert _count(store) == 2


def test_duplicates_among_staged_rows_name_where_the_key_was_first_seen(store) -> None:
    with store.transaction() as con:
        staging = Staging(con, TRANSFERS)
        staging.append(transfers(3), "a.parquet")
        staging.append(transfers(2, start=1), "b.parquet")
        clashes, total = staging.duplicates()
        assert total == 2
        assert [(c.source, c.row, c.key["txn_id"], c.other) for c in clashes] == [
            ("b.parquet", 1, "T1", ("a.parquet", 2)),
            ("b.parquet", 2, "T2", ("a.parquet", 3)),
        ]
