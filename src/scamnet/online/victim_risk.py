"""Victim early warning: how likely it is that the person paying is being scammed right now, with the reasons.

Two halves, both in words an anti-fraud officer would use:

- **What the person went through** in the last days (``exposure.Exposures``, fed by ``note_call`` and
  ``note_message`` as events arrive): reached by a flagged number or gateway, a scam message or a
  risky link received, a long call from a number never in touch before, the same stranger coming
  back on several days, calling a flagged number back, opening a flagged or risky site
  (``note_visit``), a screen-sharing or remote-control app during a login to their bank (``note_session``).
- **What this payment looks like**: a payee never paid before (or first paid in these days), a young
  account, an account seen only lately, a payee on the watchlist, several transfers within the hour,
  a large sum, a device the account never used, a remote-access app in the login before it.

The risk is ``exposure × payment``: each half a noisy-or of its signs' weights (``1 - Π(1 - w)``),
so no sign of exposure means no victim risk however large the payment (a car bought from a dealer
after a long call is the rules' business, not this), and a person worked on by scammers who pays
their usual landlord stays low. The weights are set from what the signs mean, not fitted on any
world (a flagged contact is the strongest exposure; a long call from a stranger alone is weak: banks,
doctors and couriers call too), and `scamnet bench intercept` measures what they catch and hold.

>>> from scamnet.online.exposure import Sign
>>> signs = [Sign(0, "flagged_long_talk", "phone:+8617100000009", 0.6, "talked 12 min with ...", "fake_investment")]
>>> risk = victim_risk(signs, {"new_payee": True, "payee.account_age_d": 20.0, "amount": 20000.0})
>>> round(risk.score, 2), risk.scam_type
(0.42, 'fake_investment')
>>> victim_risk([], {"new_payee": True, "amount": 20000.0}).score
0.0
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from scamnet.online.exposure import Exposures, Sign

#: Weight of each kind of exposure sign (the strongest sign of a kind counts once).
EXPOSURE_WEIGHTS = {
    # What people receive is weak: gateways call thousands a day, SMS blasts reach everyone, and most hang
    # up or ignore them. What they do back is strong: they talk, they call back, they answer in writing.
    "flagged_contact": 0.1,
    "scam_message": 0.15,  # scaled by the message's score
    "risky_link": 0.1,  # received, not known to be opened
    "flagged_contact_answered": 0.35,  # they talked a minute or more with a flagged number
    "flagged_long_talk": 0.6,  # ... five minutes or more: the script is working
    "called_back_flagged": 0.4,  # they called a flagged number themselves
    "wrote_to_flagged": 0.5,  # they answered a flagged number in writing
    "long_stranger_call": 0.2,  # weak alone: banks, doctors and couriers call too
    "repeated_stranger": 0.3,  # the same unknown number on several days: grooming
    # What they open: a site the watchlist knows as a scam's is strong; a link only the URL model finds risky less so
    # (lookalike scores hit some honest small sites too).
    "visited_flagged_site": 0.5,
    "visited_risky_link": 0.3,
    # A screen-sharing or remote-control app during a login to their bank: the scammers' "security check"; also
    # help desks and children helping a parent.
    "remote_access": 0.5,
}
#: A login under a remote-access app this long before a payment counts as the payment's (microseconds).
REMOTE_BEFORE_US = 3_600_000_000
#: A call with a flagged number this long is a long talk (seconds).
LONG_TALK_S = 300.0
#: A call this long from a number never in touch before is a sign (seconds).
LONG_CALL_S = 600.0
#: The same stranger on this many distinct days is a sign.
STRANGER_DAYS = 3


@dataclass(frozen=True)
class Risk:
    """The victim risk of one payment: score in [0, 1], the signs (words), the scam type they point to."""

    score: float
    exposure: float
    payment: float
    reasons: tuple[str, ...]
    scam_type: str | None
    #: Every sign kept on the person, oldest first: their timeline for the officer who calls.
    timeline: tuple[Sign, ...] = ()


def exposure_of(signs: Iterable[Sign]) -> Risk:
    """How worked-on a person is by their ``signs`` alone (before any payment): the noisy-or of each kind's strongest."""
    signs = sorted(signs, key=lambda s: s.at_us)
    strongest: dict[str, Sign] = {}
    for sign in signs:
        if sign.kind not in strongest or sign.weight > strongest[sign.kind].weight:
            strongest[sign.kind] = sign
    ordered = sorted(strongest.values(), key=lambda s: -s.weight)
    exposure = _noisy_or(s.weight for s in ordered)
    return Risk(exposure, exposure, 0.0, tuple(s.text for s in ordered), scam_type_of(signs), tuple(signs))


