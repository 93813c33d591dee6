from scamnet.features.data import Data
from scamnet.graph.cases import linked_cases
from scamnet.graph.entity_graph import entity_graph
from tests.graph.two_gangs import world_tables


def _cases(**kwargs):
    return linked_cases(entity_graph(Data.from_tables(**world_tables())), **kwargs)


def test_reports_naming_one_number_in_different_formats_are_one_case() -> None:
    case = _cases(hops=0)[0]
    assert case.reports == ("report:RA1", "report:RA2", "report:RA3")
    named = {e.entity: e.reports for e in case.evidence if e.named}
    assert named["phone:+8617100000000"] == ("report:RA1", "report:RA2")
    assert named["account:MA1"] == ("report:RA1", "report:RA3")  # RA3 named the transfer into MA1


def test_gang_b_reports_link_through_its_gateway_not_through_anything_they_both_named() -> None:
    assert all("report:RB1" not in c.reports for c in _cases(hops=0))
    linked = [c for c in _cases(hops=4) if "report:RB1" in c.reports]
    assert linked and linked[0].reports == ("report:RB1", "report:RB2")
    via = {e.entity for e in linked[0].evidence}
    assert "imei:8600000000000B1" in via
    assert not any(e.named for e in linked[0].evidence)


def test_the_two_gangs_reports_and_the_lone_report_never_share_a_case() -> None:
    for case in _cases(hops=4):
        assert not ({"report:RA1", "report:RB1"} <= set(case.reports))
        assert "report:RX1" not in case.reports


def test_links_through_a_hub_are_not_walked() -> None:
    # With every node of more than one strong link a hub, only directly named entities link reports.
    assert _cases(hops=4, hub_degree=1) == _cases(hops=0, hub_degree=1)
