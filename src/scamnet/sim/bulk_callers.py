"""Honest people who call strangers in bulk from their own phones, and couriers with a work SIM.

Insurance, property, loan and education sales agents cold-call lists of strangers from a
personal or work SIM in an ordinary handset: many short calls, few answered, almost nobody
calling back. Couriers often carry a second SIM for work. Both look like a fraud number that
an operator must not block (``confounders.sales_callers``, ``confounders.courier_second_sims``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa

from scamnet.core.enums import LabelRole
from scamnet.sim import events
from scamnet.sim.columns import US_PER_DAY
from scamnet.sim.population import person_ids
from scamnet.sim.social import durations, person_calls, times_in_day

if TYPE_CHECKING:
    from scamnet.sim.labels import LabelBook
    from scamnet.sim.setup import Setup

#: Sales hours, local time: mornings and afternoons of working days.
SALES_HOURS = np.array([0] * 9 + [1.0, 1.0, 0.8, 0.3, 0.6, 1.0, 1.0, 0.9, 0.5] + [0.2] * 3 + [0] * 3)


def sales_callers(setup: Setup, taken: np.ndarray, labels: LabelBook) -> np.ndarray:
    """Persons (not in ``taken``) who cold-call for a living, each given a work SIM; labelled telemarketers."""
    n = setup.scenario.confounders.sales_callers
    if n == 0:
        return np.array([], dtype=np.int64)
    rng = np.random.default_rng([setup.seed, 7403])
    free = np.setdiff1d(np.arange(setup.people.size), taken)
    callers = np.sort(rng.choice(free, min(n, len(free)), replace=False))
    give_work_sims(setup, rng, callers)
    phones = setup.sims["msisdn"]
    for p in callers:
        for sim in (setup.people.sim[p], setup.people.sim2[p]):
            labels.mark(f"phone:{phones[int(sim)].as_py()}", LabelRole.TELEMARKETER)
    return callers


def courier_work_sims(setup: Setup, couriers: np.ndarray, labels: LabelBook) -> None:
    """A share of the couriers (``confounders.courier_second_sims``) get a second SIM for work."""
    share = setup.scenario.confounders.courier_second_sims
    if share <= 0 or len(couriers) == 0:
        return
    rng = np.random.default_rng([setup.seed, 7404])
    rows = give_work_sims(setup, rng, couriers[rng.random(len(couriers)) < share])
    labels.mark_many((f"phone:{x}" for x in setup.sims["msisdn"].take(rows).to_pylist()), LabelRole.COURIER)


def give_work_sims(setup: Setup, rng: np.random.Generator, persons: np.ndarray) -> np.ndarray:
    """A second SIM in the person's own handset, registered to them, for those without one; their rows."""
    persons = persons[setup.people.sim2[persons] < 0]
    if len(persons) == 0:
        return np.array([], dtype=np.int64)
    n = len(persons)
    rows = setup.sims.add(
        msisdn=setup.numbering.msisdns(n), imsi=setup.numbering.imsis(n), holder=person_ids(persons),
        activated_us=setup.start_us - rng.integers(30, 1500, n) * US_PER_DAY,
        plan=np.where(rng.random(n) < 0.6, "prepaid", "postpaid"), region=setup.people.region[persons],
    )
    setup.people.sim2[persons] = rows
    return rows


def sales_calls(setup: Setup, day: int, callers: np.ndarray) -> pa.Table:
    """Cold calls of the sales callers to strangers anywhere, on working days; a few called people call back."""
    if setup.weekday(day) >= 6 or len(callers) == 0:
        return events.CALLS.empty()
    rng = setup.rng(day, "sales")
    caller = np.repeat(callers, rng.poisson(setup.scenario.confounders.sales_calls_day, len(callers)))
    n = len(caller)
    ts = times_in_day(rng, n, setup.day_us(day), setup.scenario.world.utc_offset_hours, SALES_HOURS)
    callee = rng.integers(0, setup.people.size, n)
    answered = rng.random(n) < 0.4
    out = person_calls(setup, rng, setup.ids(day, "lines", 2), day, ts, caller, setup.number_of(callee),
                       durations(rng, 40.0, n) * answered, answered)
    back = answered & (rng.random(n) < 0.05)
    k = int(back.sum())
    ts_back = np.minimum(ts[back] + rng.integers(300, 6 * 3600, k) * 1_000_000, setup.day_us(day + 1) - 1)
    ok = rng.random(k) < 0.8
    # the called person rings back the number that showed on their phone
    calls_back = person_calls(setup, rng, setup.ids(day, "lines", 3), day, ts_back, callee[back],
                              out["caller"].filter(pa.array(back)), durations(rng, 60.0, k) * ok, ok)
    return events.concat([out, calls_back], events.CALLS)
