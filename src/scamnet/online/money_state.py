"""Per-account live state for the online ``mule`` score.

Each transfer is kept as a leg on both accounts (time, amount, direction, counterparty, channel:
a few numbers; an account's legs over the period are its whole money history), each session and
payment's device and IP in a map from device to the accounts using it, and each call's and
message's contact between two numbers (for the payers who had just been worked on by a
stranger). ``account_features`` gives the columns of ``money/mule_features.sql`` for one
account, from the same definitions:

- exact, from the account's legs: the flows (counts, counterparties, amounts, the largest inflow,
  what stays, cash-out, round and just-under-the-limit amounts, night, one-off counterparties,
  age at first inflow), the time-ordered figures (pass-through in 1 h and 24 h, the busiest day's,
  minutes to the next payment out, quiet spells and bursts: ``features/money_sequence.py``'s
  definitions on the account's legs, ``leg_sequence.py``), the days it fans in and out;
- exact from the maps, computed when asked: devices and IPs shared with other accounts and
  holders, the payers worked on by a stranger in the 14 days before paying, victims paying in
  (and one hop away), reports naming it or a payment into it, the money from and to accounts
  run from shared phones (``ring``);
- approximate: the laundering shapes through other accounts (``scatter_gather``, ``cycles_2``,
  ``cycles_3``): two- and three-hop paths are followed from the account's own legs, but payment
  hubs (``flow_patterns.sql``: more than 100,000 in x out in a day) are expanded like any other
  account.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

import numpy as np
import pyarrow as pa

from scamnet.features.money_sequence import COLUMNS as SEQUENCE_COLUMNS
from scamnet.features.money_sequence import sequence_of_events
from scamnet.online.detector_refs import References, account_key
from scamnet.online.leg_sequence import MAX_LEGS, leg_sequence

HOUR, DAY = 3600, 86400
CASHOUT = frozenset({"atm", "crypto_otc", "wire_abroad"})
GROOMING_S = 14 * DAY
TALK_S = 120


@dataclass(slots=True)
class Leg:
    t: float
    amount: float
    inflow: bool
    counterparty: str | None
    channel: str | None
    txn: str | None


@dataclass(slots=True)
class Account:
    legs: list[Leg] = field(default_factory=list)
    outs: list[Leg] = field(default_factory=list)  # payments to another account (the laundering shapes' hops)
    devices: set[str] = field(default_factory=set)
    ips: set[str] = field(default_factory=set)


class MoneyState:
    """Every account's legs, the devices and IPs accounts use, and who contacted whom."""

    def __init__(self, refs: References, utc_offset_hours: float = 8.0) -> None:
        self.refs = refs
        self.offset_s = round(utc_offset_hours * 3600)
        self.accounts: dict[str, Account] = {}
        self.device_users: dict[str, set[str]] = {}
        self.ip_users: dict[str, set[str]] = {}
        #: recipient number -> initiator -> [conversations (a call of 2 min or more, a message), first one's time]
        self.touched: dict[str, dict[str, list[float]]] = {}

    def account(self, account_id: str) -> Account:
        found = self.accounts.get(account_id)
        if found is None:
            found = self.accounts[account_id] = Account()
        return found

    def transfer(self, row: Mapping[str, Any]) -> None:
        t, amount = row["ts"].timestamp(), float(Decimal(row["amount"]))
        src, dst, channel, txn = row.get("src_account"), row.get("dst_account"), row.get("channel"), row.get("txn_id")
        if dst is not None:
            self.account(dst).legs.append(Leg(t, amount, True, src, channel, txn))
        if src is not None:
            leg = Leg(t, amount, False, dst, channel, txn)
            self.account(src).legs.append(leg)
            if dst is not None and dst != src:
                self.account(src).outs.append(leg)
            self._uses(src, row.get("src_device"), row.get("src_ip"))

    def session(self, row: Mapping[str, Any]) -> None:
        self._uses(row["account_id"], row.get("device_id"), row.get("ip"))

    def contact(self, initiator: str, recipient: str, t: float, talk: bool) -> None:
        """A call or message from ``initiator`` to ``recipient`` (``talk``: a conversation, not a short call)."""
        pairs = self.touched.setdefault(recipient, {})
        known = pairs.get(initiator)
        if known is None:
            known = pairs[initiator] = [0.0, float("inf")]
        if talk:
            known[0] += 1
            known[1] = min(known[1], t)

    def _uses(self, account: str, device: str | None, ip: str | None) -> None:
        record = self.account(account)
        if device is not None:
            record.devices.add(device)
            self.device_users.setdefault(device, set()).add(account)
        if ip is not None:
            record.ips.add(ip)
            self.ip_users.setdefault(ip, set()).add(account)

    # -- features -------------------------------------------------------------------------
    def account_features(self, account_id: str) -> dict[str, float] | None:
        """The columns of ``money/mule_features.sql`` for the account (None: no transfer yet)."""
        record = self.accounts.get(account_id)
        if record is None or not record.legs:
            return None
        shared = self.shared_devices(account_id)
        flows = self._flows(account_id, record.legs)
        return (flows | shared | self._payers(account_id, record.legs) | self._ring(account_id, record.legs, flows)
                | self._shapes(account_id, record.legs) | self._victims(account_id, record.legs) | self._sequence(record.legs))

    def _flows(self, account_id: str, legs: list[Leg]) -> dict[str, Any]:
        ins = [leg for leg in legs if leg.inflow]
        outs = [leg for leg in legs if not leg.inflow]
        in_amount, out_amount = sum(leg.amount for leg in ins), sum(leg.amount for leg in outs)
        pairs: dict[tuple[str | None, bool], int] = {}
        for leg in legs:
            pairs[leg.counterparty, leg.inflow] = pairs.get((leg.counterparty, leg.inflow), 0) + 1
        opened = self.refs.accounts.get(account_id, (None, None))[0]
        first_in = min((leg.t for leg in ins), default=None)
        n = len(legs)
        return {
            "in_count": len(ins), "out_count": len(outs),
            "in_counterparties": sum(1 for c, inflow in pairs if inflow and c is not None),
            "out_counterparties": sum(1 for c, inflow in pairs if not inflow and c is not None),
            "in_amount": in_amount, "out_amount": out_amount, "max_in_amount": max((leg.amount for leg in ins), default=0.0),
            "kept_share": max(in_amount - out_amount, 0.0) / in_amount if in_amount else np.nan,
            "cashout_share": sum(leg.amount for leg in outs if leg.channel in CASHOUT) / out_amount if out_amount else np.nan,
            "round_share": sum(1 for leg in legs if leg.amount >= 100 and leg.amount % 100 == 0) / n,
            "just_under_limit_share": sum(1 for leg in legs if _just_under(leg.amount)) / n,
            "night_share": sum(1 for leg in legs if (leg.t + self.offset_s) % DAY < 6 * HOUR) / n,
            "one_off_counterparty_share": sum(1 for k in pairs.values() if k == 1) / n,
            "age_days_at_first_in": (first_in - opened.timestamp()) / DAY if first_in is not None and opened else np.nan,
        }

    def shared_devices(self, account_id: str) -> dict[str, float]:
        """``money/shared_devices.sql`` for one account: other accounts and holders on its devices and IPs."""
        record = self.accounts.get(account_id) or Account()
        holder = self.refs.holder_of(account_id)
        device_sizes = [len(self.device_users[d]) for d in record.devices]
        ip_sizes = [len(self.ip_users[i]) for i in record.ips]
        device_holders = self._device_holders(record, holder)
        ip_holders = {self.refs.holder_of(a) for i in record.ips if 2 <= len(self.ip_users[i]) <= 12
                      for a in self.ip_users[i]} - {holder}
        return {"devices": len(device_sizes), "device_peers": sum(s - 1 for s in device_sizes),
                "ips": len(ip_sizes), "ip_peers": sum(s - 1 for s in ip_sizes if s <= 12),
                "device_holder_peers": len(device_holders), "ip_holder_peers": len(ip_holders)}

    def _device_holders(self, record: Account, holder: str) -> set[str]:
        """The other holders of accounts on the account's devices (a device of 2 to 200 accounts)."""
        return {self.refs.holder_of(a) for d in record.devices if 2 <= len(self.device_users[d]) <= 200
                for a in self.device_users[d]} - {holder}

    def _payers(self, account_id: str, legs: list[Leg]) -> dict[str, float]:
        """``money/payer_contacts.sql``: paying persons, and those worked on by a stranger just before."""
        first_paid: dict[str, float] = {}
        for leg in legs:
            src = leg.counterparty
            if leg.inflow and src is not None and src != account_id and src in self.refs.accounts:
                first_paid[src] = min(first_paid.get(src, leg.t), leg.t)
        person, groomed = 0, 0
        for src, t in first_paid.items():
            phones = self.refs.holder_numbers.get(self.refs.accounts[src][1] or "", set())
            if not phones:
                continue
            person += 1
            groomed += any(self._unsolicited(phone, t) for phone in phones)
        return {"person_payers": person, "groomed_payers": groomed}

    def _unsolicited(self, phone: str, paid_at: float) -> bool:
        """Whether a mobile number ``phone`` never contacted had two conversations with it, the first in the 14 days before."""
        for initiator, (talks, first) in self.touched.get(phone, {}).items():
            if talks >= 2 and initiator.startswith("+") and paid_at - GROOMING_S <= first <= paid_at \
                    and phone not in self.touched.get(initiator, {}):
                return True
        return False

    def _ring(self, account_id: str, legs: list[Leg], flows: dict[str, Any]) -> dict[str, float]:
        """Money from and to accounts run from phones shared by several holders (``ring`` in mule_features.sql)."""
        by_pair: dict[tuple[str, bool], float] = {}
        for leg in legs:
            if leg.counterparty is not None and leg.counterparty != account_id:
                by_pair[leg.counterparty, leg.inflow] = by_pair.get((leg.counterparty, leg.inflow), 0.0) + leg.amount
        ringed = {c: len(self._device_holders(self.accounts.get(c) or Account(), self.refs.holder_of(c))) >= 2
                  for c, _ in by_pair}
        payers = [a for (c, inflow), a in by_pair.items() if inflow and ringed[c]]
        payees = [a for (c, inflow), a in by_pair.items() if not inflow and ringed[c]]
        return {"ring_payers": len(payers), "ring_payees": len(payees),
                "ring_in_share": sum(payers) / flows["in_amount"] if flows["in_amount"] else 0.0,
                "ring_out_share": sum(payees) / flows["out_amount"] if flows["out_amount"] else 0.0}

    def _shapes(self, account_id: str, legs: list[Leg]) -> dict[str, float]:
        """``money/flow_patterns.sql`` for one account: fan in and out in a day, split-and-merge, short cycles."""
        days: dict[int, list[int]] = {}
        for leg in legs:
            if leg.counterparty is not None and leg.counterparty != account_id:
                counts = days.setdefault(int(leg.t // DAY), [0, 0])
                counts[0 if leg.inflow else 1] += 1
        record = self.accounts[account_id]
        if not record.outs or not any(leg.inflow and leg.counterparty not in (None, account_id) for leg in legs):
            # every shape needs money in from and out to other accounts: without either, none goes through it
            return {"gather_scatter": 0, "scatter_gather": 0, "cycles_2": 0, "cycles_3": 0}
        paths = self._paths_through(account_id)
        known: dict[str, list[tuple[float, str, str, float]]] = {}  # each account's two-hop paths, worked out once here
        scatter = 0
        for src, dst in {(s, d) for s, _, d in set(paths) if s != d}:
            mids = {m for _, m, _ in self._paths_between(src, dst, known)}
            if len(mids) >= 2:
                scatter = max(scatter, len(mids))
        cycles_2 = sum(1 for s, _, d in paths if s == d) + sum(1 for _, _, d, _ in self._paths_from(account_id) if d == account_id)
        return {"gather_scatter": max((min(i, o) for i, o in days.values()), default=0),
                "scatter_gather": scatter, "cycles_2": cycles_2, "cycles_3": self._cycles_3(account_id, known)}

    def _outs(self, account_id: str) -> list[Leg]:
        record = self.accounts.get(account_id)
        return record.outs if record else []

    def _paths_from(self, src: str) -> list[tuple[float, str, str, float]]:
        """Two-hop paths ``src -> mid -> dst`` (the second payment within 24 h, a fifth to all of the first)."""
        found = []
        for a in self._outs(src):
            assert a.counterparty is not None
            for b in self._outs(a.counterparty):
                if a.t < b.t <= a.t + DAY and 0.2 * a.amount <= b.amount <= a.amount:
                    assert b.counterparty is not None
                    found.append((a.t, a.counterparty, b.counterparty, b.t))
        return found

    def _paths_through(self, mid: str) -> list[tuple[str, str, str]]:
        record = self.accounts.get(mid)
        ins = [leg for leg in record.legs if leg.inflow and leg.counterparty not in (None, mid)] if record else []
        outs = self._outs(mid)
        return [(a.counterparty, mid, b.counterparty) for a in ins for b in outs  # type: ignore[misc]
                if a.t < b.t <= a.t + DAY and 0.2 * a.amount <= b.amount <= a.amount]

    def _paths_between(self, src: str, dst: str, known: dict[str, list[tuple[float, str, str, float]]]) -> set[tuple[str, str, str]]:
        return {(src, m, d) for _, m, d, _ in self._paths_kept(src, known) if d == dst}

    def _paths_kept(self, src: str, known: dict[str, list[tuple[float, str, str, float]]]) -> list[tuple[float, str, str, float]]:
        """``_paths_from(src)``, worked out once per ``known`` (one account's scoring: the legs do not move meanwhile)."""
        found = known.get(src)
        if found is None:
            found = known[src] = self._paths_from(src)
        return found

    def _cycles_3(self, account_id: str, known: dict[str, list[tuple[float, str, str, float]]]) -> int:
        """Three-hop cycles the account is in (as the first, the middle or the last account), counted per path."""
        count = 0
        starts = {account_id} | {leg.counterparty for leg in self.accounts[account_id].legs if leg.counterparty}
        for src in starts:
            assert src is not None
            for t1, mid, dst, t2 in self._paths_kept(src, known):
                if src == dst or account_id not in (src, mid, dst):
                    continue
                count += sum(1 for c in self._outs(dst) if c.counterparty == src and t2 < c.t <= t1 + DAY)
        return count

    def _victims(self, account_id: str, legs: list[Leg]) -> dict[str, float]:
        """``money/victim_proximity.sql`` for one account."""
        payer = {r for leg in legs if leg.inflow for r in self._first_hops(leg)}
        second = set()
        for leg in legs:
            if leg.inflow and leg.counterparty is not None and leg.counterparty in self.accounts:
                for earlier in self.accounts[leg.counterparty].legs:
                    if earlier.inflow and earlier.t < leg.t <= earlier.t + DAY:
                        second |= self._first_hops(earlier)
        txns = {r for leg in legs if leg.inflow and leg.txn for r in self.refs.txn_reports.get(leg.txn, ())}
        has_in = any(leg.inflow for leg in legs)
        named = self.refs.account_reports.get(account_key(account_id), set()) if has_in else set()
        return {"victim_payers": len(payer), "victim_txns": len(txns), "named_in_reports": len(named),
                "second_hop_victims": len(second)}

    def _first_hops(self, leg: Leg) -> set[str]:
        """The reports whose victim made this payment in the 3 days before reporting."""
        if leg.counterparty is None:
            return set()
        return {r for r, at in self.refs.victim_accounts.get(leg.counterparty, ())
                if at.timestamp() - 3 * DAY <= leg.t <= at.timestamp()}

    def _sequence(self, legs: list[Leg]) -> dict[str, float]:
        """The time-ordered figures of ``features/money_sequence.py``: its definitions walked in Python on an account's
        few legs, or the module itself run on many."""
        order = sorted(legs, key=lambda leg: (int(leg.t), not leg.inflow))
        if len(order) <= MAX_LEGS:  # NumPy's cost per call outweighs a few legs' work (``leg_sequence.py``)
            return leg_sequence([(int(leg.t), leg.amount, leg.inflow) for leg in order])
        events = pa.table({"k": pa.array([0] * len(order), pa.uint64()), "s": pa.array([int(leg.t) for leg in order], pa.int64()),
                           "amount": pa.array([leg.amount for leg in order], pa.float64()),
                           "dir": pa.array([1 if leg.inflow else -1 for leg in order], pa.int8())})
        row = sequence_of_events(events).to_pylist()[0]
        return {c: (np.nan if row[c] is None else row[c]) for c in SEQUENCE_COLUMNS}


def _just_under(amount: float) -> bool:
    return 4500 <= amount < 5000 or 9000 <= amount < 10000 or 45000 <= amount < 50000


def _seconds(at: datetime) -> float:
    return at.timestamp()
