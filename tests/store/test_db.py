import os
from pathlib import Path

import duckdb
import pytest

from scamnet.core.errors import NotFoundError, StoreError
from scamnet.schema import TABLES
from scamnet.store import open_store
from scamnet.store.db import migrations
from scamnet.store.ddl import duckdb_type


def test_a_new_store_has_every_table_with_the_schema_types(store) -> None:
    for spec in TABLES.values():
        cols = store.con.execute(
            "SELECT column_name, data_type, is_nullable FROM information_schema.columns "
            "WHERE table_name = ? ORDER BY ordinal_position",
            [spec.name],
        ).fetchall()
        expected = [(f.name, duckdb_type(f.type).replace("TIMESTAMPTZ", "TIMESTAMP WITH TIME ZONE"),
                     "YES" if f.nullable else "NO") for f in spec.fields]
        assert cols == expected, spec.name


def test_opening_an_old_store_runs_only_the_pending_migrations(db_path: Path) -> None:
    first_version, _, first_sql = migrations()[0]
    con = duckdb.connect(str(db_path))
    con.execute("CREATE TABLE schema_migrations (version INTEGER NOT NULL, name VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL)")
    con.execute(first_sql)
    con.execute("INSERT INTO schema_migrations VALUES (?, 'input_tables', now())", [first_version])
    con.execute("INSERT INTO persons VALUES ('p1', 1960, 'R01')")
    con.close()
    with open_store(db_path) as store:
        assert store.schema_version() == migrations()[-1][0]
        assert store.has_table("alerts")
        assert store.con.execute("SELECT person_id FROM persons").fetchall() == [("p1",)]


def test_a_store_that_skipped_a_migration_gets_it_though_a_later_one_was_applied(db_path: Path) -> None:
    """Two lines of development each add a migration; a store made on one of them gets the other's at next open."""
    every = migrations()
    skipped_version, _, _ = every[-2]
    con = duckdb.connect(str(db_path))
    con.execute("CREATE TABLE schema_migrations (version INTEGER NOT NULL, name VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL)")
    con.execute("COMMENT ON TABLE schema_migrations IS 'scamnet store'")
    for version, name, sql in every:
        if version != skipped_version:
            con.execute(sql)
            con.execute("INSERT INTO schema_migrations VALUES (?, ?, now())", [version, name])
    con.close()
    with open_store(db_path) as store:
        applied = [v for (v,) in store.con.execute("SELECT version FROM schema_migrations ORDER BY version").fetchall()]
    assert applied == sorted(v for v, _, _ in every), "the skipped migration is applied, each once"


def test_a_second_writer_whose_wait_runs_out_is_refused_naming_the_holder(store, db_path: Path) -> None:
    with pytest.raises(StoreError, match=rf"another scamnet process is writing to .*\(process {os.getpid()} "):
        open_store(db_path, wait_s=0.3)


def test_a_failed_transaction_leaves_the_store_as_it_was(store) -> None:
    store.con.execute("INSERT INTO persons VALUES ('p1', 1960, 'R01')")
    with pytest.raises(RuntimeError), store.transaction() as con:
        con.execute("INSERT INTO persons VALUES ('p2', 1970, 'R02')")
        raise RuntimeError("boom")
    assert store.con.execute("SELECT person_id FROM persons").fetchall() == [("p1",)]


def test_reading_a_missing_store_says_where_it_looked(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="no store at"):
        open_store(tmp_path / "absent.db", read_only=True)


def test_a_store_of_version_two_gains_the_alerts_scam_type_and_the_gang_links(db_path: Path) -> None:
    con = duckdb.connect(str(db_path))
    con.execute("CREATE TABLE schema_migrations (version INTEGER NOT NULL, name VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL)")
    for version, name, sql in migrations()[:2]:
        con.execute(sql)
        con.execute("INSERT INTO schema_migrations VALUES (?, ?, now())", [version, name])
    con.execute("INSERT INTO alerts VALUES ('phone:+8613800000001', 'fraud_number', 0.9, 'high', ['x'], 'open', now())")
    con.close()
    with open_store(db_path) as store:
        assert store.con.execute("SELECT entity, scam_type FROM alerts").fetchall() == [("phone:+8613800000001", None)]
        assert store.has_table("gang_links")
