"""What a person has been through lately that scam victims go through: the signs, per phone number, as they come.

A victim's path is the same in every scam type: a stranger reaches them (a gateway, a fraud number,
a scam SMS with a link), keeps them on the line or comes back over days, and then they pay someone
they never paid. The decision service sees each step as it happens, so it keeps, per phone number,
the signs of the last days (``Exposures``); when an account of that person sends money, the signs
weigh in the decision on the transfer (``victim_risk``).

Signs are kept for ``keep_days`` and at most ``PER_PERSON`` per number (the newest), so memory stays
bounded by the people being worked on, not by the population. Time is the events' own time.

>>> memory = Exposures()
>>> memory.add("+8613800000001", Sign(1_000, "flagged_contact", "phone:+8617100000009", 0.5, "called by ...", None))
>>> [s.kind for s in memory.signs_of("+8613800000001", 2_000)]
['flagged_contact']
>>> memory.signs_of("+8613800000001", 1_000 + 8 * 86_400_000_000)
[]
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

DAY_US = 86_400_000_000
#: Signs kept per phone number (the newest).
PER_PERSON = 24
#: Numbers whose stranger contacts are followed (the newest pairs).
STRANGER_PAIRS = 500_000


@dataclass(frozen=True)
class Sign:
    """One step of a victim's path seen on a person's number: when, what, from whom, how strong, in words."""

    at_us: int
    kind: str
    counterpart: str
    weight: float
    text: str
    scam_type: str | None


class Exposures:
    """Per phone number, the signs of the last ``keep_days``; and per stranger pair, the days they were in touch."""

    def __init__(self, keep_days: float = 7.0) -> None:
        self.keep_us = int(keep_days * DAY_US)
        self._signs: dict[str, list[Sign]] = {}
        self._stranger_days: OrderedDict[tuple[str, str], set[int]] = OrderedDict()

    def add(self, phone: str, sign: Sign) -> None:
        signs = self._signs.setdefault(phone, [])
        signs.append(sign)
        if len(signs) > PER_PERSON or signs[0].at_us < sign.at_us - self.keep_us:
            self._signs[phone] = [s for s in signs if s.at_us >= sign.at_us - self.keep_us][-PER_PERSON:]

    def signs_of(self, phone: str | None, at_us: int) -> list[Sign]:
        """The signs on ``phone`` in the ``keep_days`` before ``at_us`` (and not after it)."""
        if not phone:
            return []
        return [s for s in self._signs.get(phone, ()) if at_us - self.keep_us <= s.at_us <= at_us]

    def follows(self, person: str, stranger: str) -> bool:
        """Whether ``stranger`` first reached ``person`` as a stranger in these days (and is counted since)."""
        return (person, stranger) in self._stranger_days

    def stranger_days(self, person: str, stranger: str, at_us: int) -> int:
        """Count ``at_us``'s day as one on which ``stranger`` reached ``person``; the distinct days so far."""
        key, pairs = (person, stranger), self._stranger_days
        days = pairs.get(key)
        if days is None:
            days = pairs[key] = set()
        else:
            pairs.move_to_end(key)  # the pair in touch last is forgotten last
        days.add(at_us // DAY_US)
        oldest = (at_us - self.keep_us) // DAY_US
        if min(days) < oldest:  # most often every day kept is still in the last ``keep_days``
            days.difference_update([d for d in days if d < oldest])
        if len(pairs) > STRANGER_PAIRS:
            pairs.popitem(last=False)
        return len(days)
