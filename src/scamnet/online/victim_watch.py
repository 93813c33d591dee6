"""The decision service's watch over people being scammed: signs kept as events arrive, risk on each payment, tasks.

``VictimWatch`` is the victim side of the ``Decider``: each call and message leaves its signs on the
numbers it reached (``victim_risk.note_call``, ``note_message``); a person worked on hard enough
gets a dissuasion task before any payment (``exposure_alert``); and each transfer gets the payer's
victim risk as a reason, holding it and opening a task at the high tier (``dissuasion``). The
tasks wait in ``tasks`` until the service takes them (``take_tasks``) to journal and queue them.
At start the signs of the stored history's last days are recovered from the watchlist
(``seed``): calls and messages from listed numbers, messages the batch run flagged.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any, Protocol

import pyarrow as pa
import pyarrow.compute as pc

from scamnet.core.enums import Action
from scamnet.online.content import Judged, LiveMessages
from scamnet.online.context import History
from scamnet.online.dissuasion import Task, VictimPolicy, new_task
from scamnet.online.events import microseconds, rows_in_time_order
from scamnet.online.exposure import Exposures
from scamnet.online.reason import Reason
from scamnet.online.victim_risk import exposure_of, note_call, note_message, victim_risk

DAY_US = 86_400_000_000


class Decider(Protocol):
    """What the watch reads of the decider (``decider.Decider``): accounts, pay history, contacts, listings, texts."""

    profiles: Mapping[str, Any]
    history: History
    messages: LiveMessages

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
                                  judged.text.scam_type if judged is not None else None, decider.listed)
        else:
            return
        when: datetime = row["started_at"] if kind == "call" else row["sent_at"]
        for phone in marked:
            self._exposure_task(decider, phone, at_us, when)

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
        at_us = microseconds(row["ts"])
        signs = self.exposures.signs_of(phone, at_us)
        if not signs:
            return None
        first = decider.history.first_paid_us(src, dst) if src and dst else None
        lately = first is not None and first >= at_us - self.exposures.keep_us
        risk = victim_risk(signs, {**context, "payee.first_paid_lately": lately})
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
        for kind, row in rows_in_time_order(recent):
            if kind == "call":
                note_call(self.exposures, microseconds(row["started_at"]), row, decider.listed, lambda a, b: False)
            else:
                flagged = decider.listed(f"msg:{row.get('msg_id')}")
                found = [("scam_text", "text", flagged[1])] if flagged and flagged[0] == "scam_text" else []
                note_message(self.exposures, microseconds(row["sent_at"]), row, found, None, decider.listed)

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
