"""Per-number and per-device live state for the online ``fraud_number`` and ``goip`` scores.

Each call and message updates a few small records; ``number_features`` and ``device_features``
turn them into the columns of ``telecom/number_features.sql`` and ``telecom/imei_features.sql``
over everything seen so far (the batch run's period is the store's history, and the service's
state is that history replayed, then each live event). What each figure is, and how exact:

- exact, kept as running figures: counts (calls and SMS out, calls in, answered, short, night,
  office hours, SMS with a link), first call and first SMS, the distinct callees, cells, IMEIs,
  IMSIs, numbers and SMS recipients (sets), the median answered duration (a count per duration:
  as many entries as distinct durations), the contacts aged 60 or more and those who later
  reported a scam (counted as each contact is first reached, against the reference facts);
- exact from the per-pair counts, computed when asked: who called back, one-off callees, the
  SIMs' age, business and unregistered shares, the IMSIs on the number's devices, the calls into
  a device's numbers;
- exact for events in time order (a late event joins them approximately): the rhythm of calls
  (``gap_cv``: a running mean and variance of the gaps under an hour, Welford's method), the peak
  hour's calls and the busiest day's distinct callees (the current hour's and day's are kept);
- exact, worked out when a device is scored: a SIM bank's figures (``bank_imeis``, ``bank_sims``...),
  from the devices side by side with the device (``sim_banks.py``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from scamnet.online.call_backs import CalledBack, called_any
from scamnet.online.detector_refs import References
from scamnet.online.sim_banks import CALLED_BACK_SHARE, SimBanks

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
        """A call at ``t`` to ``callee``; ``when``: at night, in office hours, the local day (``_when``, once per call)."""
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


class TelecomState:
    """Every number's and device's record, updated call by call and message by message."""

    def __init__(self, refs: References, utc_offset_hours: float = 8.0) -> None:
        self.refs = refs
        self.offset_s = round(utc_offset_hours * 3600)
        self.numbers: dict[str, Number] = {}
        self.devices: dict[str, Device] = {}
        self.days: set[int] = set()  # the UTC days a SIM was seen in a device
        self.number_devices: dict[str, set[str]] = {}  # number -> the devices it was used on
        #: the SIM banks' figures worked out since the last event (a call's number and device read the same bank)
        self._banks_now: dict[str, dict[str, Any]] = {}
        self.banks = SimBanks()

    def number(self, msisdn: str) -> Number:
        found = self.numbers.get(msisdn)
        if found is None:
            found = self.numbers[msisdn] = Number()
        return found

    def device(self, imei: str) -> Device:
        found = self.devices.get(imei)
        if found is None:
            found = self.devices[imei] = Device()
        return found

    def caller_of(self, row: Mapping[str, Any]) -> str:
        """The calling SIM's own number where the operator knows the SIM, else the caller id shown."""
        sim = self.refs.sims.get(row.get("caller_imsi") or "")
        return sim.msisdn if sim is not None and sim.msisdn is not None else row["caller"]

    def call(self, row: Mapping[str, Any], t: float | None = None) -> str:
        """Add a call (``row``: the canonical columns of ``calls``; ``t``: its start in seconds, when known); the
        calling number (``caller_of``)."""
        t = _seconds(row["started_at"]) if t is None else t
        self._banks_now.clear()
        caller, callee, imei, cell = self.caller_of(row), row["callee"], row.get("caller_imei"), row.get("caller_cell")
        seconds = row.get("duration_s")
        duration = None if seconds is None else float(seconds)
        answered, when = bool(row.get("answered")), _when(t + self.offset_s)
        number = self.number(caller)
        number.call(t, when, callee, duration, answered, self.refs)
        if cell is not None:
            number.cells.add(cell)
        called = self.number(callee)
        called.calls_in += 1
        self._called(caller, number, callee, called)
        if imei is not None:
            number.imeis.add(imei)
            number.call_imeis.add(imei)
            self.banks.seen(imei, t)
            device = self.device(imei)
            device.call(t, when, callee, duration, answered, self.refs)
            device.back.counted(device.callees, callee)  # before any mark: counted reads who called back already
            if cell is not None:
                device.cells.add(cell)
                self.banks.add(imei, cell, t)
            self._uses(imei, device, row.get("caller_imsi"), caller, t, device.call_sims)
            if device.callees[callee] == 1 and called_any(called.callees, device.numbers):
                device.back.mark(device.callees, callee)
        return caller

    def message(self, row: Mapping[str, Any], t: float | None = None) -> None:
        """Add a message (``row``: the canonical columns of ``messages``; ``t``: when sent in seconds, when known)."""
        t = _seconds(row["sent_at"]) if t is None else t
        sender, imei, imsi = row["sender"], row.get("sender_imei"), row.get("sender_imsi")
        self._banks_now.clear()
        text = row.get("text") or ""
        if sender.startswith("+"):
            number = self.number(sender)
            number.text(t, row["recipient"], text, self.refs)
            if imei is not None:
                number.imeis.add(imei)
        if imei is not None:
            self.banks.seen(imei, t)
            device = self.device(imei)
            device.text(t, row["recipient"], text, self.refs)
            if row.get("sender_cell") is not None:
                self.banks.add(imei, row["sender_cell"], t)
            self._uses(imei, device, imsi, sender, t, device.sms_sims)

    def _called(self, caller: str, number: Number, callee: str, called: Number) -> None:
        """Keep who called back (``call_backs.py``) after ``caller`` (its record ``number``) called ``callee`` (``called``)."""
        number.back.counted(number.callees, callee)
        if number.callees[callee] > 1:
            return
        if caller in called.callees:  # the callee had called the caller: a call-back of the caller's
            number.back.mark(number.callees, callee)
            called.back.mark(called.callees, caller)  # and the caller, of the callee's
        for imei in self.number_devices.get(callee, ()):  # the caller, of each device the callee's number was used on
            device = self.devices[imei]
            if caller in device.callees:
                device.back.mark(device.callees, caller)

    def _uses(self, imei: str, device: Device, imsi: str | None, number: str, t: float, firsts: dict[str, float]) -> None:
        if number not in device.numbers:
            device.numbers.add(number)
            self.number_devices.setdefault(number, set()).add(imei)
            for callee in device.callees:  # those who had called the device's new number are call-backs now
                record = self.numbers.get(callee)
                if callee not in device.back.who and record is not None and number in record.callees:
                    device.back.mark(device.callees, callee)
        if imsi is None:
            return
        device.imsis.add(imsi)
        if imsi not in firsts or t < firsts[imsi]:
            firsts[imsi] = t
        day = int(t // DAY)
        span = device.sim_days.get(imsi)
        if span is None or day < span[0] or day > span[1]:
            device.sim_days[imsi] = (day, day) if span is None else (min(span[0], day), max(span[1], day))
        self.days.add(day)  # a day inside a SIM's span is still a day seen

    # -- features -------------------------------------------------------------------------
    def number_features(self, msisdn: str) -> dict[str, Any] | None:
        """The columns of ``telecom/number_features.sql`` for ``msisdn`` (None: it never called or texted)."""
        number = self.numbers.get(msisdn)
        if number is None or not (number.calls_out or number.sms_out):
            return None
        figures = number.figures()
        activated, business, unregistered = self.refs.numbers.get(msisdn, (None, False, True))
        first = min(t for t in (number.first_call, number.first_sms) if t is not None)
        # a bank's SIMs take turns only where the device's own SIMs lived 2 days short of the period (``_turns``)
        banks = [self.bank_facts(i) for i in number.imeis if i in self.devices and self._may_take_turns(i)]
        return figures | {
            "calls_in": number.calls_in,
            "callback_share": number.back.share(number.callees),
            "one_off_share": number.back.one_off_share(number.callees),
            "imeis": len(number.call_imeis),
            "imsis_on_device": max((len(self.devices[i].imsis) for i in number.imeis if i in self.devices), default=0),
            "bank_sims_taking_turns": max((_turns(b) for b in banks), default=0.0),
            "reports_naming": self.refs.phone_reports.get(msisdn, 0),
            "sim_age_days": None if activated is None else max(_hours_between(activated.timestamp(), first) / 24.0, 0.0),
            "business_plan": business, "unregistered": unregistered,
        }

    def device_features(self, imei: str) -> dict[str, Any] | None:
        """The columns of ``telecom/imei_features.sql`` for ``imei`` (None: it never called or texted)."""
        device = self.devices.get(imei)
        if device is None:
            return None
        figures = device.figures()
        numbers = device.numbers
        sims = [(imsi, t) for imsi, t in (*device.call_sims.items(), *device.sms_sims.items()) if imsi in self.refs.sims]
        ages = [_hours_between(s.activated_at.timestamp(), t) / 24.0
                for s, t in ((self.refs.sims[i], t) for i, t in sims) if s.activated_at is not None]
        return figures | self.bank_facts(imei) | {
            "imsis": len(device.imsis), "numbers": len(numbers),
            "calls_in": sum(self.numbers[n].calls_in for n in numbers if n in self.numbers),
            "callback_share": device.back.share(device.callees),
            "one_off_share": device.back.one_off_share(device.callees),
            "min_sim_age_days": max(min(ages), 0.0) if ages else None,
            "business_share": sum(self.refs.sims[i].business for i, _ in sims) / len(sims) if sims else 0.0,
            "unregistered_share": sum(self.refs.sims[i].holder is None for i, _ in sims) / len(sims) if sims else 1.0,
            "sims": sorted(device.imsis),
        }

    def _one_way(self, device: Device) -> bool:
        """Whether at most a quarter of the people the device reached ever called one of its numbers."""
        back = sum(1 for contact in device.contacts if contact in self.numbers
                   and any(self.numbers[contact].callees.get(n, 0) > 0 for n in device.numbers))
        return back <= CALLED_BACK_SHARE * len(device.contacts)

    def _may_take_turns(self, imei: str) -> bool:
        """Whether ``_turns`` of the device's bank can be above 0 (``own_sim_days`` at most ``period_days`` less 2),
        read from the device alone: the bank's own figures are worked out only then."""
        spans = self.devices[imei].sim_days.values()
        return bool(spans) and max(b - a + 1 for a, b in spans) <= max(self.days) - min(self.days) - 1

    def bank_facts(self, imei: str) -> dict[str, Any]:
        """``_side_by_side.sql``'s figures of the device's SIM bank: itself and the devices side by side with it."""
        found = self._banks_now.get(imei)
        if found is None:
            found = self._banks_now[imei] = self._bank_facts(imei)
        return found

    def _bank_facts(self, imei: str) -> dict[str, Any]:
        device = self.devices[imei]
        if not device.sim_days:
            n = len(device.imsis)
            return {"bank_imeis": 1, "bank_sims": n, "bank_peak_sims": n, "bank_business_sims": 0,
                    "own_sim_days": 0, "period_days": 0}
        members = [self.devices[m] for m in self.banks.bank(imei, lambda: self._one_way(device))
                   if m in self.devices and self.devices[m].sim_days]
        spans: dict[str, tuple[int, int]] = {}
        for member in members:
            for imsi, (a, b) in member.sim_days.items():
                known = spans.get(imsi)
                spans[imsi] = (a, b) if known is None else (min(known[0], a), max(known[1], b))
        alive = [sum(1 for a, b in spans.values() if a <= day <= b) for day in self.days]
        business = sum(1 for imsi in spans if imsi in self.refs.sims and self.refs.sims[imsi].business)
        return {"bank_imeis": len(members), "bank_sims": len(spans), "bank_peak_sims": max(alive),
                "bank_business_sims": business,
                "own_sim_days": max(b - a + 1 for a, b in device.sim_days.values()),
                "period_days": max(self.days) - min(self.days) + 1}


def _turns(bank: dict[str, Any]) -> float:
    if bank["own_sim_days"] > bank["period_days"] - 2 or not bank["bank_sims"]:
        return 0.0
    return (bank["bank_sims"] - bank["bank_peak_sims"]) * (1.0 - bank["bank_business_sims"] / bank["bank_sims"])


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


def _when(local_s: float) -> tuple[bool, bool, float]:
    """A call's local calendar, as ``Actor.call`` counts it: at night, in office hours (weekdays 9 to 17), its day."""
    local_hour = local_s % DAY // HOUR
    day = local_s // DAY
    return local_hour < 6, (day + 3) % 7 + 1 <= 5 and 9 <= local_hour <= 17, day


def _seconds(at: datetime) -> float:
    return at.timestamp()


def _hours_between(start_s: float, end_s: float) -> float:
    """DuckDB's ``date_diff('hour', start, end)``: hour boundaries crossed."""
    return float(math.floor(end_s / HOUR) - math.floor(start_s / HOUR))
