"""The population: persons with age and region, their SIMs, handsets, accounts, devices and IPs.

Persons are numbered region by region, so that nearby numbers live in the same region: the
social graph uses that to be clustered (see ``social``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from scamnet.core.enums import HolderType, Plan
from scamnet.sim.columns import US_PER_DAY, digit_strings, hex_strings, mix64
from scamnet.sim.numbering import BANKS, Numbering
from scamnet.sim.registry import Registry
from scamnet.sim.scenario import Scenario

#: Province codes (ISO 3166-2:CN), most populous first.
REGIONS = (
    "CN-GD", "CN-SD", "CN-HA", "CN-JS", "CN-SC", "CN-HE", "CN-ZJ", "CN-HN", "CN-AH", "CN-HB", "CN-GX",
    "CN-YN", "CN-JX", "CN-LN", "CN-FJ", "CN-SN", "CN-SX", "CN-GZ", "CN-CQ", "CN-HL", "CN-XJ", "CN-GS",
    "CN-SH", "CN-NM", "CN-JL", "CN-BJ", "CN-TJ", "CN-HI", "CN-NX", "CN-QH", "CN-XZ",
)
#: First octets of the IP blocks each region's broadband users come from (made up, per region).
_IP_OCTETS = np.array([36, 39, 58, 59, 60, 61, 101, 106, 110, 111, 112, 113, 114, 115, 116, 117, 118, 119, 120,
                       121, 122, 123, 124, 125, 175, 180, 182, 183, 218, 219, 220])
PLANS = np.array([Plan.PREPAID.value, Plan.POSTPAID.value, Plan.BUSINESS.value, Plan.IOT.value])


@dataclass
class Cells:
    """Mobile cells; cell ``i`` lies in region ``i // per_region``."""

    ids: pa.Array
    per_region: int

    def in_region(self, region: np.ndarray, local: np.ndarray) -> np.ndarray:
        return np.asarray(region) * self.per_region + np.asarray(local) % self.per_region


