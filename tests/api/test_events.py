"""``POST /v1/events`` on a store whose planted victims and mules are known (labels read here only)."""

from __future__ import annotations

import re
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb
import pytest

from tests.api.conftest import Client


@pytest.fixture(scope="module")
def planted(small_store: Path) -> dict[str, str]:
    """A planted victim's account, planted mule accounts the mule detector flagged below and above 0.9, a shop."""
    con = duckdb.connect(str(small_store), read_only=True)
    try:
        flagged = ("SELECT substr(a.entity, 9) FROM alerts a JOIN labels l USING (entity) WHERE a.detector = 'mule' "
                   "AND l.label IN ('mule_l1', 'mule_l2', 'mule_l3') AND a.score {} 0.9 ORDER BY a.score DESC, a.entity")
        mule = con.execute(flagged.format("<")).fetchall()
        sure = con.execute(flagged.format(">=")).fetchall()
        victim = con.execute(
            "SELECT a.account_id FROM accounts a JOIN labels l ON l.entity = 'person:' || a.holder_id "
            "WHERE l.label = 'victim' ORDER BY a.account_id LIMIT 1").fetchall()
        shop = con.execute(
            "SELECT substr(entity, 9) FROM labels WHERE label = 'merchant' AND entity NOT IN "
            "(SELECT entity FROM alerts) ORDER BY entity LIMIT 1").fetchall()
    finally:
        con.close()
    return {"mule": mule[0][0], "sure_mule": sure[0][0], "victim": victim[0][0], "shop": shop[0][0]}


def transfer(txn_id: str, src: str, dst: str, amount: str, ts: str = "2026-03-20T10:00:00Z") -> dict[str, str]:
    return {"kind": "transfer", "txn_id": txn_id, "ts": ts, "src_account": src, "dst_account": dst,
            "amount": amount, "channel": "mobile"}


def test_a_planted_victim_paying_a_planted_mule_is_held_and_told_why(served: Client, planted: dict) -> None:
    status, _, body = served.post(transfer("live-1", planted["victim"], planted["mule"], "30000.00"))
    assert status == 200
    decision = body["decisions"][0]
    assert decision["decision"] == "hold" and decision["event_id"] == "live-1"
    rules = {r["name"] for r in decision["reasons"] if r["source"] == "rule"}
    assert "payee_on_watchlist" in rules
    listing = next(r for r in decision["reasons"] if r["source"] == "watchlist")
    assert listing["name"] == "mule" and listing["evidence"]["entity"] == f"account:{planted['mule']}"
    assert listing["evidence"]["listed_for"], "the mule detector's own reasons come with the listing"
    assert decision["tier"] in ("high", "critical") and decision["score"] >= 0.8


def test_a_payment_to_a_mule_the_detector_is_nearly_sure_of_is_blocked(served: Client, planted: dict) -> None:
    status, _, body = served.post(transfer("live-3", planted["victim"], planted["sure_mule"], "500.00"))
    decision = body["decisions"][0]
    assert status == 200 and decision["decision"] == "block" and decision["tier"] == "critical"
    assert decision["reasons"][0]["name"] == "payee_flagged_mule"
    assert decision["reasons"][0]["evidence"]["payee.mule_score"] >= 0.9


def test_a_small_payment_to_an_unflagged_shop_goes_through(served: Client, planted: dict) -> None:
    status, _, body = served.post(transfer("live-2", planted["victim"], planted["shop"], "35.50"))
    assert status == 200
    assert body["decisions"][0]["decision"] == "allow" and body["decisions"][0]["reasons"] == []


def test_a_scam_message_with_a_lookalike_link_is_blocked_by_both_content_detectors(served: Client) -> None:
    text = "【公安局】您的账户涉嫌洗钱，请立即将资金转入安全账户 http://icbc-safe.top/verify"
    status, _, body = served.post({"kind": "message", "msg_id": "live-m1", "sent_at": "2026-03-20T10:00:00Z",
                                   "sender": "+8613900000001", "recipient": "+8613900000002", "channel": "sms",
                                   "text": text})
    assert status == 200
    decision = body["decisions"][0]
    assert decision["decision"] == "block"
    detectors = {r["name"]: r for r in decision["reasons"] if r["source"] == "detector"}
    assert set(detectors) == {"scam_text", "url_risk"}
    assert any("安全账户" in cue for cue in detectors["scam_text"]["evidence"]["cues"])
    assert any("icbc" in cue.lower() for cue in detectors["url_risk"]["evidence"]["cues"])


def test_a_batch_gets_one_decision_per_event_in_order(served: Client, planted: dict) -> None:
    batch = [transfer("b1", planted["victim"], planted["shop"], "20.00"),
             transfer("b2", planted["victim"], planted["mule"], "9000.00")]
    status, _, body = served.post(batch)
    assert status == 200
    assert [(d["event_id"], d["decision"]) for d in body["decisions"]] == [("b1", "allow"), ("b2", "hold")]


BAD_BODIES = [
    # (what is wrong, body, the event, field and value the answer must name)
    ("a time that is no time", transfer("x1", "A", "B", "10", ts="soon"), (0, "ts", "soon")),
    ("a negative amount", transfer("x2", "A", "B", "-5"), (0, "amount", "-5.00")),
    ("an unknown channel", {**transfer("x3", "A", "B", "10"), "channel": "pigeon"}, (0, "channel", "pigeon")),
    ("no kind", {"txn_id": "x4"}, (0, "kind", None)),
    ("an unknown kind", {"kind": "fax"}, (0, "kind", "fax")),
    ("a missing required field", {"kind": "transfer", "txn_id": "x5", "ts": "2026-03-20T10:00:00Z",
                                  "channel": "mobile"}, (None, "amount", None)),
    ("a phone number that is not E.164", {"kind": "call", "call_id": "c1", "started_at": "2026-03-20T10:00:00Z",
                                          "duration_s": 5, "caller": "12345", "callee": "+8613900000002",
                                          "answered": True}, (0, "caller", "12345")),
    ("the second event of a batch", [transfer("x6", "A", "B", "10"), transfer("x7", "A", "B", "ten")],
     (1, "amount", "ten")),
]


