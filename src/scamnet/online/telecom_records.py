"""The records ``TelecomState`` keeps per number and per device (``telecom_state.py`` says what each figure is).

A call's or message's update is a few running figures on these records (counts, first times,
the callees and contacts, the rhythm's running mean and variance); ``Actor.figures`` reads the
calling-rhythm and contact-fact columns off them.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from scamnet.online.call_backs import CalledBack
from scamnet.online.detector_refs import References

#: The batch query's test for a link in an SMS (``_contact_facts.sql``), in Python's syntax.
LINK = re.compile(r"https?://|www\.|[a-z0-9-]+\.(com|cn|net|org|top|xyz|cc|vip|info|io|app|shop|site|online|link|me|co)(/|\b)")
HOUR, DAY = 3600, 86400
_YEAR_S = 31556952


@dataclass(slots=True)
class Actor:
    """How one number or device calls and texts (the calling rhythm and text facts of the batch fragments)."""

    calls_out: int = 0
    answered: int = 0
    short: int = 0
    night: int = 0
    office: int = 0
    first_call: float | None = None
    durations: dict[float, int] = field(default_factory=dict)
    callees: dict[str, int] = field(default_factory=dict)  # callee -> calls
    back: CalledBack = field(default_factory=CalledBack)  # the callees who called back (``call_backs.py``)
    contacts: dict[str, float] = field(default_factory=dict)  # contact -> first time reached (call or SMS)
    cells: set[str] = field(default_factory=set)
    # the rhythm: the last call's time and a running mean and variance of the gaps under an hour
    last_t: float | None = None
    gaps: int = 0
    gap_mean: float = 0.0
    gap_m2: float = 0.0
    hour: float = -1.0
    hour_calls: int = 0
    peak_hour: int = 0
    day: float = -1.0
    day_callees: set[str] = field(default_factory=set)
    peak_day: int = 0
    sms_out: int = 0
    sms_links: int = 0
    first_sms: float | None = None
    sms_recipients: set[str] = field(default_factory=set)
    # contacts aged 60 or more, and those who later reported a scam, counted as each contact is first reached
    aged: int = 0
    aged_of: int = 0
    reporting: int = 0

    def call(self, t: float, when: tuple[bool, bool, float], callee: str, duration: float | None, answered: bool,
             refs: References) -> None:
        """A call at ``t`` to ``callee``; ``when``: at night, in office hours, the local day (``call_calendar``, once per call)."""
        self.calls_out += 1
        first = self.first_call
        if first is None or t < first:
            self.first_call = t
        if answered:
            self.answered += 1
            if duration is not None:
                durations = self.durations
                durations[duration] = durations.get(duration, 0) + 1
                self.short += duration < 30
        night, office, day = when
        self.night += night
        self.office += office
        callees = self.callees
        callees[callee] = callees.get(callee, 0) + 1
        known = self.contacts.get(callee)
        if known is None or t < known:
            self._reached(callee, t, refs)
        self._rhythm(t, day, callee)

    def text(self, t: float, recipient: str, text: str, refs: References) -> None:
        self.sms_out += 1
        self.sms_links += LINK.search(text.lower()) is not None
        self.first_sms = t if self.first_sms is None else min(self.first_sms, t)
        self.sms_recipients.add(recipient)
        self._reached(recipient, t, refs)

    def _reached(self, contact: str, t: float, refs: References) -> None:
        known = self.contacts.get(contact)
        if known is not None and t >= known:
            return
        if known is not None:  # reached earlier than thought (a late event): count it again from then
            self._count_contact(contact, known, refs, -1)
        self.contacts[contact] = t
        self._count_contact(contact, t, refs, 1)

    def _count_contact(self, contact: str, first: float, refs: References, sign: int) -> None:
        years = refs.birth_years.get(contact, ())
        if years:  # aged 60 or more in the year of ``first`` (whole years, as the batch query)
            this_year = math.floor(first / _YEAR_S) + 1970
            self.aged += sign * sum(this_year - y >= 60 for y in years)
            self.aged_of += sign * len(years)
        reported = refs.victim_numbers.get(contact)
        self.reporting += sign * (reported is not None and reported.timestamp() >= first)

    def _rhythm(self, t: float, day: float, callee: str) -> None:
        last = self.last_t
        if last is not None and 0 <= t - last < HOUR:
            gap = t - last
            self.gaps += 1
            delta = gap - self.gap_mean
            self.gap_mean += delta / self.gaps
            self.gap_m2 += delta * (gap - self.gap_mean)
        if last is None or t > last:
            self.last_t = t
        hour = t // HOUR
        if hour != self.hour:
            self.hour, self.hour_calls = hour, 0
        self.hour_calls += 1
        if self.hour_calls > self.peak_hour:
            self.peak_hour = self.hour_calls
        if day != self.day:
            self.day, self.day_callees = day, set()
        self.day_callees.add(callee)
        if len(self.day_callees) > self.peak_day:
            self.peak_day = len(self.day_callees)

    def figures(self) -> dict[str, Any]:
        """The columns of ``_calling_rhythm.sql`` and ``_contact_facts.sql`` for this actor."""
        answered = self.answered
        gap_cv = math.sqrt(self.gap_m2 / self.gaps) / self.gap_mean if self.gaps >= 3 and self.gap_mean > 0 else 1.0
        return {
            "calls_out": self.calls_out,
            "answered_share": answered / self.calls_out if self.calls_out else 0.0,
            "median_duration_s": _median(self.durations),
            "short_share": self.short / answered if answered else 0.0,
            "night_share": self.night / self.calls_out if self.calls_out else 0.0,
            "office_hours_share": self.office / self.calls_out if self.calls_out else 0.0,
            "gap_cv": gap_cv, "peak_hour_calls": self.peak_hour, "peak_day_callees": self.peak_day,
            "callees": len(self.callees), "cells": len(self.cells),
            "sms_out": self.sms_out, "sms_recipients": len(self.sms_recipients),
            "sms_link_share": self.sms_links / self.sms_out if self.sms_out else 0.0,
            "elderly_share": self.aged / self.aged_of if self.aged_of else 0.0,
            "contacts_reporting": self.reporting,
        }


@dataclass(slots=True)
class Number(Actor):
    """A phone number: its calling and texting, the calls it received, the devices it used."""

    calls_in: int = 0
    imeis: set[str] = field(default_factory=set)  # devices it called or texted from
    call_imeis: set[str] = field(default_factory=set)


@dataclass(slots=True)
class Device(Actor):
    """A device (IMEI): its calling and texting, the SIMs and numbers seen in it, each SIM's days."""

    imsis: set[str] = field(default_factory=set)
    numbers: set[str] = field(default_factory=set)
    call_sims: dict[str, float] = field(default_factory=dict)  # imsi -> first call with it
    sms_sims: dict[str, float] = field(default_factory=dict)  # imsi -> first SMS with it
    sim_days: dict[str, tuple[int, int]] = field(default_factory=dict)  # imsi -> (first, last) UTC day
    own_sim_days: int = 0  # the longest of its SIMs' spans in days (spans only grow)
    sims_changed: int = 0  # how many times a SIM's first call or SMS moved: the SIM facts kept below are then stale
    sim_facts: tuple[int, float | None, float, float] | None = None  # (sims_changed, min age, business, unregistered)
    sims_sorted: list[str] = field(default_factory=list)  # its IMSIs sorted, made again when one is added


def _median(counts: dict[float, int]) -> float:
    """The median of values given as value -> how many times (the mean of the two middle ones, as DuckDB's)."""
    total = sum(counts.values())
    if not total:
        return 0.0
    low, high, seen, found = (total - 1) // 2, total // 2, 0, []
    for value in sorted(counts):
        n = counts[value]
        for rank in (low, high):
            if seen <= rank < seen + n:
                found.append(value)
        seen += n
        if len(found) == 2:
            break
    return (found[0] + found[1]) / 2


def call_calendar(local_s: float) -> tuple[bool, bool, float]:
    """A call's local calendar, as ``Actor.call`` counts it: at night, in office hours (weekdays 9 to 17), its day."""
    local_hour = local_s % DAY // HOUR
    day = local_s // DAY
    return local_hour < 6, (day + 3) % 7 + 1 <= 5 and 9 <= local_hour <= 17, day