def scam_type_of(signs: list[Sign]) -> str | None:
    """The scam type of the messages from the counterpart the person engaged with most (talked to, called back,
    answered): a blast from another gang that reached them too does not name the scam they are in.

    >>> blast = Sign(0, "scam_message", "phone:+8617100000001", 0.15, "...", "pig_butchering")
    >>> groomer = [Sign(1, "scam_message", "phone:+8617100000002", 0.1, "...", "boss_impersonation"),
    ...            Sign(2, "flagged_long_talk", "phone:+8617100000002", 0.6, "...", None)]
    >>> scam_type_of([blast, *groomer])
    'boss_impersonation'
    >>> scam_type_of([blast, groomer[1]]) is None  # groomed by calls only: unknown, so the generic script
    True
    """
    engaged: dict[str, float] = {}
    for sign in signs:
        engaged[sign.counterpart] = max(engaged.get(sign.counterpart, 0.0), sign.weight)
    typed = [s for s in signs if s.scam_type]
    if not typed:
        return None
    best = max(typed, key=lambda s: (engaged[s.counterpart], s.weight))
    # the number they engaged with most said nothing typed (calls only): the scam is unknown, not the blast's
    return best.scam_type if engaged[best.counterpart] >= max(engaged.values()) else None


def victim_risk(signs: Iterable[Sign], context: Mapping[str, Any]) -> Risk:
    """The risk of a payment with rule context ``context`` by a person with exposure ``signs``."""
    exposed = exposure_of(signs)
    payment_signs = _payment_signs(context)
    payment = _noisy_or(w for w, _ in payment_signs)
    if exposed.exposure == 0.0 or payment == 0.0:
        return Risk(0.0, exposed.exposure, payment, (), None)
    return Risk(exposed.exposure * payment, exposed.exposure, payment,
                exposed.reasons + tuple(text for _, text in payment_signs), exposed.scam_type, exposed.timeline)


def _payment_signs(context: Mapping[str, Any]) -> list[tuple[float, str]]:
    found: list[tuple[float, str]] = []
    if context.get("new_payee"):
        found.append((0.5, "pays an account they never paid before"))
    elif context.get("payee.first_paid_lately"):
        found.append((0.4, "pays an account they first paid in these days"))
    age = context.get("payee.account_age_d")
    if age is not None and age < 90:
        found.append((0.3, f"the payee's account is {age:.0f} days old"))
    seen = context.get("payee.first_seen_age_h")
    if seen is not None and seen < 72 and (age is None or age >= 90):
        found.append((0.25, f"the payee's account moved money for the first time {seen:.0f} h ago"))
    if context.get("payee.on_watchlist"):
        found.append((0.6, f"the payee is on the watchlist (score {context.get('payee.mule_score') or 0:.2f})"))
    if (context.get("payer.transfers_1h") or 0) >= 2:
        found.append((0.2, f"{context['payer.transfers_1h']:.0f} transfers already in the last hour"))
    if (context.get("amount") or 0) >= 5000:
        found.append((0.15, f"a large sum ({context['amount']:,.2f})"))
    if context.get("payer.remote_access"):
        found.append((0.5, f"paid under a screen-sharing or remote-access app ({context['payer.remote_access']})"))
    if context.get("payer.new_device"):
        found.append((0.25, f"paid from a device the account never used ({context['payer.new_device']})"))
    return found


def _noisy_or(weights: Iterable[float]) -> float:
    missed = 1.0
    for w in weights:
        missed *= 1.0 - min(max(w, 0.0), 1.0)
    return 1.0 - missed


def note_call(exposures: Exposures, at_us: int, row: Mapping[str, Any], listed: Callable[[str], tuple[str, float] | None],
              strangers: Callable[[str, str], bool]) -> list[str]:
    """The signs a call leaves on the caller's and the callee's numbers; the numbers that got a sign."""
    caller, callee = row.get("caller"), row.get("callee")
    if not (caller and callee):
        return []
    marked: list[str] = []
    talked = bool(row.get("answered")) and float(row.get("duration_s") or 0) >= 60
    by = listed(f"phone:{caller}")
    if by is None and row.get("caller_imei"):
        by = listed(f"imei:{row['caller_imei']}")
    if by is not None:
        seconds = float(row.get("duration_s") or 0) if row.get("answered") else 0.0
        kind = "flagged_long_talk" if seconds >= LONG_TALK_S else "flagged_contact_answered" if talked else "flagged_contact"
        exposures.add(callee, Sign(at_us, kind, f"phone:{caller}", EXPOSURE_WEIGHTS[kind],
                                   f"called by {caller}, flagged by {by[0]} (score {by[1]:.2f})"
                                   + (f", and talked {float(row['duration_s']) / 60:.0f} min" if talked else ""), None))
        marked.append(callee)
    back = listed(f"phone:{callee}")
    if back is not None:
        exposures.add(caller, Sign(at_us, "called_back_flagged", f"phone:{callee}", EXPOSURE_WEIGHTS["called_back_flagged"],
                                   f"called {callee} themselves, a number flagged by {back[0]}", None))
        marked.append(caller)
    first_met_as_stranger = strangers(caller, callee) or exposures.follows(callee, caller)
    if first_met_as_stranger and _stranger_signs(exposures, at_us, callee, caller, row, talked and by is None):
        marked.append(callee)
    return marked


