"""Live events checked as ``scamnet ingest`` checks them (the same code): ``(kind, canonical row)`` per event.

Events written the canonical way that surely pass ingest's checks are converted in Python
(``ingest.records.validated_rows``); every other batch, and so every refusal, takes ingest's
Arrow road and its words.

A batch with a bad event is refused alone; a group of requests is validated in one pass when every
request is valid, else each alone, so that each request's problems are numbered in its own body.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import accumulate
from typing import Any

from scamnet.core.errors import InputError, Problem
from scamnet.core.settings import Settings
from scamnet.ingest.records import validated_rows
from scamnet.online.events import KINDS


def validated_each(
    requests: Sequence[Sequence[Mapping[str, Any]]], settings: Settings
) -> list[list[tuple[str, dict[str, Any]]] | InputError]:
    """Each request's validated rows, or its ``InputError``: all requests in one pass when every one is valid."""
    if len(requests) > 1:
        try:
            rows = validated_events([event for events in requests for event in events], settings)
        except InputError:
            pass  # some request is bad: validate each alone, so that its problems are numbered in its own body
        else:
            ends = list(accumulate(len(events) for events in requests))
            return [rows[end - len(events):end] for events, end in zip(requests, ends, strict=True)]
    checked: list[list[tuple[str, dict[str, Any]]] | InputError] = []
    for events in requests:
        try:
            checked.append(validated_events(events, settings))
        except InputError as exc:
            checked.append(exc)
    return checked


def validated_events(events: Sequence[Mapping[str, Any]], settings: Settings) -> list[tuple[str, dict[str, Any]]]:
    """``(kind, canonical row)`` per event, in order; an ``InputError`` naming every bad event, field and value."""
    problems, groups = _kinds(events)
    rows: dict[int, tuple[str, dict[str, Any]]] = {}
    total = len(problems)
    for kind, positions in groups.items():
        try:
            typed = validated_rows(KINDS[kind], [events[i] for i in positions], settings, positions=positions,
                                   ignore=_KIND)
        except InputError as exc:
            problems, total = problems + exc.problems, total + exc.total
            continue
        rows.update({i: (kind, row) for i, row in zip(positions, typed, strict=True)})
    if total:
        raise InputError(sorted(problems, key=lambda p: (p.row is None, p.row or 0)), total=total,
                         hint="nothing was decided; fix the events named and send the batch again")
    return [rows[i] for i in range(len(events))]


def _kinds(events: Sequence[Mapping[str, Any]]) -> tuple[list[Problem], dict[str, list[int]]]:
    problems: list[Problem] = []
    groups: dict[str, list[int]] = {}
    expected = "one of " + ", ".join(KINDS)
    for i, event in enumerate(events):
        kind = event.get("kind")
        if kind in KINDS:
            groups.setdefault(kind, []).append(i)
        else:
            problems.append(Problem("body", i, "kind", kind, expected, "event"))
    return problems, groups


_KIND = ("kind",)  # an event's field that is not its table's: which table it goes to
