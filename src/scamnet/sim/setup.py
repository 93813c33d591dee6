"""Everything about a world that is fixed before its first day: who exists, who knows whom, who is a gang.

The daily generators read it; it also hands out each day's random streams and id streams, so a
day's events depend only on the seed, the scenario and the day.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa

from scamnet.sim.columns import US_PER_DAY
from scamnet.sim.confounders import make_confounders
from scamnet.sim.crypto import make_crypto
from scamnet.sim.events import Ids
from scamnet.sim.gangs import make_gangs
from scamnet.sim.labels import LabelBook
from scamnet.sim.numbering import Numbering
from scamnet.sim.population import Cells, People, make_cells, make_people
from scamnet.sim.registry import Registry, accounts_registry, handsets_registry, sims_registry
from scamnet.sim.scenario import Scenario
from scamnet.sim.social import Graph, contact_graph, local_hours
from scamnet.sim.texts import TextPools, text_pools

#: Each generator's id stream; a new generator takes a new number (never reuse one).
STREAMS = {
    "calls": 1, "p2p_sms": 2, "service_sms": 3, "transfers": 4, "sessions": 5, "lines": 6, "couriers": 7,
    "gateway": 8, "followup": 9, "payments": 10, "mules": 11, "reports": 12, "salary": 13, "business": 14,
    "recruitment": 15, "job_sms": 16, "lookalikes": 40, "crypto": 41, "web": 42, "victim_signs": 43,
    "device_signs": 44,
}


@dataclass
class Setup:
    scenario: Scenario
    seed: int
    numbering: Numbering
    cells: Cells
    sims: Registry
    handsets: Registry
    accounts: Registry
    people: People
    graph: Graph
    texts: TextPools
    labels: LabelBook = field(default_factory=LabelBook)
    confounders: object = None
    gangs: list = field(default_factory=list)
    #: the virtual-currency leg (``crypto.py``); None when the scenario leaves it off
    crypto: object = None

    @property
    def start_us(self) -> int:
        return int(self.scenario.start.timestamp()) * 1_000_000

    @property
    def end_us(self) -> int:
        return self.day_us(self.scenario.world.days)

    def day_us(self, day: int) -> int:
        return self.start_us + day * US_PER_DAY

    def weekday(self, day: int) -> int:
        """ISO weekday (1 = Monday) of world day ``day``."""
        return (self.scenario.start.isoweekday() - 1 + day) % 7 + 1

    def weekday_factor(self, day: int) -> float:
        return self.scenario.traffic.weekend_factor if self.weekday(day) >= 6 else 1.0

    def rng(self, day: int, name: str) -> np.random.Generator:
        return np.random.default_rng([self.seed, day, zlib.crc32(name.encode())])

    def ids(self, day: int, name: str, part: int = 0) -> Ids:
        return Ids(key=self.seed * 0x9E3779B1, stream=(day << 20) | (STREAMS[name] << 12) | part)

    def number_of(self, person: np.ndarray) -> pa.Array:
        """Each person's main phone number."""
        return self.sims["msisdn"].take(self.people.sim[person])

    def person_sim(self, rng: np.random.Generator, person: np.ndarray) -> np.ndarray:
        """The SIM a person uses for one call or message: the second SIM a third of the time."""
        second = self.people.sim2[person]
        return np.where((second >= 0) & (rng.random(len(person)) < 0.3), second, self.people.sim[person])

    def person_cell(self, rng: np.random.Generator, person: np.ndarray, ts_us: np.ndarray, day: int) -> np.ndarray:
        """Work cell in office hours on weekdays, home cell otherwise; travellers away, couriers anywhere."""
        people = self.people
        hour = local_hours(ts_us, self.scenario.world.utc_offset_hours)
        at_work = (self.weekday(day) <= 5) & (hour >= 9) & (hour < 18)
        cell = np.where(at_work, people.work_cell[person], people.home_cell[person])
        away = (people.trip_from[person] <= day) & (day < people.trip_to[person])
        local = rng.integers(0, self.cells.per_region, len(person))
        cell = np.where(away, self.cells.in_region(np.maximum(people.trip_region[person], 0), local), cell)
        return np.where(people.courier[person], self.cells.in_region(people.region[person], local), cell)

    def people_in_region(self, rng: np.random.Generator, region: np.ndarray) -> np.ndarray:
        """A random person of each given region (persons are numbered region by region)."""
        bounds = np.searchsorted(self.people.region, np.arange(self.scenario.world.regions + 1))
        low, high = bounds[region], bounds[region + 1]
        return low + (rng.random(len(region)) * np.maximum(high - low, 1)).astype(np.int64)


def make_setup(scenario: Scenario, seed: int) -> Setup:
    numbering = Numbering(seed)
    cells = make_cells(scenario)
    sims, handsets, accounts = sims_registry(), handsets_registry(), accounts_registry()
    people = make_people(scenario, seed, numbering, cells, sims, handsets, accounts)
    graph = contact_graph(people.size, scenario.traffic.contacts_mean, scenario.traffic.rewire, seed)
    setup = Setup(scenario, seed, numbering, cells, sims, handsets, accounts, people, graph, text_pools(seed))
    setup.confounders = make_confounders(setup, setup.labels)
    setup.gangs = make_gangs(setup, setup.labels)
    setup.crypto = make_crypto(setup)
    return setup