@pytest.mark.parametrize(("wrong", "body", "named"), BAD_BODIES, ids=[b[0] for b in BAD_BODIES])
def test_a_bad_event_is_refused_with_a_problem_naming_the_event_field_and_value(
        served: Client, wrong: str, body: object, named: tuple) -> None:
    status, headers, problem = served.post(body)
    assert status == 422, wrong
    assert headers["content-type"] == "application/problem+json"
    assert problem["status"] == 422 and problem["title"] and problem["detail"]
    event, field, value = named
    found = [(e["event"], e["field"], e["value"]) for e in problem["errors"]]
    assert (event, field, value) in found if field != "amount" or value is not None else \
        any(f == field for _, f, _ in found), found


def test_a_batch_with_one_bad_event_decides_nothing(served: Client, planted: dict) -> None:
    status, _, problem = served.post([transfer("y1", planted["victim"], planted["mule"], "100.00"),
                                      transfer("y2", "A", "B", "-1")])
    assert status == 422 and [e["event"] for e in problem["errors"]] == [1]
    status, _, body = served.post(transfer("y3", planted["victim"], planted["mule"], "100.00",
                                           ts="2026-03-20T10:00:01Z"))
    # y1 was never applied: the victim still never paid this mule before y3 (b2 and live-1 did: same payer)
    assert status == 200 and body["decisions"][0]["decision"] == "hold"


@pytest.mark.parametrize(("body", "title"), [
    (b"{not json", "Invalid event"),
    (b"[1, 2]", "Invalid event"),
    (b"[]", "Invalid event"),
])
def test_a_body_that_is_no_event_is_a_problem(served: Client, body: bytes, title: str) -> None:
    status, headers, problem = served.request("POST", "/v1/events", body)
    assert (status, problem["title"]) == (422, title)
    assert headers["content-type"] == "application/problem+json"


def test_a_body_over_the_limit_or_a_batch_over_the_limit_is_413(served: Client) -> None:
    status, _, problem = served.request("POST", "/v1/events", b"[" + b" " * 70_000 + b"]")
    assert status == 413 and "65,536" in problem["detail"]
    status, _, problem = served.post([transfer(f"z{i}", "A", "B", "1") for i in range(51)])
    assert status == 413 and problem["title"] == "Batch too large"


def test_health_readiness_and_the_openapi_page(served: Client) -> None:
    assert served.request("GET", "/healthz")[2] == {"status": "ok"}
    status, _, ready = served.request("GET", "/readyz")
    assert status == 200 and ready["ready"] and ready["rules"] == 9 and ready["listed"] > 0
    assert ready["events_replayed"] > 1000, "the live state was rebuilt from the store's history"
    _, _, spec = served.request("GET", "/openapi.json")
    body = spec["paths"]["/v1/events"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert body["oneOf"][0]["properties"]["kind"]["enum"] == ["transfer", "call", "message", "session", "link_visit"]
    status, _, problem = served.request("GET", "/nowhere")
    assert (status, problem["title"]) == (404, "Not Found")


def test_the_api_page_works_offline_with_swagger_ui_from_the_service_itself(served: Client) -> None:
    with urllib.request.urlopen(served.base + "/docs", timeout=30) as answer:
        page = answer.read().decode()
    scripts = re.findall(r'<script src="([^"]+)"', page) + re.findall(r'href="([^"]+)"', page)
    assert scripts and all(s.startswith("/docs-assets/") for s in scripts), scripts
    with urllib.request.urlopen(served.base + "/docs-assets/swagger-ui-bundle.js", timeout=30) as answer:
        assert answer.status == 200 and len(answer.read()) > 100_000


def test_requests_sent_at_once_each_get_their_own_answer(served: Client, planted: dict) -> None:
    """The service groups requests that arrive together; each still hears only about its own events."""
    bodies = [transfer(f"c{i}", planted["victim"], planted["shop"], "15.00", ts=f"2026-03-21T10:00:{i:02d}Z")
              for i in range(12)]
    bodies[5] = transfer("c5", planted["victim"], planted["shop"], "-3")
    with ThreadPoolExecutor(max_workers=12) as pool:
        answers = list(pool.map(served.post, bodies))
    assert [status for status, _, _ in answers] == [422 if i == 5 else 200 for i in range(12)]
    assert [body["decisions"][0]["event_id"] for i, (_, _, body) in enumerate(answers) if i != 5] == \
        [f"c{i}" for i in range(12) if i != 5]
    assert [e["event"] for e in answers[5][2]["errors"]] == [0], "the refused request's own event is named"


def test_an_analyst_reads_the_hold_on_a_payment_to_a_mule_with_its_reasons(served: Client, planted: dict) -> None:
    status, _, _ = served.post(transfer("h1", planted["victim"], planted["mule"], "5000.00", ts="2026-03-22T10:00:00Z"))
    assert status == 200
    status, _, body = served.request("GET", f"/v1/decisions?entity=account:{planted['mule']}&limit=1", role="analyst")
    newest = body["decisions"][0]
    assert status == 200 and newest["event_id"] == "h1" and newest["action"] == "hold"
    assert newest["reasons"] and any("listed by mule" in r for r in newest["reasons"])
