"""The decision service's watch over people being scammed: signs kept as events arrive, risk on each payment, tasks.

``VictimWatch`` is the victim side of the ``Decider``: each call and message leaves its signs on the
numbers it reached (``victim_risk.note_call``, ``note_message``), each web visit to a flagged or risky
site on the visitor (``note_visit``), each login under a remote-access app on the account holder
(``note_session``); it keeps the devices each account used, so a payment from a new one shows; a person worked on hard enough
gets a dissuasion task before any payment (``exposure_alert``); and each transfer gets the payer's
victim risk as a reason, holding it and opening a task at the high tier (``dissuasion``). The
tasks wait in ``tasks`` until the service takes them (``take_tasks``) to journal and queue them.
At start the signs of the stored history's last days are recovered from the watchlist
(``seed``): calls and messages from listed numbers, messages the batch run flagged, visits to listed
sites, logins under a remote-access app, and the devices every account used.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any, Protocol

import pyarrow as pa
import pyarrow.compute as pc

from scamnet.core.enums import Action
from scamnet.online.content import Judged, LiveMessages, link_entities
from scamnet.online.context import History
from scamnet.online.dissuasion import Task, VictimPolicy, new_task
from scamnet.online.events import microseconds, rows_in_time_order
from scamnet.online.exposure import Exposures
from scamnet.online.reason import Reason
from scamnet.online.victim_risk import (
    REMOTE_BEFORE_US,
    exposure_of,
    note_call,
    note_message,
    note_session,
    note_visit,
    victim_risk,
)
from scamnet.online.watchlist import Watchlist

DAY_US = 86_400_000_000


class Decider(Protocol):
    """What the watch reads of the decider (``decider.Decider``): accounts, pay history, contacts, listings, texts."""

    profiles: Mapping[str, Any]
    history: History
    messages: LiveMessages
    watchlist: Watchlist

    def listed(self, entity: str) -> tuple[str, float] | None: ...

    def judged_text(self, text: str) -> Judged | None: ...


class VictimWatch:
    """Signs per person, the victim risk of payments, and the dissuasion tasks opened (one per person a day)."""

    def __init__(self, policy: VictimPolicy) -> None:
        self.policy = policy
        self.exposures = Exposures()
        #: Dissuasion tasks opened since the service last took them (``take_tasks``).
        self.tasks: list[Task] = []
        self.tasked_at: dict[str, int] = {}  # phone → when its last task was opened
        self.task_of: dict[str, Task] = {}  # phone → its last task
        self._holders_of: tuple[Mapping[str, Any], dict[str, tuple[str | None, str]]] | None = None
        #: account → device → when the account first used it (logins and payments)
        self.devices: dict[str, dict[str, int]] = {}
        #: account → (when, device) of its last login under a remote-access app
        self.remote_logins: dict[str, tuple[int, str]] = {}

    def take_tasks(self) -> list[Task]:
        """The tasks opened since the last call, in the order opened."""
        taken, self.tasks = self.tasks, []
        return taken

    def note(self, decider: Decider, kind: str, row: Mapping[str, Any], reasons: Iterable[Reason] = ()) -> None:
        """Keep the signs a call or message leaves on the people it reached (before it joins the live state);
        ``reasons``: the decision's on it (the content detectors' findings among them)."""
        if kind == "call":
            at_us = microseconds(row["started_at"])
            marked = note_call(self.exposures, at_us, row, decider.listed, decider.messages.context.strangers)
        elif kind == "message":
            at_us = microseconds(row["sent_at"])
            found = [(r.name, str(r.evidence["on"]), float(r.evidence["score"])) for r in reasons if r.source == "detector"]
            judged = decider.judged_text(row.get("text") or "") if found else None
            marked = note_message(self.exposures, at_us, row, found,
                                  judged.scam_type if judged is not None else None, decider.listed)
        elif kind == "link_visit":
            at_us = microseconds(row["ts"])
            marked = note_visit(self.exposures, at_us, row, _flagged(reasons), _risky(reasons))
        elif kind == "session":
            at_us = microseconds(row["ts"])
            marked = self._session(decider, at_us, row)
        else:
            if kind == "transfer" and row.get("src_account") and row.get("src_device"):
                self._used(row["src_account"], row["src_device"], microseconds(row["ts"]))
            return
        when: datetime = row["started_at"] if kind == "call" else row["sent_at"] if kind == "message" else row["ts"]
        for phone in marked:
            self._exposure_task(decider, phone, at_us, when)

    def _session(self, decider: Decider, at_us: int, row: Mapping[str, Any]) -> list[str]:
        """A login: the device joins the account's, and a remote-access app leaves its sign on the holder."""
        account, device = row.get("account_id"), row.get("device_id")
        if not account:
            return []
        if device:
            self._used(account, device, at_us)
        if not row.get("remote_access"):
            return []
        self.remote_logins[account] = (at_us, str(device))
        return note_session(self.exposures, at_us, getattr(decider.profiles.get(account), "msisdn", None), row)

    def _used(self, account: str, device: str, at_us: int) -> None:
        used = self.devices.setdefault(account, {})
        used[device] = min(used.get(device, at_us), at_us)

    def payment_devices(self, row: Mapping[str, Any], at_us: int) -> dict[str, str | None]:
        """The payer's device signs: a device the account never used before this day (when it used others), and a
        login under a remote-access app in the hour before; each in words, or None."""
        src, device = row.get("src_account"), row.get("src_device")
        used = self.devices.get(src, {}) if src else {}
        first = used.get(device) if device else None
        older = any(t < at_us - DAY_US for d, t in used.items() if d != device)
        new = None
        if device and older and (first is None or first >= at_us - DAY_US):
            new = f"device {device}, " + ("first seen now" if first is None else f"first used {(at_us - first) / 3.6e9:.1f} h ago")
        remote = self.remote_logins.get(src) if src else None
        near = remote is not None and at_us - REMOTE_BEFORE_US <= remote[0] <= at_us
        return {"payer.new_device": new,
                "payer.remote_access": f"login from {remote[1]} {(at_us - remote[0]) / 6e7:.0f} min before" if near and remote else None}

    def visit_reasons(self, decider: Decider, row: Mapping[str, Any]) -> tuple[list[Reason], list[str], list[float]]:
        """The decision's reasons on a web visit: the site on the watchlist, and ``url_risk`` on the link."""
        url = str(row.get("url") or "")
        reasons = decider.watchlist.reasons(link_entities(url), Action.WARN)
        judged = decider.judged_text(url)
        scores = []
        for link in judged.links if judged is not None else ():
            if link.is_risky:
                scores.append(link.score)
                reasons.append(Reason("detector", "url_risk", Action.WARN,
                                      {"on": link.given, "score": round(link.score, 4), "cues": list(link.reasons())},
                                      "; ".join(link.reasons())))
        return reasons, [], scores

    def _exposure_task(self, decider: Decider, phone: str, at_us: int, when: datetime) -> None:
        """A call from the anti-fraud centre, before any payment, for a person this worked on."""
        exposed = exposure_of(self.exposures.signs_of(phone, at_us))
        holder = self._holders(decider.profiles).get(phone)
        if exposed.score < self.policy.exposure_alert or holder is None or not self._first_task_today(phone, at_us):
            return
        self._open(phone, new_task(exposed, when, holder[0], phone, holder[1], None, 0.0))

    def _open(self, phone: str, task: Task) -> None:
        self.task_of[phone] = task
        self.tasks.append(task)

    def transfer_reason(self, decider: Decider, row: Mapping[str, Any],
                        context: Mapping[str, Any]) -> tuple[Reason, float] | None:
        """The payer's victim risk as a reason (and a task when it holds the payment), or None below the low tier."""
        src, dst = row.get("src_account"), row.get("dst_account")
        profile = decider.profiles.get(src) if src else None
        phone = getattr(profile, "msisdn", None)
        if not phone:  # no phone on file: no signs to read
            return None
        at_us = microseconds(row["ts"])
        signs = self.exposures.signs_of(phone, at_us)
        if not signs:
            return None
        first = decider.history.first_paid_us(src, dst) if src and dst else None
        lately = first is not None and first >= at_us - self.exposures.keep_us
        risk = victim_risk(signs, {**context, "payee.first_paid_lately": lately, **self.payment_devices(row, at_us)})
        chosen = self.policy.action(risk.score)
        if chosen is None:
            return None
        action, how = chosen
        evidence: dict[str, Any] = {
            "risk": round(risk.score, 4), "exposure": round(risk.exposure, 4), "payment": round(risk.payment, 4),
            "scam_type": risk.scam_type, "signs": list(risk.reasons), "warning": how}
        if action == Action.HOLD and phone:
            if self._first_task_today(phone, at_us):
                task = new_task(risk, row["ts"], getattr(profile, "holder_id", None), phone, src, row.get("txn_id"),
                                float(row["amount"]))
            else:  # already in today's queue: the task now holds this payment too
                task = self.task_of[phone].holding(row.get("txn_id"), float(row["amount"]), row["ts"], risk)
            self._open(phone, task)
            evidence["task"] = task.task_id
        text = f"the payer may be being scammed now (risk {risk.score:.2f}; {how}): " + "; ".join(risk.reasons[:3])
        return Reason("victim", "victim_risk", action, evidence, text), risk.score

    def seed(self, decider: Decider, tables: Mapping[str, pa.Table]) -> None:
        """The signs of the history's last days: calls and messages from listed numbers, messages the batch flagged.

        The texts are not judged again at start; a message the batch run flagged (``msg:`` listed by
        ``scam_text``) counts as a scam message. Long calls and returning strangers of those days are not recovered.
        """
        recent = {}
        for name, column in (("calls", "started_at"), ("messages", "sent_at")):
            rows = tables.get(name)
            if rows is not None and rows.num_rows:
                since = pc.max(rows[column]).as_py() - timedelta(microseconds=self.exposures.keep_us)
                recent[name] = rows.filter(pc.greater_equal(rows[column], pa.scalar(since, rows.schema.field(column).type)))
        for name, column in (("link_visits", "ts"), ("sessions", "ts")):
            rows = tables.get(name)
            if rows is not None and rows.num_rows:
                since = pc.max(rows[column]).as_py() - timedelta(microseconds=self.exposures.keep_us)
                recent[name] = rows.filter(pc.greater_equal(rows[column], pa.scalar(since, rows.schema.field(column).type)))
        self._seed_devices(tables)
        for kind, row in rows_in_time_order(recent):
            if kind == "call":
                note_call(self.exposures, microseconds(row["started_at"]), row, decider.listed, lambda a, b: False)
            elif kind == "link_visit":
                note_visit(self.exposures, microseconds(row["ts"]), row, _flagged(decider.watchlist.reasons(
                    link_entities(str(row.get("url") or "")), Action.WARN)), None)
            elif kind == "session":
                if row.get("remote_access") and row.get("account_id"):
                    self._session(decider, microseconds(row["ts"]), row)
            else:
                flagged = decider.listed(f"msg:{row.get('msg_id')}")
                found = [("scam_text", "text", flagged[1])] if flagged and flagged[0] == "scam_text" else []
                note_message(self.exposures, microseconds(row["sent_at"]), row, found, None, decider.listed)

    def _seed_devices(self, tables: Mapping[str, pa.Table]) -> None:
        """The devices each account used in the history (logins and payments), each with its first time."""
        for name, account, device in (("sessions", "account_id", "device_id"), ("transfers", "src_account", "src_device")):
            rows = tables.get(name)
            if rows is None or not rows.num_rows:
                continue
            times = rows["ts"].cast(pa.timestamp("us", tz="UTC")).cast(pa.int64()).to_pylist()
            for a, d, t in zip(rows[account].to_pylist(), rows[device].to_pylist(), times, strict=True):
                if a and d:
                    self._used(a, d, t)

    def _first_task_today(self, phone: str, at_us: int) -> bool:
        if self.tasked_at.get(phone, -2 * DAY_US) >= at_us - DAY_US:
            return False
        self.tasked_at[phone] = at_us
        return True

    def _holders(self, profiles: Mapping[str, Any]) -> dict[str, tuple[str | None, str]]:
        """Phone number → (person, an account) of the people the profiles name (made again when they change)."""
        if self._holders_of is None or self._holders_of[0] is not profiles:
            found: dict[str, tuple[str | None, str]] = {}
            for account, profile in profiles.items():
                phone = getattr(profile, "msisdn", None)
                if phone and profile.holder_type == "person":
                    found.setdefault(phone, (getattr(profile, "holder_id", None), account))
            self._holders_of = (profiles, found)
        return self._holders_of[1]


def _flagged(reasons: Iterable[Reason]) -> tuple[str, str, float] | None:
    """The watchlist's listing of a visited site among ``reasons``: (entity, listed by, score)."""
    for r in reasons:
        if r.source == "watchlist":
            return str(r.evidence["entity"]), str(r.evidence["listed_by"]), float(r.evidence["score"])
    return None


def _risky(reasons: Iterable[Reason]) -> tuple[str, float, str] | None:
    """``url_risk``'s finding on a visited link among ``reasons``: (link, score, why)."""
    for r in reasons:
        if r.source == "detector" and r.name == "url_risk":
            return str(r.evidence["on"]), float(r.evidence["score"]), r.text
    return None
