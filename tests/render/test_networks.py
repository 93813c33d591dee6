"""A gang's picture draws the links that make its members one gang, not a cloud of loose dots."""

from scamnet.render.networks import member_network


def _gang() -> tuple[list[dict], list[dict]]:
    """A gateway with 200 SIMs (the most central members), one of whose numbers a victim reported, and the report
    naming the mule account that took the money: the chain that makes the SIM cluster and the mule one gang."""
    members = [{"entity": "imei:G", "role": "gateway", "centrality": 1.0}]
    members += [{"entity": f"imsi:{i:03d}", "role": "sim", "centrality": 0.5 - i / 1000} for i in range(200)]
    members += [{"entity": "phone:+8617000000001", "role": "number", "centrality": 0.05},
                {"entity": "report:R1", "role": "report", "centrality": 0.04},
                {"entity": "account:M1", "role": "mule", "centrality": 0.03},
                {"entity": "account:M2", "role": "mule", "centrality": 0.02}]
    links = [{"src": "imei:G", "dst": f"imsi:{i:03d}", "type": "device_sim", "count": 50} for i in range(200)]
    links += [{"src": "imsi:007", "dst": "phone:+8617000000001", "type": "sim_number", "count": 40},
              {"src": "report:R1", "dst": "phone:+8617000000001", "type": "report_mentions", "count": 1},
              {"src": "report:R1", "dst": "account:M1", "type": "report_mentions", "count": 1},
              {"src": "account:M1", "dst": "account:M2", "type": "transfer", "count": 3}]
    return members, links


def test_the_picture_draws_the_report_and_number_joining_the_sim_cluster_to_the_mules() -> None:
    members, links = _gang()
    net = member_network(members, links, shown=30)
    drawn = {n["entity"] for n in net["nodes"]}
    assert {"imei:G", "imsi:007", "phone:+8617000000001", "report:R1", "account:M1", "account:M2"} <= drawn
    assert len(drawn) == 30 and net["members_total"] == 205


def test_every_member_drawn_has_a_link_drawn_when_the_gang_is_linked() -> None:
    members, links = _gang()
    net = member_network(members, links, shown=30)
    linked = {e["a"] for e in net["edges"]} | {e["b"] for e in net["edges"]}
    assert {n["entity"] for n in net["nodes"]} == linked


def test_the_key_members_are_the_most_central_whether_drawn_or_not() -> None:
    members, links = _gang()
    net = member_network(members, links, shown=5)
    assert [m["entity"] for m in net["key_members"]][:2] == ["imei:G", "imsi:000"]
