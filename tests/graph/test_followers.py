"""A gang's numbers bring their SIMs, and its SIMs the device they were used in last."""

from __future__ import annotations

from datetime import UTC, datetime

import pyarrow as pa

from scamnet.graph.edges import edge_rows
from scamnet.graph.entity_graph import build_entity_graph
from scamnet.graph.followers import with_followers
from scamnet.graph.gangs import MEMBERS_SCHEMA, GangParams, gang_communities

EARLY, LATE = datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 3, 20, tzinfo=UTC)


def members(rows: list[tuple[str, int]]) -> pa.Table:
    return pa.table([[e for e, _ in rows], [c for _, c in rows], [1.0] * len(rows), [0] * len(rows)], schema=MEMBERS_SCHEMA)


def followed(links: list[tuple[str, str, str, datetime]], gang: list[tuple[str, int]]) -> dict[str, int]:
    graph = build_entity_graph(edge_rows([(a, b, t, 1, at, at) for a, b, t, at in links]))
    out = with_followers(graph, members(gang), hub_degree=200)
    return dict(zip(out["entity"].to_pylist(), out["community"].to_pylist(), strict=True))


def test_a_flagged_number_brings_its_sim_and_the_box_imei_it_was_used_in_last_not_the_farm_phone() -> None:
    found = followed([("imsi:1", "phone:+8617000000001", "sim_number", LATE),
                      ("imei:farm", "imsi:1", "device_sim", EARLY), ("imei:box", "imsi:1", "device_sim", LATE)],
                     [("phone:+8617000000001", 4)])
    assert found == {"phone:+8617000000001": 4, "imsi:1": 4, "imei:box": 4}


def test_a_hotline_number_shown_by_several_gangs_sims_brings_none_of_them() -> None:
    spoofed = [(f"imsi:{i}", "phone:+861095588", "sim_number", LATE) for i in range(5)]
    found = followed(spoofed, [("phone:+861095588", 1), ("phone:+8617000000009", 2)])
    assert sorted(found) == ["phone:+861095588", "phone:+8617000000009"]


def test_a_sim_follows_the_gang_most_of_its_numbers_are_in() -> None:
    found = followed([("imsi:7", "phone:+8617000000001", "sim_number", LATE),
                      ("imsi:7", "phone:+8617000000002", "sim_number", LATE)],
                     [("phone:+8617000000001", 3), ("phone:+8617000000002", 3), ("phone:+8617000000003", 5)])
    assert found["imsi:7"] == 3


def test_two_gangs_spoofing_one_bank_hotline_stay_two_gangs_and_the_hotline_is_in_neither() -> None:
    rows = []
    for gang in ("a", "b"):
        for i in range(4):
            sim, own = f"imsi:{gang}{i}", f"phone:+86170000{ord(gang):03d}{i:02d}"
            rows += [(f"imei:{gang}", sim, "device_sim", 30, LATE, LATE), (sim, own, "sim_number", 30, LATE, LATE),
                     (sim, "phone:+861095588", "sim_number", 5, LATE, LATE)]
    graph = build_entity_graph(edge_rows(rows))
    found = gang_communities(graph, ["imei:a", "imei:b", "phone:+861095588"], GangParams())
    gang_of = dict(zip(found["entity"].to_pylist(), found["community"].to_pylist(), strict=True))
    assert "phone:+861095588" not in gang_of
    assert gang_of["imsi:a0"] == gang_of["imsi:a3"] != gang_of["imsi:b0"] == gang_of["imsi:b3"]
