"""What gangs share: laundering platforms, rented mules, a card dealer, a bulletproof host, gateways.

Scam compounds buy services from each other rather than build everything themselves. A
laundering platform (跑分平台, "score-running") takes gangs' money from their first-layer
accounts and runs it through its own layers of rented accounts to cash-out, for several gangs
at once, from its own devices; a rented account may take money for two gangs; one card dealer
sells SIMs registered to the same few bought identities to several gangs; one bulletproof host
serves several gangs' phishing sites; a SIM-box operator rents slots of one gateway to more than
one gang, each putting in its own SIMs (one IMEI and its cells, two gangs' SIMs).

Labels: a platform is its own group, not a gang. Its accounts are labelled with their layer
role (``mule_l2``, ``mule_l3``, ``cashout``) and the platform's id (``P01``, ``P02``, ...) as
their ``gang_id``, and so are the devices it runs them from (``operator``). Shared things keep
the id of the gang that had them first (a mule of ``G01`` that ``G03`` also uses stays ``G01``; a
rented gateway's IMEI stays its owner's, the SIMs a renter puts in it are the renter's).
Every draw here uses its own random stream, so with the knobs at their defaults (nothing
shared) a world is exactly what it was without this module.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa

if TYPE_CHECKING:
    from scamnet.sim.gangs import Gang
    from scamnet.sim.setup import Setup

#: The layers a platform runs: everything after the gang's own first-layer accounts.
PLATFORM_LAYERS = ("l2", "l3", "cashout")
#: Identities a card dealer registers its SIMs to (bought ID cards, reused for many SIMs).
DEALER_IDENTITIES = 12
_HOSTS = ("cdn-kefu", "safe-cloud", "vip-node", "app-mirror", "web-gate")


@dataclass
class Platform:
    """A laundering service: its own mule accounts for the later layers and its own devices and IPs."""

    gang_id: str
    mules: dict[str, np.ndarray]
    devices: pa.Array
    ips: pa.Array
    mule_people: dict[str, np.ndarray] = field(default_factory=dict)
    served: list[int] = field(default_factory=list)


@dataclass
class Sharing:
    """Who shares what, decided once before the gangs are built (indices of gangs)."""

    platform_of: dict[int, int] = field(default_factory=dict)  # gang -> platform
    dealer_identities: np.ndarray | None = None
    supplied: set[int] = field(default_factory=set)
    host: str | None = None
    hosted: set[int] = field(default_factory=set)
    lender_of: dict[int, int] = field(default_factory=dict)  # gang renting gateway slots -> gang that owns the box


def plan_sharing(setup: Setup) -> Sharing:
    """Which gangs launder through which platform, buy from the dealer and use the shared host."""
    knobs, count = setup.scenario.gangs, setup.scenario.gangs.count
    plan = Sharing()
    if knobs.platforms > 0 and knobs.platform_gang_share > 0:
        rng = np.random.default_rng([setup.seed, 7502])
        served = np.sort(rng.permutation(count)[: _share(count, knobs.platform_gang_share)])
        plan.platform_of = {int(g): i % knobs.platforms for i, g in enumerate(served)}
    if knobs.sim_supplier_share > 0:
        rng = np.random.default_rng([setup.seed, 7504])
        plan.supplied = set(rng.permutation(count)[: _share(count, knobs.sim_supplier_share)].tolist())
        plan.dealer_identities = rng.integers(0, setup.people.size, DEALER_IDENTITIES)
    if knobs.shared_hosting_share > 0:
        rng = np.random.default_rng([setup.seed, 7505])
        plan.hosted = set(rng.permutation(count)[: _share(count, knobs.shared_hosting_share)].tolist())
        plan.host = f"{rng.choice(_HOSTS)}{int(rng.integers(10, 99))}.{rng.choice(['top', 'cc', 'xyz'])}"
    if knobs.rented_gateway_share > 0 and count > 1 and knobs.gateways_per_gang > 0:
        rng = np.random.default_rng([setup.seed, 7507])
        renters = rng.permutation(np.arange(1, count))[: _share(count - 1, knobs.rented_gateway_share)]
        plan.lender_of = {int(g): int(rng.integers(0, g)) for g in renters}
    return plan


def _share(count: int, share: float) -> int:
    """How many of ``count`` gangs a share means: at least two when sharing at all (one cannot share)."""
    return min(count, max(2, round(count * share))) if share > 0 else 0


def make_platforms(setup: Setup, plan: Sharing, new_mules, new_devices, new_ips) -> list[Platform]:
    """The platforms, each sized like the gangs it serves together (same total money capacity)."""
    if not plan.platform_of:
        return []
    rng = np.random.default_rng([setup.seed, 7503])
    knobs = setup.scenario.mules
    per_gang = {"l2": knobs.l2_per_gang if knobs.layers >= 2 else 0,
                "l3": knobs.l3_per_gang if knobs.layers >= 3 else 0, "cashout": knobs.cashout_per_gang}
    platforms = []
    for p in range(setup.scenario.gangs.platforms):
        served = sorted(g for g, q in plan.platform_of.items() if q == p)
        if not served:
            continue
        counts = {layer: n * len(served) for layer, n in per_gang.items()}
        mules, people = new_mules(rng, counts)
        platforms.append(Platform(f"P{p + 1:02d}", mules, new_devices(900 + p), new_ips(rng), people, served))
    return platforms


def rent_gateway(plan: Sharing, gangs: list[Gang], gang: Gang) -> None:
    """A renting gang's first gateway becomes slots in its lender's box: the lender's IMEI and cells, its own SIMs."""
    lender = plan.lender_of.get(len(gangs))
    if lender is None or not gang.gateways or not gangs[lender].gateways:
        return
    box, own = gangs[lender].gateways[0], gang.gateways[0]
    gang.gateways[0] = replace(own, handset=box.handset, cells=box.cells, moving=box.moving)


def share_after(setup: Setup, gangs: list[Gang]) -> None:
    """Mules shared once every gang exists: appended, so each keeps its first gang's label."""
    knobs = setup.scenario.gangs
    if knobs.shared_mule_share > 0 and len(gangs) > 1:
        rng = np.random.default_rng([setup.seed, 7506])
        own = [g.mules["l1"] for g in gangs]
        for i, gang in enumerate(gangs):
            others = np.concatenate([rows for j, rows in enumerate(own) if j != i])
            n = min(len(others), round(len(own[i]) * knobs.shared_mule_share))
            gang.mules["l1"] = np.concatenate([own[i], rng.choice(others, n, replace=False)])
