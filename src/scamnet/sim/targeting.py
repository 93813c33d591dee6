"""Whom gangs call: random numbers, or people on leaked personal-data lists.

Gangs buy lists leaked from shops, delivery firms, lenders and earlier scams (names, numbers,
what the person bought or borrowed) and call down them. The simulator draws one such list per
world (``gangs.leaked_list_share`` of the population) and every gang aims a share of its cold
contacts (``gangs.leaked_target_share``) at it, so the people on it hear from several gangs —
as real victims of a leak do.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from scamnet.sim.setup import Setup


@lru_cache(maxsize=8)
def leaked_list(seed: int, people: int, share: float) -> np.ndarray:
    """The persons (rows) on the world's leaked list, the same for every gang.

    >>> list(leaked_list(1, 10, 0.0)), len(leaked_list(1, 1000, 0.2))
    ([], 200)
    """
    size = round(share * people)
    rng = np.random.default_rng([seed, 7601])
    return np.sort(rng.choice(people, size, replace=False)) if size else np.zeros(0, np.int64)


def with_leaked_targets(setup: Setup, rng: np.random.Generator, person: np.ndarray) -> np.ndarray:
    """``person`` with a ``leaked_target_share`` of them replaced by people on the leaked list.

    Draws nothing when the scenario has no leaked list, so worlds without one stay as they were.
    """
    knobs = setup.scenario.gangs
    if knobs.leaked_target_share <= 0 or knobs.leaked_list_share <= 0 or len(person) == 0:
        return person
    listed = leaked_list(setup.seed, setup.people.size, knobs.leaked_list_share)
    if listed.size == 0:
        return person
    aimed = rng.random(len(person)) < knobs.leaked_target_share
    return np.where(aimed, listed[rng.integers(0, listed.size, len(person))], person)
