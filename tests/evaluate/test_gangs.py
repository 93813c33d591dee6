from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from tests.graph.two_gangs import GANG_A, GANG_B, world_tables

from scamnet.evaluate.gangs import bench_gangs, gang_recovery
from scamnet.schema import table


def _labels() -> pa.Table:
    rows = [("imei:" + GANG_A["imei"], "goip_device", "G1"), ("phone:+8617100000001", "fraud_number", "G1"),
            ("account:MA1", "mule_l1", "G1"), ("account:MA3", "mule_l3", "G1"),
            ("imei:" + GANG_B["imei"], "goip_device", "G2"), ("account:MB1", "mule_l1", "G2"),
            ("url:http://b-refund.top/pay", "scam_url", "G2"), ("person:v1", "victim", "G1"),
            ("phone:+864000000000", "call_centre", None)]
    return pa.Table.from_pylist([{"entity": e, "label": r, "gang_id": g, "since": None, "until": None} for e, r, g in rows],
                                schema=table("labels").schema)


def test_the_bench_scores_found_gangs_against_the_labelled_fraud_entities_only(tmp_path: Path) -> None:
    for name, rows in {**world_tables(), "labels": _labels()}.items():
        pq.write_table(rows, tmp_path / f"{name}.parquet")
    figures = bench_gangs(tmp_path).to_json()
    assert figures["fraud_entities"] == 7  # the victim and the call centre are no gang's members
    assert figures["gangs_planted"] == 2
    assert 0.0 <= figures["coverage"] <= 1.0 and figures["graph_nodes"] > 0


def test_a_gang_split_in_two_lowers_the_rand_index_but_not_the_purity() -> None:
    truth = {"a": "G1", "b": "G1", "c": "G1", "d": "G2", "e": "G2"}
    whole = gang_recovery({"a": 0, "b": 0, "c": 0, "d": 1, "e": 1}, truth)
    split = gang_recovery({"a": 0, "b": 0, "c": 2, "d": 1, "e": 1}, truth)
    merged = gang_recovery({"a": 0, "b": 0, "c": 0, "d": 0, "e": 0}, truth)
    assert whole.ari == 1.0 and split.ari < 1.0 and split.purity == 1.0
    assert merged.purity == 0.6 and merged.ari == 0.0
    assert gang_recovery({"a": 0}, truth).coverage == 0.2
