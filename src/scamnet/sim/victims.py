"""Victims: strangers a gang reached who are drawn in, groomed, pay, and sometimes report.

A drawn-in target gets follow-ups from the gang's handset numbers (chat messages or long
calls) over the scam type's grooming time — or, for a share of victims (``gangs.off_network_share``),
in a chat app the operator never sees, so no follow-up reaches the call and message records — then pays one or several transfers from their own
account, device and IP to first-layer mules. The money then goes through ``mules.launder``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa

from scamnet.core.enums import LabelRole
from scamnet.sim import events
from scamnet.sim.catalogue import profile
from scamnet.sim.columns import US_PER_DAY, US_PER_S
from scamnet.sim.gangs import Gang, handset_cells, mark_scam_messages
from scamnet.sim.gateways import Contacts, gateway_day
from scamnet.sim.mules import Holdings, chain_hours, launder
from scamnet.sim.reactions import handsets_of, react
from scamnet.sim.reports import Story, report_tables

if TYPE_CHECKING:
    from scamnet.sim.setup import Setup

HOUR_US = 3600 * US_PER_S
_MEMOS = np.array(["", "", "", "转账", "还款", "货款", "借款", "transfer", "payment"], dtype=object)


@dataclass
class Rows:
    """Follow-up events and payments of one gang's day, gathered victim by victim."""

    calls: list[tuple] = field(default_factory=list)
    chats: list[tuple] = field(default_factory=list)
    payments: list[tuple] = field(default_factory=list)


def gang_day(setup: Setup, gang: Gang, index: int, day: int) -> list[pa.Table]:
    """Every event gang ``index`` causes on ``day``, whatever day each event falls on."""
    rng = setup.rng(day, f"gang-{index}")
    react(setup, gang, day)
    tables, contacts = gateway_day(setup, gang, day, rng, index)
    engaged = _engaged(setup, rng, contacts)
    rows, stories = Rows(), []
    for i in np.flatnonzero(engaged):
        stories.append(_story(setup, gang, rng, contacts, int(i), rows))
    tables += _followups(setup, gang, day, index, rows)
    payments, txn_ids = _payments(setup, gang, rng, day, index, rows)
    tables += payments
    if rows.payments:
        held = Holdings(gang.mules["l1"][np.array([p[3] for p in rows.payments])],
                        np.array([p[0] for p in rows.payments]), np.array([p[2] for p in rows.payments]))
        tables += launder(setup, gang, held, rng, day, index)
    tables += report_tables(setup, gang, rng, setup.ids(day, "reports", index), stories, rows.payments, txn_ids)
    return tables


def _engaged(setup: Setup, rng, contacts: Contacts) -> np.ndarray:
    knobs = setup.scenario.gangs
    by_call = np.array([u == "" for u in contacts.url], dtype=bool)
    rate = np.where(by_call, knobs.engage_rate, knobs.engage_rate * 0.3)
    return contacts.answered & (rng.random(len(contacts.ts)) < rate)


def _story(setup: Setup, gang: Gang, rng, contacts: Contacts, i: int, rows: Rows) -> Story:
    scam_type = gang.scam_types[int(contacts.scam[i])]
    prof, knobs = profile(scam_type), setup.scenario.gangs
    person, t0 = int(contacts.person[i]), int(contacts.ts[i])
    grooming_us = int(rng.uniform(*prof.grooming_days) * US_PER_DAY)
    handset_sim = int(gang.phone_sims[rng.integers(len(gang.phone_sims))])
    story = Story(person, scam_type, [int(contacts.sim[i]), handset_sim], [contacts.url[i]] if contacts.url[i] else [])
    if contacts.shown is not None and contacts.shown[i]:  # the victim only knows the number the call showed
        story.sims.remove(int(contacts.sim[i]))
        story.shown.append(str(contacts.shown[i]))
    seen = rows if not _off_network(rng, knobs.off_network_share) else Rows()
    if seen is not rows:  # the victim knows the gang by a chat-app handle, not by a phone number
        story.sims.remove(handset_sim)
    for _ in range(1 + int(grooming_us / US_PER_DAY * 2)):
        ts = t0 + int(rng.uniform(0.02, 1.0) * max(grooming_us, HOUR_US))
        if rng.random() < knobs.chat_share:
            text, url = gang.message(rng, scam_type, bool(setup.people.english[person]))
            seen.chats.append((ts, handset_sim, person, text, url))
            story.urls += [url] if url else []
        else:
            seen.calls.append((ts, handset_sim, person, int(rng.lognormal(np.log(300), 0.7)) + 30))
    if rng.random() < knobs.pay_rate:
        _pay(setup, gang, rng, prof, person, t0 + grooming_us, rows, story)
    return story