def _stranger_signs(exposures: Exposures, at_us: int, person: str, stranger: str, row: Mapping[str, Any],
                    talked: bool) -> bool:
    days = exposures.stranger_days(person, stranger, at_us)
    long_call = talked and float(row.get("duration_s") or 0) >= LONG_CALL_S
    if long_call:
        exposures.add(person, Sign(at_us, "long_stranger_call", f"phone:{stranger}", EXPOSURE_WEIGHTS["long_stranger_call"],
                                   f"a {float(row['duration_s']) / 60:.0f} min call from {stranger}, never in touch before", None))
    if days >= STRANGER_DAYS:
        exposures.add(person, Sign(at_us, "repeated_stranger", f"phone:{stranger}", EXPOSURE_WEIGHTS["repeated_stranger"],
                                   f"{stranger}, never in touch before, reached them on {days} days", None))
    return long_call or days >= STRANGER_DAYS


def note_message(exposures: Exposures, at_us: int, row: Mapping[str, Any], findings: Iterable[tuple[str, str, float]],
                 scam_type: str | None, listed: Callable[[str], tuple[str, float] | None]) -> list[str]:
    """The signs a message leaves on its recipient's number (``findings``: the content detectors' on it, as
    ``(detector, subject, score)``); the numbers that got a sign."""
    sender, recipient = row.get("sender"), row.get("recipient")
    if not recipient:
        return []
    marked = False
    for detector, subject, score in findings:
        if detector == "scam_text":
            exposures.add(recipient, Sign(at_us, "scam_message", f"phone:{sender}", EXPOSURE_WEIGHTS["scam_message"] * score,
                                          f"a scam message from {sender} ({scam_type or 'scam'}, score {score:.2f})", scam_type))
        elif detector == "url_risk":
            exposures.add(recipient, Sign(at_us, "risky_link", subject, EXPOSURE_WEIGHTS["risky_link"],
                                          f"a risky link from {sender}: {subject}", scam_type))
        marked = marked or detector in ("scam_text", "url_risk")
    by = listed(f"phone:{sender}") if sender else None
    if by is not None:
        exposures.add(recipient, Sign(at_us, "flagged_contact", f"phone:{sender}", EXPOSURE_WEIGHTS["flagged_contact"],
                                      f"a message from {sender}, flagged by {by[0]} (score {by[1]:.2f})", scam_type))
        marked = True
    to = listed(f"phone:{recipient}")
    if to is not None and sender:
        exposures.add(sender, Sign(at_us, "wrote_to_flagged", f"phone:{recipient}", EXPOSURE_WEIGHTS["wrote_to_flagged"],
                                   f"wrote to {recipient}, a number flagged by {to[0]}", None))
        return [recipient, sender] if marked else [sender]
    return [recipient] if marked else []


def note_visit(exposures: Exposures, at_us: int, row: Mapping[str, Any], flagged: tuple[str, str, float] | None,
               risky: tuple[str, float, str] | None) -> list[str]:
    """The sign a web visit leaves on the visitor's number: a site the watchlist lists (``flagged``: entity, by whom,
    score) or a link ``url_risk`` finds risky (``risky``: the link, its score, why); the numbers that got a sign."""
    phone, url = row.get("msisdn"), row.get("url")
    if not phone:
        return []  # an in-app browser's visit names a device, not a person's number
    if flagged is not None:
        entity, by, score = flagged
        exposures.add(phone, Sign(at_us, "visited_flagged_site", entity, EXPOSURE_WEIGHTS["visited_flagged_site"],
                                  f"opened {url}, {entity} flagged by {by} (score {score:.2f})", None))
        return [phone]
    if risky is not None:
        link, score, why = risky
        exposures.add(phone, Sign(at_us, "visited_risky_link", f"url:{link}", EXPOSURE_WEIGHTS["visited_risky_link"],
                                  f"opened {url}, a risky link (url_risk {score:.2f}: {why})", None))
        return [phone]
    return []


def note_session(exposures: Exposures, at_us: int, phone: str | None, row: Mapping[str, Any]) -> list[str]:
    """The sign a login under a screen-sharing or remote-access app leaves on the account holder's number."""
    if not (phone and row.get("remote_access")):
        return []
    exposures.add(phone, Sign(at_us, "remote_access", f"device:{row.get('device_id')}", EXPOSURE_WEIGHTS["remote_access"],
                              f"a screen-sharing or remote-access app was active during a login to account "
                              f"{row.get('account_id')} from device {row.get('device_id')}", None))
    return [phone]