@dataclass
class People:
    """One entry per person; SIMs, handsets and accounts are row numbers of the registries."""

    person_id: pa.Array
    birth_year: np.ndarray
    region: np.ndarray
    english: np.ndarray
    home_cell: np.ndarray
    work_cell: np.ndarray
    sim: np.ndarray
    sim2: np.ndarray
    handset: np.ndarray
    handset2: np.ndarray
    change_us: np.ndarray
    account: np.ndarray
    spare_account: np.ndarray
    device: pa.Array
    ip: pa.Array
    trip_region: np.ndarray = field(default_factory=lambda: np.array([], dtype=np.int64))
    trip_from: np.ndarray = field(default_factory=lambda: np.array([], dtype=np.int64))
    trip_to: np.ndarray = field(default_factory=lambda: np.array([], dtype=np.int64))
    rotation: np.ndarray = field(default_factory=lambda: np.array([], dtype=np.int64))
    rotating_handsets: np.ndarray = field(default_factory=lambda: np.zeros((0, 1), dtype=np.int64))
    courier: np.ndarray = field(default_factory=lambda: np.array([], dtype=bool))

    def __post_init__(self) -> None:
        if len(self.trip_region) != self.size:
            self.trip_region = np.full(self.size, -1)
            self.trip_from = np.full(self.size, -1)
            self.trip_to = np.full(self.size, -1)
            self.rotation = np.full(self.size, -1)
            self.courier = np.zeros(self.size, dtype=bool)

    @property
    def size(self) -> int:
        return len(self.region)

    def imei_row(self, person: np.ndarray, ts_us: np.ndarray) -> np.ndarray:
        """The handset each person uses at each time (people who change handsets switch once)."""
        changed = ts_us >= self.change_us[person]
        rows = np.where(changed, self.handset2[person], self.handset[person])
        # People who switch phones use another of their handsets every day and a half.
        slot = self.rotation[person]
        mine = slot >= 0
        if mine.any():
            turn = (ts_us[mine] // (36 * 3600 * 1_000_000)) % self.rotating_handsets.shape[1]
            rows[mine] = self.rotating_handsets[slot[mine], turn]
        return rows


def make_cells(scenario: Scenario) -> Cells:
    per = scenario.population.cells_per_region
    ids = [f"460-00-{r + 1:02d}{c // 100:02d}-{r * per + c:05d}" for r in range(scenario.world.regions) for c in range(per)]
    return Cells(pa.array(ids, pa.string()), per)


def make_people(scenario: Scenario, seed: int, numbering: Numbering, cells: Cells,
                sims: Registry, handsets: Registry, accounts: Registry) -> People:
    rng = np.random.default_rng([seed, 7101])
    n, knobs = scenario.world.people, scenario.population
    start_us = int(scenario.start.timestamp()) * 1_000_000
    weights = 1.0 / (np.arange(scenario.world.regions) + 3.0)
    region = np.sort(rng.choice(scenario.world.regions, n, p=weights / weights.sum()))
    age = np.clip(rng.normal(42, 16, n), 16, 90).astype(np.int16)
    sim, sim2 = _person_sims(rng, n, knobs.second_sim_share, region, start_us, numbering, sims)
    handset, handset2, change_us = _person_handsets(rng, scenario, start_us, numbering, handsets)
    account, spare = _person_accounts(rng, region, knobs.accounts_max, start_us, sims["msisdn"].take(sim), numbering, accounts)
    return People(
        person_id=person_ids(np.arange(n)),
        birth_year=(scenario.start.year - age).astype(np.int16),
        region=region,
        english=rng.random(n) < knobs.english_share,
        home_cell=cells.in_region(region, rng.integers(0, cells.per_region, n)),
        work_cell=cells.in_region(region, rng.integers(0, cells.per_region, n)),
        sim=sim, sim2=sim2, handset=handset, handset2=handset2, change_us=change_us,
        account=account, spare_account=spare,
        device=hex_strings(mix64(np.arange(n, dtype=np.uint64) ^ np.uint64(seed * 7919 + 11)), "dev-"),
        ip=_person_ips(rng, region, knobs.mobile_ip_share),
    )


def atm_memos(region: np.ndarray, atm: np.ndarray) -> pa.Array:
    """``ATM CN-GD`` for ATM withdrawals (where the machine stands), null for other transfers."""
    text = pa.array(np.char.add("ATM ", np.array(REGIONS)[np.asarray(region, dtype=int)]), pa.string())
    return pc.if_else(pa.array(np.asarray(atm, dtype=bool)), text, pa.scalar(None, pa.string()))


def person_ids(rows: np.ndarray) -> pa.Array:
    return digit_strings(rows, 8, "P")


def _person_sims(rng, n, second_share, region, start_us, numbering, sims):
    has_second = rng.random(n) < second_share
    owners = np.concatenate([np.arange(n), np.flatnonzero(has_second)])
    rows = sims.add(
        msisdn=numbering.msisdns(len(owners)),
        imsi=numbering.imsis(len(owners)),
        holder=person_ids(owners),
        activated_us=start_us - rng.integers(30, 3650, len(owners)) * US_PER_DAY,
        plan=PLANS[(rng.random(len(owners)) < 0.55).astype(int)],
        region=region[owners],
    )
    sim2 = np.full(n, -1)
    sim2[has_second] = rows[n:]
    return rows[:n], sim2


def _person_handsets(rng, scenario, start_us, numbering, handsets):
    n = scenario.world.people
    changes = rng.random(n) < scenario.population.handset_change_share
    rows = handsets.add(imei=numbering.imeis(n + int(changes.sum())))
    handset2 = rows[:n].copy()
    handset2[changes] = rows[n:]
    change_us = np.full(n, np.iinfo(np.int64).max)
    change_us[changes] = start_us + rng.integers(0, scenario.world.days * US_PER_DAY, int(changes.sum()))
    return rows[:n], handset2, change_us


def _person_accounts(rng, region, most, start_us, msisdn, numbering, accounts):
    n = len(region)
    count = rng.integers(1, most + 1, n)
    owners = np.repeat(np.arange(n), count)
    first = np.cumsum(count) - count
    banks = rng.integers(0, len(BANKS), len(owners))
    rows = accounts.add(
        account_id=numbering.cards(banks),
        bank=np.array(list(BANKS))[banks],
        holder=person_ids(owners),
        holder_type=np.full(len(owners), HolderType.PERSON.value),
        opened_us=start_us - rng.integers(60, 7300, len(owners)) * US_PER_DAY,
        region=region[owners],
        msisdn=msisdn.take(owners),
    )
    spare = np.where(count > 1, rows[first] + 1, -1)
    return rows[first], spare


def _person_ips(rng, region, mobile_share) -> pa.Array:
    n = len(region)
    octets = [_IP_OCTETS[region], rng.integers(0, 256, n), rng.integers(0, 256, n), rng.integers(1, 255, n)]
    shared = rng.random(n) < mobile_share
    # Carrier-grade NAT: mobile users of a region share a few dozen addresses.
    octets[1] = np.where(shared, 200 + region % 50, octets[1])
    octets[2] = np.where(shared, 0, octets[2])
    octets[3] = np.where(shared, 1 + rng.integers(0, 24, n), octets[3])
    parts = [pc.cast(pa.array(o.astype(np.int64)), pa.string()) for o in octets]
    return pc.binary_join_element_wise(*parts, ".")
