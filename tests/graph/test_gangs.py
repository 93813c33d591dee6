from datetime import UTC, datetime
from decimal import Decimal

import pyarrow as pa

from scamnet.core.settings import Settings
from scamnet.features.data import Data
from scamnet.graph.edges import edge_rows
from scamnet.graph.entity_graph import build_entity_graph, entity_graph
from scamnet.graph.gangs import GangParams, gang_communities
from scamnet.schema import table
from tests.graph.two_gangs import CALL_CENTRE, GANG_A, GANG_B, VICTIMS, alert_rows, world_tables

PARAMS = GangParams(resolution=Settings().leiden_resolution)


def _gangs(members: pa.Table) -> dict[str, int]:
    return dict(zip(members["entity"].to_pylist(), members["community"].to_pylist(), strict=True))


def _found(params: GangParams = PARAMS, flagged: list[str] | None = None, **tables: pa.Table) -> dict[str, int]:
    graph = entity_graph(Data.from_tables(**(tables or world_tables())))
    return _gangs(gang_communities(graph, alert_rows()["entity"].to_pylist() if flagged is None else flagged, params))


def test_the_two_planted_gangs_are_two_gangs_and_each_holds_its_own_members() -> None:
    found = _found()
    gang_a = {found[e] for e in ("imei:" + GANG_A["imei"], "phone:+8617100000001", "account:MA1", "account:MA2",
                                 "url:https://a-verify.top/login", "report:RA1", "report:RA2", "report:RA3")}
    gang_b = {found[e] for e in ("imei:" + GANG_B["imei"], "phone:+8617200000001", "account:MB1",
                                 "url:http://b-refund.top/pay", "report:RB1", "report:RB2")}
    assert len(gang_a) == 1 and len(gang_b) == 1
    assert gang_a != gang_b


def test_the_victim_called_by_both_gangs_and_the_call_centre_belong_to_no_gang() -> None:
    found = _found()
    assert f"phone:{VICTIMS[0]}" not in found
    assert f"phone:{CALL_CENTRE}" not in found


def test_an_unflagged_sim_between_the_gateway_and_its_flagged_number_is_tied_in() -> None:
    found = _found()
    assert found["imsi:4600a1"] == found["imei:" + GANG_A["imei"]]


def test_a_report_naming_nothing_anyone_else_knows_makes_no_gang() -> None:
    assert "report:RX1" not in _found()


def test_the_same_input_and_seed_give_the_same_gangs() -> None:
    assert _found() == _found()


def test_without_any_alert_the_reports_items_grown_along_strong_links_still_find_gang_a() -> None:
    found = _found(GangParams(resolution=PARAMS.resolution, expand_hops=2), flagged=[])
    assert found["report:RA1"] == found["report:RA2"] == found["imei:" + GANG_A["imei"]]
    assert f"phone:{CALL_CENTRE}" not in found


def test_nothing_flagged_and_no_reports_is_no_gang() -> None:
    calls = world_tables()["calls"]
    assert _found(flagged=[], calls=calls) == {}


def _shared_device(accounts: list[str]) -> dict[str, pa.Table]:
    at = datetime(2026, 3, 3, tzinfo=UTC)
    tables = world_tables()
    tables["sessions"] = pa.Table.from_pylist([{"account_id": a, "ts": at, "device_id": "SHARED", "ip": None}
                                               for a in accounts], schema=table("sessions").schema)
    return tables


def test_a_device_both_gangs_mules_log_in_from_makes_them_one_gang_when_it_is_no_hub() -> None:
    found = _found(**_shared_device(["MA1", "MB1"]))
    assert found["device:SHARED"] == found["account:MA1"] == found["account:MB1"]
    assert found["imei:" + GANG_A["imei"]] == found["imei:" + GANG_B["imei"]]


def test_a_hub_device_shared_with_hundreds_of_accounts_ties_nothing() -> None:
    found = _found(**_shared_device(["MA1", "MB1"] + [f"CUSTOMER{i}" for i in range(PARAMS.hub_degree + 50)]))
    assert "device:SHARED" not in found
    assert found["imei:" + GANG_A["imei"]] != found["imei:" + GANG_B["imei"]]


