"""Victim early warning: people worked on by scammers are held and called before they pay; look-alikes are not."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from scamnet.core.settings import Settings
from scamnet.online.decider import Decider
from scamnet.online.dissuasion import script_for
from scamnet.online.exposure import DAY_US, Exposures
from scamnet.online.state import MemoryState, parse_windows
from scamnet.online.watchlist import Watchlist
from scamnet.rules.load import starter_rules
from scamnet.service.decide import decision_policy, victim_policy
from scamnet.store.accounts import AccountProfile
from scamnet.store.watchlist import Listing

T0 = datetime(2026, 3, 20, 9, tzinfo=UTC)
SCAMMER, GATEWAY = "+8617100000009", "+8617100000001"
VICTIM, NEIGHBOUR, BUYER = "+8613800000001", "+8613800000002", "+8613800000003"
OLD, YOUNG = datetime(2015, 1, 1, tzinfo=UTC), T0 - timedelta(days=20)


def _decider() -> Decider:
    profiles = {
        "A-victim": AccountProfile(OLD, "person", 1958, VICTIM, "P1"),
        "A-neighbour": AccountProfile(OLD, "person", 1980, NEIGHBOUR, "P2"),
        "A-buyer": AccountProfile(OLD, "person", 1975, BUYER, "P3"),
        "A-mule": AccountProfile(YOUNG, "person", 2003, "+8613900000009", "P9"),
        "A-dealer": AccountProfile(OLD, "business", None, "+8610000000001", "B1"),
    }
    listed = Watchlist([Listing(f"phone:{SCAMMER}", "fraud_number", 0.97, ("calls strangers all day",)),
                        Listing(f"phone:{GATEWAY}", "fraud_number", 0.99, ("gateway SIM",))])
    return Decider(MemoryState(parse_windows("1h,24h,7d")), starter_rules(), decision_policy(Settings()),
                   profiles=profiles, watchlist=listed, victims=victim_policy(Settings()))


def _call(d: Decider, caller: str, callee: str, at: datetime, seconds: float, call_id: str) -> None:
    d.decide("call", {"call_id": call_id, "started_at": at, "caller": caller, "callee": callee, "caller_imsi": None,
                      "caller_imei": None, "cell_id": None, "duration_s": seconds, "answered": seconds > 0})


def _message(d: Decider, sender: str, recipient: str, at: datetime, text: str, msg_id: str) -> None:
    d.decide("message", {"msg_id": msg_id, "sent_at": at, "sender": sender, "recipient": recipient, "text": text,
                         "channel": "sms", "sender_imsi": None, "sender_imei": None})


def _pay(d: Decider, src: str, dst: str, at: datetime, amount: float, txn: str):
    return d.decide("transfer", {"txn_id": txn, "ts": at, "src_account": src, "dst_account": dst,
                                 "amount": amount, "currency": "CNY", "channel": "mobile", "device_id": None, "ip": None})


def test_a_victim_talked_into_paying_a_young_account_is_held_and_called_with_the_script() -> None:
    d = _decider()
    _call(d, SCAMMER, VICTIM, T0, 14 * 60, "c1")
    _message(d, VICTIM, SCAMMER, T0 + timedelta(hours=1), "ok I will do it", "m1")
    verdict = _pay(d, "A-victim", "A-mule", T0 + timedelta(hours=3), 30_000, "t1")
    warned = [r for r in verdict.reasons if r.source == "victim"]
    assert verdict.action.value == "hold" and warned and warned[0].action.value == "hold"
    assert any("talked 14 min" in s for s in warned[0].evidence["signs"])
    tasks = d.victims.take_tasks()
    held = [t for t in tasks if t.txn_id == "t1"] or [t for t in tasks if t.msisdn == VICTIM]
    assert held and held[0].person_id == "P1" and held[0].script == script_for(held[0].scam_type)


def test_someone_who_only_got_spam_and_an_unanswered_flagged_call_pays_their_landlord_unwarned() -> None:
    d = _decider()
    _call(d, GATEWAY, NEIGHBOUR, T0, 0, "c1")
    _message(d, GATEWAY, NEIGHBOUR, T0, "您的账户存在风险", "m1")
    verdict = _pay(d, "A-neighbour", "A-dealer", T0 + timedelta(hours=2), 3_000, "t1")
    assert not [r for r in verdict.reasons if r.source == "victim"]
    assert d.victims.take_tasks() == []


def test_a_buyer_who_paid_a_dealer_after_long_calls_is_not_held() -> None:
    d = _decider()
    for day in range(3):  # the dealer's salesman calls from his own mobile, never in touch before, on three days
        _call(d, "+8613700000077", BUYER, T0 + timedelta(days=day), 20 * 60, f"c{day}")
    verdict = _pay(d, "A-buyer", "A-dealer", T0 + timedelta(days=3), 150_000, "t1")
    assert verdict.action.value not in ("hold", "block")
    assert d.victims.take_tasks() == []


def test_a_person_drawn_in_gets_a_call_before_paying_and_only_one_task_that_day() -> None:
    d = _decider()
    _call(d, SCAMMER, VICTIM, T0, 9 * 60, "c1")
    _call(d, VICTIM, SCAMMER, T0 + timedelta(hours=2), 6 * 60, "c2")
    _message(d, VICTIM, SCAMMER, T0 + timedelta(hours=3), "how do I open the account", "m1")
    before = d.victims.take_tasks()
    assert [t.txn_id for t in before] == [None] and before[0].msisdn == VICTIM
    _pay(d, "A-victim", "A-mule", T0 + timedelta(hours=4), 20_000, "t1")
    _pay(d, "A-victim", "A-mule", T0 + timedelta(hours=5), 20_000, "t2")
    after = d.victims.take_tasks()
    assert {t.task_id for t in after} == {before[0].task_id}, "one task a day: the held payments join it"
    assert after[-1].txn_id == "t2"


def test_a_stranger_calling_on_three_days_counts_three_and_a_week_later_only_the_days_since() -> None:
    memory = Exposures(keep_days=7)
    hour = DAY_US // 24
    days = [memory.stranger_days("+8613800000001", SCAMMER, at) for at in (1 * hour, 3 * hour, DAY_US + hour, 3 * DAY_US)]
    assert days == [1, 1, 2, 3] and memory.follows("+8613800000001", SCAMMER)
    assert memory.stranger_days("+8613800000001", SCAMMER, 9 * DAY_US) == 2  # days 0 and 1 are more than a week back
    assert memory.stranger_days("+8613800000001", SCAMMER, 2 * DAY_US) == 3  # a late call: day 2 is in the week of 9


def test_someone_drawn_in_who_banks_elsewhere_is_marked_but_gets_no_call() -> None:
    d, stranger = _decider(), "+8613800000077"  # no profile here: no one the centre could call about a payment
    _call(d, SCAMMER, stranger, T0, 9 * 60, "c1")
    _call(d, stranger, SCAMMER, T0 + timedelta(hours=2), 6 * 60, "c2")
    _message(d, stranger, SCAMMER, T0 + timedelta(hours=3), "how do I open the account", "m1")
    assert d.victims.take_tasks() == []
    assert d.victims.exposures.signs_of(stranger, int((T0 + timedelta(hours=3)).timestamp() * 1e6))
