"""Victims: strangers a gang reached who are drawn in, groomed, pay, and sometimes report.

A drawn-in target gets follow-ups from the gang's handset numbers (chat messages or long
calls) over the scam type's grooming time — or, for a share of victims (``gangs.off_network_share``),
in a chat app the operator never sees, so no follow-up reaches the call and message records — then pays one or several transfers from their own
account, device and IP to first-layer mules. The money then goes through ``mules.launder``.

What the victims do back, each a stated share drawn from its own random stream (so a world with
these shares at 0 is the world it was): they open the links they got (``victims.link_open_share``:
a web visit in ``link_visits``, seen by the operator also when the grooming is in a chat app), call
the gang's number back (``victims.call_back_share``), and pay under a screen-sharing app the scammer
had them install (``victims.remote_access_share``) or from a device the account never used
(``victims.new_device_share``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa

from scamnet.core.enums import LabelRole
from scamnet.sim import events
from scamnet.sim.browsing import visits
from scamnet.sim.catalogue import profile
from scamnet.sim.columns import US_PER_DAY, US_PER_S
from scamnet.sim.device_signs import new_devices
from scamnet.sim.gangs import Gang, handset_cells, mark_scam_messages
from scamnet.sim.gateways import Contacts, gateway_day
from scamnet.sim.mules import Holdings, chain_hours, launder
from scamnet.sim.reactions import handsets_of, react
from scamnet.sim.reports import Story, report_tables
from scamnet.sim.social import person_calls

if TYPE_CHECKING:
    from scamnet.sim.setup import Setup

HOUR_US = 3600 * US_PER_S
#: Of ``victims.link_open_share``: the share of people not drawn in who still open a scam SMS's link.
CURIOUS = 0.05
_MEMOS = np.array(["", "", "", "转账", "还款", "货款", "借款", "transfer", "payment"], dtype=object)


@dataclass
class Rows:
    """Follow-up events and payments of one gang's day, gathered victim by victim."""

    calls: list[tuple] = field(default_factory=list)
    chats: list[tuple] = field(default_factory=list)
    payments: list[tuple] = field(default_factory=list)
    #: per payment: (under a remote-access app, from a new device)
    modes: list[tuple[bool, bool]] = field(default_factory=list)
    #: what victims do back: (ts, person, url) links opened, (ts, person, gang sim, seconds) calls to the gang
    opened: list[tuple] = field(default_factory=list)
    called_back: list[tuple] = field(default_factory=list)


def gang_day(setup: Setup, gang: Gang, index: int, day: int) -> list[pa.Table]:
    """Every event gang ``index`` causes on ``day``, whatever day each event falls on."""
    rng = setup.rng(day, f"gang-{index}")
    react(setup, gang, day)
    tables, contacts = gateway_day(setup, gang, day, rng, index)
    engaged = _engaged(setup, rng, contacts)
    rows, stories = Rows(), []
    acts = setup.rng(day, f"victim-signs-{index}")  # its own stream: the shares at 0 leave the world as it was
    for i in np.flatnonzero(engaged):
        stories.append(_story(setup, gang, (rng, acts), contacts, int(i), rows))
    _curious(setup, acts, contacts, engaged, rows)
    tables += _followups(setup, gang, day, index, rows)
    tables += _victim_acts(setup, acts, day, index, rows)
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


def _story(setup: Setup, gang: Gang, rngs: tuple, contacts: Contacts, i: int, rows: Rows) -> Story:
    rng, acts = rngs
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
    links = [(t0, contacts.url[i])] if contacts.url[i] else []
    touched = []
    for _ in range(1 + int(grooming_us / US_PER_DAY * 2)):
        ts = t0 + int(rng.uniform(0.02, 1.0) * max(grooming_us, HOUR_US))
        touched.append(ts)
        if rng.random() < knobs.chat_share:
            text, url = gang.message(rng, scam_type, bool(setup.people.english[person]))
            seen.chats.append((ts, handset_sim, person, text, url))
            story.urls += [url] if url else []
            links += [(ts, url)] if url else []
        else:
            seen.calls.append((ts, handset_sim, person, int(rng.lognormal(np.log(300), 0.7)) + 30))
    _act_back(setup, acts, person, links, touched if seen is rows else [], handset_sim, rows)
    if rng.random() < knobs.pay_rate:
        _pay(setup, gang, (rng, acts), prof, person, t0 + grooming_us, rows, story)
    return story


