"""The reference facts the online detectors read beside the live events: SIMs, people, accounts, reports.

The batch feature queries join the events to ``subscribers``, ``persons``, ``accounts``,
``reports`` and ``report_items``; the live detectors look the same facts up here, loaded once from
the store (or a world's tables) when the service starts. A report posted later (``POST
/v1/reports``) reaches these facts at the next start, as it reaches the batch run's features.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import pyarrow as pa

_ACCOUNT_TEXT = re.compile(r"[\s-]")


@dataclass
class Sim:
    """One SIM as ``subscribers`` has it."""

    msisdn: str | None
    activated_at: datetime | None
    business: bool
    holder: str | None


@dataclass
class References:
    """Lookups of the reference tables, keyed as the feature queries join them."""

    sims: dict[str, Sim] = field(default_factory=dict)  # by IMSI
    #: per number: its newest activation, whether any of its SIMs is a business line, whether any is unregistered
    numbers: dict[str, tuple[datetime | None, bool, bool]] = field(default_factory=dict)
    #: per number: the birth year of each of its SIMs' holders (one entry per subscribers row with a known person)
    birth_years: dict[str, list[int]] = field(default_factory=dict)
    #: per holder: the numbers of the SIMs they hold
    holder_numbers: dict[str, set[str]] = field(default_factory=dict)
    #: per account: when it was opened and its holder (``min`` of each, as the queries take them)
    accounts: dict[str, tuple[datetime | None, str | None]] = field(default_factory=dict)
    #: per victim's number: the newest report's time
    victim_numbers: dict[str, datetime] = field(default_factory=dict)
    #: per number: how many reports name it
    phone_reports: dict[str, int] = field(default_factory=dict)
    #: per victim account: (report id, reported at) of each report it made
    victim_accounts: dict[str, list[tuple[str, datetime]]] = field(default_factory=dict)
    #: per transfer id a report names: the reports naming it
    txn_reports: dict[str, set[str]] = field(default_factory=dict)
    #: per account id as reports write it (upper case, no spaces or dashes): the reports naming it
    account_reports: dict[str, set[str]] = field(default_factory=dict)

    @classmethod
    def of_tables(cls, tables: Mapping[str, pa.Table]) -> References:
        """The lookups of the reference tables present in ``tables`` (a missing one is empty)."""
        refs = cls()
        refs._subscribers(_rows(tables, "subscribers"), {p["person_id"]: p["birth_year"] for p in _rows(tables, "persons")})
        for a in _rows(tables, "accounts"):
            opened, holder = refs.accounts.get(a["account_id"], (None, None))
            refs.accounts[a["account_id"]] = (_least(opened, a.get("opened_at")), _least(holder, a.get("holder_id")))
        refs._reports(_rows(tables, "reports"), _rows(tables, "report_items"))
        return refs

    def _subscribers(self, rows: list[dict], births: Mapping[str, int | None]) -> None:
        for s in rows:
            msisdn, holder = s["msisdn"], s.get("holder_id")
            self.sims[s["imsi"]] = Sim(msisdn, s.get("activated_at"), s.get("plan") == "business", holder)
            if msisdn is None:
                continue
            activated, business, unregistered = self.numbers.get(msisdn, (None, False, False))
            newest = s.get("activated_at") if activated is None else max(activated, s.get("activated_at") or activated)
            self.numbers[msisdn] = (newest, business or s.get("plan") == "business", unregistered or holder is None)
            if holder is not None:
                self.holder_numbers.setdefault(holder, set()).add(msisdn)
                if births.get(holder) is not None:
                    self.birth_years.setdefault(msisdn, []).append(int(births[holder]))  # type: ignore[arg-type]

    def _reports(self, reports: list[dict], items: list[dict]) -> None:
        for r in reports:
            if r.get("victim_msisdn"):
                known = self.victim_numbers.get(r["victim_msisdn"])
                self.victim_numbers[r["victim_msisdn"]] = r["reported_at"] if known is None else max(known, r["reported_at"])
            if r.get("victim_account"):
                self.victim_accounts.setdefault(r["victim_account"], []).append((r["report_id"], r["reported_at"]))
        reported = {r["report_id"] for r in reports}
        phones: dict[str, set[str]] = {}
        for i in items:
            if i["report_id"] not in reported:
                continue
            if i["kind"] == "phone":
                phones.setdefault(i["value"], set()).add(i["report_id"])
            elif i["kind"] == "txn":
                self.txn_reports.setdefault(re.sub(r"^txn:", "", i["value"]), set()).add(i["report_id"])
            elif i["kind"] == "account":
                key = account_key(re.sub(r"^ACCOUNT:", "", i["value"].upper()))
                self.account_reports.setdefault(key, set()).add(i["report_id"])
        self.phone_reports = {number: len(ids) for number, ids in phones.items()}

    def holder_of(self, account: str) -> str:
        """The account's holder, or the account itself when unknown (as ``shared_devices`` counts holders)."""
        holder = self.accounts.get(account, (None, None))[1]
        return holder if holder is not None else account


def account_key(text: str) -> str:
    """An account id as reports are matched to it: upper case, without spaces and dashes."""
    return _ACCOUNT_TEXT.sub("", text.upper())


def _rows(tables: Mapping[str, pa.Table], name: str) -> list[dict]:
    found = tables.get(name)
    return found.to_pylist() if found is not None else []


def _least(known: Any, value: Any) -> Any:
    if known is None:
        return value
    return known if value is None else min(known, value)
