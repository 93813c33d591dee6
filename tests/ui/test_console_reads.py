"""What the console's pages read, on the small simulated store (no browser)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scamnet.core.settings import Settings
from scamnet.service.console import case_view, entity_view, search
from scamnet.service.decide import DecisionService
from scamnet.store import open_store
from scamnet.store.alerts import top_alerts
from scamnet.store.console_reads import entity_events, newest_event_times, table_timeline
from scamnet.store.traces import largest_traces
from tests.api.conftest import small_store  # noqa: F401 - the session's small store


@pytest.fixture(scope="module")
def service(small_store: Path) -> DecisionService:  # noqa: F811
    return DecisionService(Settings(), small_store)  # reads only: no need to start it


def test_a_case_shows_its_trace_its_freeze_list_by_bank_and_the_reports_sharing_an_indicator(service) -> None:
    with service.store() as store:
        trace = largest_traces(store, 1)[0]
    view = case_view(service, trace.report_id)
    freeze = view["freeze"]
    assert view["trace"]["trace_id"] == trace.trace_id and view["flows"]
    assert freeze["rows"] and [r["rank"] for r in freeze["rows"]] == sorted(r["rank"] for r in freeze["rows"])
    assert sum(amount for _, amount in freeze["banks"]) == pytest.approx(freeze["held"])
    mine = {f"{i.partition(': ')[0]}:{i.partition(': ')[2]}" for i in view["report"]["items"]}
    assert all(set(linked["shared"]) <= mine for linked in view["linked"]), "a linked case shares what it names"


def test_a_mule_accounts_page_holds_its_transfers_newest_first_and_its_gang(service) -> None:
    with service.store() as store:
        mule = top_alerts(store, 1, "mule")[0].entity
    view = entity_view(service, mule)
    times = [e["ts"] for e in view["events"]]
    assert times == sorted(times, reverse=True) and len(times) <= 100
    assert any(e["kind"] == "transfer" and mule in e["parties"] for e in view["events"])
    assert [a["detector"] for a in view["alerts"]] == ["mule"] and view["alerts"][0]["reasons"]
    assert mule not in [n["entity"] for n in view["neighbours"]], "an entity is not its own neighbour"


def test_search_finds_by_prefix_with_or_without_the_kind_and_ignores_spaces(service) -> None:
    with open_store(service.db, read_only=True) as store:
        account = top_alerts(store, 1, "mule")[0].entity.partition(":")[2]
    spaced = " ".join(account[i:i + 4] for i in range(0, 8, 4))
    for typed in (account[:8], f"account:{account[:8]}", spaced):
        found = [m["entity"] for m in search(service, typed)]
        assert f"account:{account}" in found and all(account[:8] in e for e in found), typed


def test_reading_back_from_the_newest_day_finds_the_same_events_as_reading_everything(service) -> None:
    with service.store() as store:
        busy = [a.entity for a in top_alerts(store, 3, "fraud_number")] + [top_alerts(store, 1, "mule")[0].entity]
        newest = newest_event_times(store)
        for entity in busy:
            for limit in (5, 100):
                assert table_timeline(store, entity, limit, newest) == table_timeline(store, entity, limit), entity
                assert entity_events(store, entity, limit, newest) == table_timeline(store, entity, limit), entity