def _off_network(rng, share: float) -> bool:
    """Whether a victim's grooming moves to a chat app the operator never sees (no draw when no grooming does)."""
    return share > 0 and bool(rng.random() < share)


def _pay(setup: Setup, gang: Gang, rng, prof, person: int, start: int, rows: Rows, story: Story) -> None:
    """One or several payments to first-layer mules, up to the world's last day (``victims.pay_until_end``) or
    each in time for its money to reach cash-out inside the world (then money is conserved within it)."""
    lag = 0 if setup.scenario.victims.pay_until_end else int(chain_hours(setup) * HOUR_US)
    latest = setup.end_us - lag - 1
    count = int(rng.integers(prof.payments[0], prof.payments[1] + 1))
    amount, ts = rng.lognormal(np.log(prof.amount_median), 0.6), start + int(rng.uniform(0.3, 3) * HOUR_US)
    for _ in range(count):
        if ts > latest:
            break
        story.payments.append(len(rows.payments))
        rows.payments.append((ts, person, max(100, int(amount * 100)), int(rng.integers(len(gang.mules["l1"])))))
        amount *= rng.uniform(1.3, 2.2) if prof.escalating else rng.uniform(0.6, 1.2)
        ts += int(rng.uniform(1, 30) * HOUR_US)


def _payments(setup: Setup, gang: Gang, rng, day: int, index: int, rows: Rows) -> tuple[list[pa.Table], pa.Array]:
    """The victims' transfers to first-layer mules, from their own accounts, devices and IPs."""
    if not rows.payments:
        return [], pa.array([], pa.string())
    ts, person, cents, l1 = (np.array(c) for c in zip(*rows.payments, strict=True))
    n, accounts = len(ts), setup.accounts["account_id"]
    ids = setup.ids(day, "payments", index).take("t", n)
    src, dst = accounts.take(setup.people.account[person]), accounts.take(gang.mules["l1"][l1])
    device, ip = setup.people.device.take(person), setup.people.ip.take(person)
    memo = [m or None for m in _MEMOS[rng.integers(0, len(_MEMOS), n)]]
    channel = np.where(rng.random(n) < 0.7, "mobile", "online")
    table = events.transfers(None, ts, src, dst, cents, setup.scenario.world.currency, channel, device, ip, memo, txn_id=ids)
    logins = events.sessions(ts - rng.integers(20, 600, n) * US_PER_S, src, device, ip)
    setup.labels.mark_many((f"txn:{t}" for t in ids.to_pylist()), LabelRole.VICTIM_TRANSFER, gang.gang_id, ts.tolist(), ts.tolist())
    setup.labels.mark_many((f"person:{p}" for p in setup.people.person_id.take(person).to_pylist()), LabelRole.VICTIM,
                           None, ts.tolist(), ts.tolist())
    return [table, logins], ids


def _followups(setup: Setup, gang: Gang, day: int, index: int, rows: Rows) -> list[pa.Table]:
    sims = setup.sims
    out = []
    if rows.calls:
        ts, sim, person, dur = (np.array(c) for c in zip(*rows.calls, strict=True))
        handset = handsets_of(gang, sim)
        cell = handset_cells(setup, sim)
        out.append(events.calls(setup.ids(day, "followup", index * 2), ts, dur, sims["msisdn"].take(sim),
                                setup.number_of(person), sims["imsi"].take(sim), setup.handsets["imei"].take(handset),
                                setup.cells.ids.take(cell), np.ones(len(ts), bool)))
    if rows.chats:
        ts, sim, person, text, url = zip(*rows.chats, strict=True)
        ts = np.array(ts)
        ids = setup.ids(day, "followup", index * 2 + 1).take("m", len(ts))
        out.append(events.messages(None, ts, sims["msisdn"].take(np.array(sim)), setup.number_of(np.array(person)),
                                   "chat", list(text), msg_id=ids))
        mark_scam_messages(setup, gang, ids.to_pylist(), ts.tolist(), list(url))
    return out
