"""The analyst console in a real browser: an analyst clicks from an alert to its entity, its gang and a victim's
case; confirms an alert; records a dissuasion call; every number shown is the store's; nothing leaves the machine."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator
from decimal import Decimal

import pytest

from scamnet.service.freeze_requests import list_requests
from scamnet.store import open_store
from scamnet.store.alerts import AlertQuery, alert_page
from scamnet.store.gangs import gangs
from scamnet.store.reports import report, reported_loss
from scamnet.store.reviews import reviews_of
from tests.ui.conftest import SCRIPT_TEXT, Console, signed_in


@pytest.fixture(scope="module")
def analyst(chromium, console: Console) -> Iterator:
    context, page = signed_in(chromium, console, "analyst")
    yield page
    context.close()


def _shot(page, console: Console, name: str) -> None:
    page.screenshot(path=str(console.shots / f"{name}.png"), full_page=False)


def _planted_gangs(console: Console, gang_id: str) -> dict[str, int]:
    """The simulator's gangs of the found gang's members (ground truth: only a test reads it)."""
    with open_store(console.store, read_only=True) as store:
        rows = store.con.execute("SELECT l.gang_id, count(*) FROM gang_members m JOIN labels l USING (entity) "
                                 "WHERE m.gang_id = ? AND l.gang_id IS NOT NULL GROUP BY 1", [gang_id]).fetchall()
    return dict(rows)


def _money(text: str) -> Decimal:
    return Decimal(text.replace(",", "").split()[0])


def test_from_the_overview_a_planted_gang_is_one_click_away_and_its_numbers_are_the_stores(analyst, console: Console) -> None:
    analyst.goto(console.base + "/")
    analyst.wait_for_selector("#chart-tiers[data-drawn]", timeout=20_000)
    _shot(analyst, console, "overview")
    with open_store(console.store, read_only=True) as store:
        loss, reports = reported_loss(store)
        stored_gangs = gangs(store)
    assert int(analyst.inner_text("#reports").replace(",", "")) == reports
    assert _money(analyst.inner_text("#loss-reported")) == loss
    biggest = stored_gangs[0]
    analyst.click(f"#top-gangs a:text-is('{biggest['gang_id']}')")  # click 1: the gang with the largest loss
    analyst.wait_for_selector("#gang-network[data-drawn]", timeout=20_000)
    _shot(analyst, console, "gang")
    assert _money(analyst.inner_text("#gang-loss")) == biggest["total_loss"]
    assert int(analyst.inner_text("#gang-members")) == biggest["members"]
    planted = _planted_gangs(console, biggest["gang_id"])
    assert max(planted.values()) >= 0.9 * sum(planted.values()), f"one planted gang, not a mix: {planted}"
    members = analyst.eval_on_selector_all("#members td a.entity", "els => els.map(e => e.textContent)")
    assert any(m.startswith(("account:", "phone:", "imei:")) for m in members)
    # a network node opens its entity page (the node's click event, as a mouse click on it sends)
    node = analyst.evaluate("() => { const g = document.getElementById('gang-network');"
                            " const t = g.data.find(d => d.customdata && d.customdata.length); return t.customdata[0]; }")
    analyst.evaluate("(e) => document.getElementById('gang-network').emit('plotly_click', {points: [{customdata: e}]})", node)
    analyst.wait_for_url("**/entity?id=*")
    assert analyst.inner_text("h1") == node
    assert analyst.csp_errors == [] and console.blocked == []


def test_an_alert_leads_to_its_entity_its_gang_and_a_members_case(analyst, console: Console) -> None:
    analyst.goto(console.base + "/alerts?detector=mule&kind=account&sort=amount&status=any")
    _shot(analyst, console, "alerts")
    first = analyst.locator("#alerts tbody tr a.entity").first
    entity = first.inner_text()
    first.click()
    analyst.wait_for_url("**/entity?id=*")
    _shot(analyst, console, "entity")
    assert analyst.inner_text("h1") == entity
    assert analyst.locator(".alert-card[data-detector=mule] .reasons li").count() >= 1, "the mule score comes with reasons"
    assert analyst.locator("#timeline tbody tr.transfer").count() >= 1, "a mule account's transfers are on its timeline"
    analyst.locator(".gang-line a").first.click()
    analyst.wait_for_url("**/gang/*")
    victims = analyst.locator("#victims tbody tr a")
    report_id = victims.first.inner_text()
    victims.first.click()
    analyst.wait_for_url(f"**/case/{report_id}")
    _shot(analyst, console, "case")
    with open_store(console.store, read_only=True) as store:
        stored = report(store, report_id)
    assert _money(analyst.inner_text("#case-loss")) == stored["loss_amount"]
    if analyst.locator("#sankey").count():
        analyst.wait_for_selector("#sankey[data-drawn]", timeout=20_000)
        _shot(analyst, console, "case")
    assert analyst.locator("#freeze").count() == 1
    assert console.blocked == []


def test_a_confirmed_alert_is_kept_in_the_store_with_the_analyst_and_the_time(analyst, console: Console) -> None:
    analyst.goto(console.base + "/alerts?detector=fraud_number&status=open")
    row = analyst.locator("#alerts tbody tr").first
    entity, detector = row.get_attribute("data-entity"), row.get_attribute("data-detector")
    row.locator("input[name=item]").check()
    analyst.fill("input[name=note]", "same script as report 12")
    analyst.click("#review button.confirm")
    analyst.wait_for_selector(".flash")
    assert "confirm: 1 alert" in analyst.inner_text(".flash")
    with open_store(console.store, read_only=True) as store:
        kept = reviews_of(store, entity, detector)
    assert [(r.verdict, r.note) for r in kept] == [("confirm", "same script as report 12")]
    assert kept[0].analyst.startswith("analyst tester") and kept[0].reviewed_at is not None
    analyst.goto(console.base + f"/entity?id={entity.replace('+', '%2B')}")
    assert analyst.inner_text(f".alert-card[data-detector={detector}] .status") == "confirmed"


def test_a_dissuasion_outcome_releases_the_held_payment(analyst, console: Console) -> None:
    analyst.goto(console.base + "/dissuasion")
    task = analyst.locator("article.task", has_text="dq-t1")
    assert task.count() == 1, "the payment held live is a call to make"
    assert (task.locator(".script").text_content() or "").strip(), "with the script for its scam type"
    _shot(analyst, console, "dissuasion")
    task.locator("button[value=false_alarm]").click()
    analyst.wait_for_selector(".flash")
    assert "payment dq-t1: released" in analyst.inner_text(".flash")
    status, _, done = console.client.request("GET", "/v1/dissuasion?status=done", role="analyst")
    closed = [t for t in done["tasks"] if t["txn_id"] == "dq-t1"]
    assert status == 200 and closed[0]["outcome"] == "false_alarm" and closed[0]["claimed_by"].startswith("analyst tester")


def test_a_script_in_a_message_shows_as_text(analyst, console: Console) -> None:
    analyst.goto(console.base + f"/entity?id={console.planted['message']}")
    assert SCRIPT_TEXT in analyst.inner_text("#timeline")
    assert analyst.evaluate("() => window.__pwned") is None
    assert analyst.locator("#timeline script").count() == 0


def test_search_finds_an_account_by_its_first_digits(analyst, console: Console) -> None:
    account = console.planted["mule"]
    analyst.fill("header input[name=q]", account[:8])
    analyst.press("header input[name=q]", "Enter")
    analyst.wait_for_url("**/search?q=*")
    _shot(analyst, console, "search")
    shown = analyst.eval_on_selector_all("#results a.entity", "els => els.map(e => e.textContent)")
    assert f"account:{account}" in shown and all(account[:8] in s for s in shown)


def test_every_console_page_carries_a_content_security_policy_and_no_page_fetched_another_host(console: Console) -> None:
    request = urllib.request.Request(console.base + "/alerts", headers={"authorization": f"Bearer {console.client.keys['analyst']}"})
    with urllib.request.urlopen(request) as answer:
        policy = answer.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert console.blocked == []


def test_an_analyst_is_refused_the_rules_page_and_an_admin_edits_them_with_validation(chromium, analyst, console: Console) -> None:
    answer = analyst.goto(console.base + "/rules")
    assert answer is not None and answer.status == 403
    assert analyst.locator("nav a:text-is('Rules')").count() == 0
    request = urllib.request.Request(console.base + "/rules", headers={"authorization": f"Bearer {console.client.keys['ingest']}"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request)
    refused.value.close()  # its unread answer holds the connection's socket open until the collector finds it
    assert refused.value.code == 403, "an ingest key may not use the console"
    context, admin = signed_in(chromium, console, "admin")
    try:
        admin.goto(console.base + "/rules")
        _shot(admin, console, "rules")
        names = admin.eval_on_selector_all("#rules tbody b", "els => els.map(e => e.textContent)")
        assert "payee_on_watchlist" in names
        text = admin.input_value("textarea[name=text]")
        admin.fill("textarea[name=text]", text.replace('action = "hold"', 'action = "freeze"', 1))
        admin.click("button[value=save]")
        assert "freeze" in admin.inner_text("#problems"), "the bad action is named"
        admin.goto(console.base + "/rules")
        admin.click("button[value=backtest]")
        admin.wait_for_selector("#backtest", timeout=60_000)
        shown = {r.split("\t")[0]: r for r in admin.inner_text("#backtest tbody").splitlines()}
        assert "payee_on_watchlist" in shown and "(set) held or blocked" in shown
        _shot(admin, console, "rules")
        admin.goto(console.base + "/rules")
        row = admin.locator("#rules tbody tr", has_text="payee_on_watchlist")
        row.locator("button:has-text('disable')").click()
        admin.wait_for_selector(".flash")
        assert admin.locator("#rules tbody tr.off", has_text="payee_on_watchlist").count() == 1
    finally:
        context.close()


def test_the_queue_filters_by_detector_and_tier_and_counts_what_the_store_holds(analyst, console: Console) -> None:
    analyst.goto(console.base + "/alerts?detector=fraud_number&tier=critical&status=any")
    with open_store(console.store, read_only=True) as store:
        stored = alert_page(store, AlertQuery(detector="fraud_number", tier="critical", limit=1)).total
    assert f"{stored:,} match" in analyst.inner_text("h1")
    detectors = analyst.eval_on_selector_all("#alerts tbody tr", "els => els.map(e => e.dataset.detector)")
    tiers = analyst.eval_on_selector_all("#alerts .tier", "els => els.map(e => e.textContent)")
    assert set(detectors) == {"fraud_number"} and set(tiers) == {"critical"} and len(detectors) == min(stored, 50)


def test_a_wrong_key_or_an_ingest_key_does_not_sign_in(chromium, console: Console) -> None:
    context = chromium.new_context()
    page = context.new_page()
    try:
        for key, said in (("sk000.guess", "unknown or revoked key"), (console.client.keys["ingest"], "role ingest")):
            page.goto(console.base + "/signin")
            page.fill("input[name=key]", key)
            page.click("button:has-text('Sign in')")
            assert said in page.inner_text(".problem")
            assert not [c for c in context.cookies() if c["name"] == "scamnet_session"]
    finally:
        context.close()


def test_the_session_cookie_is_httponly_and_samesite_strict(analyst) -> None:
    cookie = next(c for c in analyst.context.cookies() if c["name"] == "scamnet_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    assert analyst.evaluate("() => document.cookie") == "", "no script can read it"


def test_a_freeze_request_sent_from_the_case_page_is_kept_with_the_analyst(analyst, console: Console) -> None:
    with open_store(console.store, read_only=True) as store:
        requests = list_requests(store)
    assert requests, "the run drafted per-bank freeze requests for the traced reports"
    request = requests[0]  # drafted, or expired: the test store's deadlines lie in the world's past
    assert request["status"] in ("drafted", "expired")
    analyst.goto(console.base + f"/case/{request['report_id']}")
    row = analyst.locator(f"#freeze-requests tr[data-request='{request['request_id']}']")
    assert row.locator(".request-status").inner_text().startswith(request["status"])
    _shot(analyst, console, "case")
    row.locator("select[name=status]").select_option("sent")
    row.locator("input[name=note]").fill("faxed to the bank")
    row.locator("button").click()
    analyst.wait_for_selector(".flash")
    assert f"freeze request {request['request_id']}" in analyst.inner_text(".flash")
    with open_store(console.store, read_only=True) as store:
        kept = list_requests(store, report_id=request["report_id"], bank=request["bank"])[0]
    assert kept["status"] == "sent"
    assert kept["history"][-1]["note"] == "faxed to the bank" and kept["history"][-1]["analyst"].startswith("analyst")
    row = analyst.locator(f"#freeze-requests tr[data-request='{request['request_id']}']")
    assert row.locator(".request-status").inner_text().startswith("sent")