def test_two_large_gateways_joined_by_one_sim_that_moved_between_them_are_two_gangs() -> None:
    rows = [(f"imei:{g}", f"imsi:{g}{i}", "device_sim", 50, None, None) for g in "XY" for i in range(200)]
    rows += [(f"imsi:{g}{i}", f"phone:+86170{g == 'Y':d}{i:07d}", "sim_number", 50, None, None) for g in "XY" for i in range(200)]
    rows += [("imei:X", "imsi:MOVED", "device_sim", 1, None, None), ("imei:Y", "imsi:MOVED", "device_sim", 1, None, None)]
    graph = build_entity_graph(edge_rows(rows))
    flagged = ["imei:X", "imei:Y"] + [f"phone:+86170{y:d}{i:07d}" for y in (0, 1) for i in range(200)]
    found = _gangs(gang_communities(graph, flagged, PARAMS))
    assert found["imsi:MOVED"] in (found["imei:X"], found["imei:Y"])
    assert found["imei:X"] != found["imei:Y"]
    assert len({found[f"phone:+861700{i:07d}"] for i in range(200)}) == 1


def test_a_flagged_gateway_brings_its_unflagged_sims_and_their_numbers_and_a_link_its_domain() -> None:
    found = _found()
    gang_a = found["imei:" + GANG_A["imei"]]
    assert found["imsi:4600a2"] == found["phone:+8617100000002"] == gang_a  # SIM 2: never flagged, never named
    assert found["domain:a-verify.top"] == gang_a
    assert "imei:8611111111111" not in found  # the call centre's handset: nobody flagged it


def _with_platform() -> dict[str, pa.Table]:
    """Both gangs' first-layer mules pay into one laundering platform run from its own device."""
    at = datetime(2026, 3, 3, tzinfo=UTC)
    tables = world_tables()
    logins = [("MA1", "DA"), ("MA2", "DA"), ("MB1", "DB"), ("MB2", "DB"), ("P1", "PLAT"), ("P2", "PLAT"), ("P3", "PLAT")]
    tables["sessions"] = pa.Table.from_pylist([{"account_id": a, "ts": at, "device_id": d, "ip": None} for a, d in logins],
                                              schema=table("sessions").schema)
    extra = [("p1", "MA1", "P1"), ("p2", "MA2", "P2"), ("p3", "MB1", "P2"), ("p4", "MB2", "P3"), ("p5", "P2", "P3")]
    tables["transfers"] = pa.concat_tables([tables["transfers"], pa.Table.from_pylist(
        [{"txn_id": t, "ts": at, "src_account": s, "dst_account": d, "amount": Decimal(900), "currency": "CNY",
          "channel": "mobile", "src_device": None, "src_ip": None, "memo": None} for t, s, d in extra],
        schema=table("transfers").schema)])
    return tables


def test_a_laundering_platform_both_gangs_pay_into_is_a_shared_service_of_its_own() -> None:
    graph = entity_graph(Data.from_tables(**_with_platform()))
    flagged = alert_rows()["entity"].to_pylist() + ["account:MB2", "account:P1", "account:P2", "account:P3"]
    members = gang_communities(graph, flagged, PARAMS).to_pylist()
    found = {m["entity"]: m["community"] for m in members}
    serves = {m["entity"]: m["serves"] for m in members}
    assert found["account:P1"] == found["account:P2"] == found["account:P3"] == found["device:PLAT"]
    assert serves["account:P1"] == 2 and serves["account:MA1"] == 0
    assert len({found["imei:" + GANG_A["imei"]], found["imei:" + GANG_B["imei"]], found["account:P1"]}) == 3
    assert found["account:MA1"] == found["imei:" + GANG_A["imei"]]


def test_one_host_serving_both_gangs_sites_does_not_glue_them_and_its_domain_joins_one() -> None:
    tables = world_tables()
    hosted = {GANG_A["url"]: "https://a-verify.cdn-kefu42.top/login", GANG_B["url"]: "http://b-refund.cdn-kefu42.top/pay"}
    texts = tables["messages"]["text"].to_pylist()
    for old, new in hosted.items():
        texts = [t.replace(old, new) for t in texts]
    tables["messages"] = tables["messages"].set_column(tables["messages"].schema.get_field_index("text"), "text",
                                                       pa.array(texts, pa.string()))
    flagged = [hosted.get(e[4:], e[4:]) if e.startswith("url:") else e for e in alert_rows()["entity"].to_pylist()]
    flagged = [f"url:{e}" if e.startswith("http") else e for e in flagged]
    found = _found(flagged=flagged, **tables)
    assert found["imei:" + GANG_A["imei"]] != found["imei:" + GANG_B["imei"]]
    assert found["domain:cdn-kefu42.top"] in (found["imei:" + GANG_A["imei"]], found["imei:" + GANG_B["imei"]])