def _curious(setup: Setup, acts, contacts: Contacts, engaged: np.ndarray, rows: Rows) -> None:
    """People who open a scam SMS's link out of curiosity and go no further (``CURIOUS`` of ``link_open_share``)."""
    share = setup.scenario.victims.link_open_share * CURIOUS
    if share <= 0:
        return
    for i in np.flatnonzero(contacts.answered & ~engaged):
        if contacts.url[i] and acts.random() < share:
            rows.opened.append((int(contacts.ts[i]) + int(acts.uniform(0.5, 60) * 60 * US_PER_S), int(contacts.person[i]),
                                contacts.url[i]))


def _act_back(setup: Setup, acts, person: int, links: list[tuple[int, str]], touched: list[int], handset_sim: int,
              rows: Rows) -> None:
    """The links the victim opens (minutes to hours after getting each) and the calls they make to the gang's number."""
    knobs = setup.scenario.victims
    for at, url in links:
        if acts.random() < knobs.link_open_share:
            rows.opened.append((at + int(acts.uniform(0.5, 120) * 60 * US_PER_S), person, url))
    if touched and acts.random() < knobs.call_back_share:
        for _ in range(int(acts.integers(1, 3))):
            at = int(acts.choice(touched)) + int(acts.uniform(0.1, 6) * HOUR_US)
            rows.called_back.append((at, person, handset_sim, int(acts.lognormal(np.log(240), 0.7)) + 20))


def _off_network(rng, share: float) -> bool:
    """Whether a victim's grooming moves to a chat app the operator never sees (no draw when no grooming does)."""
    return share > 0 and bool(rng.random() < share)


def _pay(setup: Setup, gang: Gang, rngs: tuple, prof, person: int, start: int, rows: Rows, story: Story) -> None:
    """One or several payments to first-layer mules, up to the world's last day (``victims.pay_until_end``) or
    each in time for its money to reach cash-out inside the world (then money is conserved within it)."""
    rng, acts = rngs
    knobs = setup.scenario.victims
    mode = (bool(acts.random() < knobs.remote_access_share), bool(acts.random() < knobs.new_device_share))
    lag = 0 if setup.scenario.victims.pay_until_end else int(chain_hours(setup) * HOUR_US)
    latest = setup.end_us - lag - 1
    count = int(rng.integers(prof.payments[0], prof.payments[1] + 1))
    amount, ts = rng.lognormal(np.log(prof.amount_median), 0.6), start + int(rng.uniform(0.3, 3) * HOUR_US)
    for _ in range(count):
        if ts > latest:
            break
        story.payments.append(len(rows.payments))
        rows.payments.append((ts, person, max(100, int(amount * 100)), int(rng.integers(len(gang.mules["l1"])))))
        rows.modes.append(mode)
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
    remote, fresh = (np.array(m, dtype=bool) for m in zip(*rows.modes, strict=True))
    if fresh.any():  # a phone the account never used: one per victim, for all of their payments
        first = {p: k for k, p in reversed(list(enumerate(person.tolist())))}
        made = new_devices(setup, day, 512 + index, len(person)).to_pylist()
        device = pa.array([made[first[p]] if f else d for p, f, d in zip(person.tolist(), fresh, device.to_pylist(), strict=True)],
                          pa.string())
    memo = [m or None for m in _MEMOS[rng.integers(0, len(_MEMOS), n)]]
    channel = np.where(rng.random(n) < 0.7, "mobile", "online")
    table = events.transfers(None, ts, src, dst, cents, setup.scenario.world.currency, channel, device, ip, memo, txn_id=ids)
    logins = events.sessions(ts - rng.integers(20, 600, n) * US_PER_S, src, device, ip,
                             pa.array([True if r else None for r in remote], pa.bool_()))
    setup.labels.mark_many((f"txn:{t}" for t in ids.to_pylist()), LabelRole.VICTIM_TRANSFER, gang.gang_id, ts.tolist(), ts.tolist())
    setup.labels.mark_many((f"person:{p}" for p in setup.people.person_id.take(person).to_pylist()), LabelRole.VICTIM,
                           None, ts.tolist(), ts.tolist())
    return [table, logins], ids


def _victim_acts(setup: Setup, acts, day: int, index: int, rows: Rows) -> list[pa.Table]:
    """The victims' visits to the scam links and their calls to the gang's number."""
    out = []
    if rows.opened:
        ts, person, url = zip(*rows.opened, strict=True)
        out.append(visits(setup, setup.ids(day, "victim_signs", 2 * index), np.array(ts), np.array(person), list(url)))
    if rows.called_back:
        ts, person, sim, dur = (np.array(c) for c in zip(*rows.called_back, strict=True))
        out.append(person_calls(setup, acts, setup.ids(day, "victim_signs", 2 * index + 1), day, ts, person,
                                setup.sims["msisdn"].take(sim), dur, np.ones(len(ts), bool)))
    return out


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
