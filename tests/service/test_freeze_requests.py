"""Freeze requests per bank on a store holding the example money world: drafted by a trace, then worked."""

from __future__ import annotations

from datetime import timedelta

import pytest

from scamnet.core.errors import ConfigError, NotFoundError
from scamnet.core.settings import Settings
from scamnet.detect.money.example import money_world
from scamnet.schema import table
from scamnet.service.freeze_requests import expire_overdue, list_requests, request_id_of, set_status
from scamnet.service.money import trace_report
from scamnet.store import open_store
from scamnet.store.freeze import bank_requests
from scamnet.store.repo import append_rows


@pytest.fixture
def traced(store, clock):
    with store.transaction() as con:
        for name, rows in money_world(0).items():
            append_rows(con, table(name), rows)
    trace_report(store, "R0", Settings({"freeze_deadline_hours": 6}), clock)
    return store


def test_a_trace_drafts_one_request_per_bank_with_a_deadline(traced, clock) -> None:
    (request,) = list_requests(traced, report_id="R0", now=clock.now())
    assert request["request_id"] == request_id_of("R0", "BANK1") and request["status"] == "drafted"
    assert request["deadline"] == request["created_at"] + timedelta(hours=6)
    assert request["accounts"] == len(request["lines"]) and not request["overdue"]
    assert list_requests(traced, report_id="R0", now=clock.now() + timedelta(hours=7))[0]["overdue"]


def test_a_request_a_trace_of_another_policy_does_not_touch(traced, clock) -> None:
    before = list_requests(traced, report_id="R0", now=clock.now())
    trace_report(traced, "R0", Settings(), clock, policy="lifo")  # the store's policy is fifo
    assert list_requests(traced, report_id="R0", now=clock.now()) == before


def test_status_changes_name_the_analyst_and_refuse_what_is_not_a_status_or_a_request(traced, clock) -> None:
    request_id = request_id_of("R0", "BANK1")
    changed = set_status(traced, request_id, "sent", "officer Li", note="faxed", now=clock.now())
    assert changed["status"] == "sent" and [h["analyst"] for h in changed["history"]] == ["officer Li"]
    assert [r["request_id"] for r in list_requests(traced, status="sent", now=clock.now())] == [request_id]
    assert list_requests(traced, status="frozen", now=clock.now()) == []
    with pytest.raises(ConfigError, match="status 'thawed'") as refused:
        set_status(traced, request_id, "thawed", "officer Li")
    assert refused.value.hint == "one of: drafted, sent, frozen, released, expired"
    with pytest.raises(NotFoundError, match="no freeze request 'fr-nope'"):
        set_status(traced, "fr-nope", "sent", "officer Li")


def test_a_request_nobody_acted_on_by_its_deadline_expires_and_the_store_keeps_it(traced, clock) -> None:
    request_id = request_id_of("R0", "BANK1")
    set_status(traced, request_id, "sent", "officer Li", now=clock.now())
    late = clock.now() + timedelta(hours=7)  # the deadline is 6 h after the draft
    (request,) = list_requests(traced, report_id="R0", now=late)
    assert request["status"] == "expired" and request["overdue"]
    assert [(h["status"], h["analyst"]) for h in request["history"]] == [("sent", "officer Li"), ("expired", "deadline")]
    assert request["history"][-1]["changed_at"] == request["deadline"]
    assert [r["status"] for r in bank_requests(traced, request_id=request_id)] == ["expired"]  # written, not only shown
    assert expire_overdue(traced, late) == []  # once


def test_a_read_only_store_shows_the_expiry_and_the_next_write_keeps_it(traced, clock, db_path) -> None:
    late = clock.now() + timedelta(hours=7)
    traced.close()
    with open_store(db_path, read_only=True) as reading:
        (shown,) = list_requests(reading, report_id="R0", now=late)
        assert shown["status"] == "expired" and shown["history"][-1]["analyst"] == "deadline"
        assert list_requests(reading, status="drafted", now=late) == []
        assert [r["status"] for r in bank_requests(reading, report_id="R0")] == ["drafted"]  # not written yet
    with open_store(db_path) as writing:
        assert expire_overdue(writing, late) == [request_id_of("R0", "BANK1")]


def test_a_status_an_analyst_sets_after_the_deadline_stands(traced, clock) -> None:
    request_id = request_id_of("R0", "BANK1")
    late = clock.now() + timedelta(hours=7)
    changed = set_status(traced, request_id, "sent", "officer Li", note="the bank asked for it again", now=late)
    assert changed["status"] == "sent" and not changed["overdue"]
    assert [h["status"] for h in changed["history"]] == ["expired", "sent"]
    assert list_requests(traced, report_id="R0", now=late + timedelta(hours=30))[0]["status"] == "sent"