def test_slots_of_a_box_rented_to_a_second_gang_do_not_merge_the_two_gangs() -> None:
    def sims(box: str, gang: str, url: str, n: int) -> list[tuple]:
        rows = []
        for i in range(n):
            imsi, phone, msg = f"imsi:{box}{gang}{i}", f"phone:+8617{box == 'Y':d}{gang == 'B':d}{i:07d}", f"msg:{box}{gang}{i}"
            rows += [(f"imei:{box}", imsi, "device_sim", 20, None, None), (imsi, phone, "sim_number", 20, None, None),
                     (msg, phone, "message_sender", 1, None, None), (msg, url, "message_mentions", 1, None, None)]
        return rows

    rows = sims("X", "A", "url:http://a.top/x", 40) + sims("X", "B", "url:http://b.top/y", 20) + sims("Y", "B", "url:http://b.top/y", 40)
    graph = build_entity_graph(edge_rows(rows))
    found = _gangs(gang_communities(graph, ["imei:X", "imei:Y", "url:http://a.top/x", "url:http://b.top/y"], PARAMS))
    assert found["url:http://a.top/x"] == found["imei:X"] != found["imei:Y"] == found["url:http://b.top/y"]
    assert found["phone:+8617010000001"] == found["url:http://b.top/y"]  # the renter's SIM in box X stays with the renter


def _operation(gang: str, url: str, sims: int) -> list[tuple]:
    """A gang as links: a box of ``sims`` SIMs sending its link, three mule accounts run from its two phones."""
    rows = []
    for i in range(sims):
        imsi, phone, msg = f"imsi:{gang}{i}", f"phone:+86170{gang}{i:06d}", f"msg:{gang}{i}"
        rows += [(f"imei:{gang}", imsi, "device_sim", 20, None, None), (imsi, phone, "sim_number", 20, None, None),
                 (msg, phone, "message_sender", 1, None, None), (msg, url, "message_mentions", 1, None, None)]
    for i in range(3):
        rows += [(f"account:{gang}{i}", f"device:{gang}{d}", "account_device", 5, None, None) for d in "xy"]
        rows.append((f"report:{gang}{i}", f"account:{gang}{i}", "report_mentions", 1, None, None))
        rows.append((f"report:{gang}{i}", f"phone:+86170{gang}{i:06d}", "report_mentions", 1, None, None))
    return rows


def _flags(*gangs: str) -> list[str]:
    return [e for g in gangs for e in [f"imei:{g}", *(f"account:{g}{i}" for i in range(3))]]


def test_a_mule_account_rented_to_two_gangs_and_named_by_both_gangs_victims_merges_neither() -> None:
    rows = _operation("1", "url:http://a.top/x", 30) + _operation("2", "url:http://b.top/y", 30)
    # account:rented is gang 1's and gang 2 borrows it: both run it from their phones, both gangs' victims name it
    rows += [("account:rented", f"device:{g}{d}", "account_device", 3, None, None) for g in "12" for d in "xy"]
    rows += [("report:2v", "account:rented", "report_mentions", 1, None, None),
             ("report:2v", "phone:+861702000007", "report_mentions", 1, None, None),
             ("report:1v", "account:rented", "report_mentions", 1, None, None),
             ("report:1v", "phone:+861701000007", "report_mentions", 1, None, None)]
    found = _gangs(gang_communities(build_entity_graph(edge_rows(rows)), _flags("1", "2") + ["account:rented"], PARAMS))
    assert found["imei:1"] == found["account:10"] != found["imei:2"] == found["account:20"]
    assert found["report:2v"] == found["imei:2"] and found["report:1v"] == found["imei:1"]
    assert found["account:rented"] in (found["imei:1"], found["imei:2"])


def test_two_gangs_tied_by_one_payment_stay_two_when_weak_ties_join_many_gangs_into_one_group() -> None:
    names = "123456789"
    rows = [r for g in names for r in _operation(g, f"url:http://{g}.top/x", 300)]
    # a victim on two gangs' leaked lists names a number of each: every gang joins one connected group
    for a, b in zip(names, names[1:], strict=False):
        rows += [(f"report:{a}{b}", f"phone:+86170{g}000009", "report_mentions", 1, None, None) for g in (a, b)]
    # a mule of gang 1 whose holder was also gang 2's victim: it paid gang 2's account twice
    rows.append(("account:10", "account:20", "transfer", 2, None, None))
    found = _gangs(gang_communities(build_entity_graph(edge_rows(rows)), _flags(*names), PARAMS))
    assert len({found[f"imei:{g}"] for g in names}) == len(names)
    assert all(found[f"account:{g}0"] == found[f"imei:{g}"] for g in names)
