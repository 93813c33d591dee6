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
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from scamnet.online.call_backs import called_any
from scamnet.online.detector_refs import References
from scamnet.online.sim_banks import CALLED_BACK_SHARE, SimBanks
from scamnet.online.telecom_records import DAY, HOUR, Device, Number, call_calendar


class TelecomState:
    """Every number's and device's record, updated call by call and message by message."""

    def __init__(self, refs: References, utc_offset_hours: float = 8.0) -> None:
        self.refs = refs
        self.offset_s = round(utc_offset_hours * 3600)
        self.numbers: dict[str, Number] = {}
        self.devices: dict[str, Device] = {}
        self.days: set[int] = set()  # the UTC days a SIM was seen in a device
        self.day_range: tuple[int, int] = (0, -1)  # the first and last of them (none yet: an empty range)
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
        answered, when = bool(row.get("answered")), call_calendar(t + self.offset_s)
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
            device.sims_changed += 1
        day = int(t // DAY)
        span = device.sim_days.get(imsi)
        if span is None or day < span[0] or day > span[1]:
            span = device.sim_days[imsi] = (day, day) if span is None else (min(span[0], day), max(span[1], day))
            device.own_sim_days = max(device.own_sim_days, span[1] - span[0] + 1)
        if day not in self.days:  # a day inside a SIM's span may still be new
            self.days.add(day)
            low, high = self.day_range
            self.day_range = (day, day) if low > high else (min(low, day), max(high, day))

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
        figures.update({
            "calls_in": number.calls_in,
            "callback_share": number.back.share(number.callees),
            "one_off_share": number.back.one_off_share(number.callees),
            "imeis": len(number.call_imeis),
            "imsis_on_device": max((len(self.devices[i].imsis) for i in number.imeis if i in self.devices), default=0),
            "bank_sims_taking_turns": max((_turns(b) for b in banks), default=0.0),
            "reports_naming": self.refs.phone_reports.get(msisdn, 0),
            "sim_age_days": None if activated is None else max(_hours_between(activated.timestamp(), first) / 24.0, 0.0),
            "business_plan": business, "unregistered": unregistered,
        })
        return figures

    def device_features(self, imei: str) -> dict[str, Any] | None:
        """The columns of ``telecom/imei_features.sql`` for ``imei`` (None: it never called or texted)."""
        device = self.devices.get(imei)
        if device is None:
            return None
        figures = device.figures()
        numbers = device.numbers
        figures.update(self.bank_facts(imei))
        if len(device.sims_sorted) != len(device.imsis):  # IMSIs are only added
            device.sims_sorted = sorted(device.imsis)
        if device.sim_facts is None or device.sim_facts[0] != device.sims_changed:
            device.sim_facts = (device.sims_changed, *self._sim_facts(device))
        _, min_age, business, unregistered = device.sim_facts
        figures.update({
            "imsis": len(device.imsis), "numbers": len(numbers),
            "calls_in": sum(self.numbers[n].calls_in for n in numbers if n in self.numbers),
            "callback_share": device.back.share(device.callees),
            "one_off_share": device.back.one_off_share(device.callees),
            "min_sim_age_days": min_age, "business_share": business, "unregistered_share": unregistered,
            "sims": device.sims_sorted,
        })
        return figures

    def _sim_facts(self, device: Device) -> tuple[float | None, float, float]:
        """The device's SIMs' least age when first used in it, and their business and unregistered shares (as
        ``imei_features.sql``: over its SIMs' first calls and first SMS, those the operator knows)."""
        sims = [(imsi, t) for imsi, t in (*device.call_sims.items(), *device.sms_sims.items()) if imsi in self.refs.sims]
        ages = [_hours_between(s.activated_at.timestamp(), t) / 24.0
                for s, t in ((self.refs.sims[i], t) for i, t in sims) if s.activated_at is not None]
        return (max(min(ages), 0.0) if ages else None,
                sum(self.refs.sims[i].business for i, _ in sims) / len(sims) if sims else 0.0,
                sum(self.refs.sims[i].holder is None for i, _ in sims) / len(sims) if sims else 1.0)

    def _one_way(self, device: Device) -> bool:
        """Whether at most a quarter of the people the device reached ever called one of its numbers."""
        back = sum(1 for contact in device.contacts if contact in self.numbers
                   and any(self.numbers[contact].callees.get(n, 0) > 0 for n in device.numbers))
        return back <= CALLED_BACK_SHARE * len(device.contacts)

    def _may_take_turns(self, imei: str) -> bool:
        """Whether ``_turns`` of the device's bank can be above 0 (``own_sim_days`` at most ``period_days`` less 2),
        read from the device alone: the bank's own figures are worked out only then."""
        device = self.devices[imei]
        return bool(device.sim_days) and device.own_sim_days <= self.day_range[1] - self.day_range[0] - 1

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
                "own_sim_days": device.own_sim_days, "period_days": self.day_range[1] - self.day_range[0] + 1}


def _turns(bank: dict[str, Any]) -> float:
    if bank["own_sim_days"] > bank["period_days"] - 2 or not bank["bank_sims"]:
        return 0.0
    return (bank["bank_sims"] - bank["bank_peak_sims"]) * (1.0 - bank["bank_business_sims"] / bank["bank_sims"])


def _seconds(at: datetime) -> float:
    return at.timestamp()


def _hours_between(start_s: float, end_s: float) -> float:
    """DuckDB's ``date_diff('hour', start, end)``: hour boundaries crossed."""
    return float(math.floor(end_s / HOUR) - math.floor(start_s / HOUR))
