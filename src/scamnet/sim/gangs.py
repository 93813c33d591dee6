"""Fraud gangs: their scam types, GoIP gateways and SIMs, fraud numbers, mule accounts and sites.

Gangs sit abroad: their gateways are placed in rented rooms (or vehicles) at home and driven
remotely, their mule accounts are bought or rented from real people, and the devices and IPs
they run those accounts from are shared across the gang.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa

from scamnet.core.enums import LabelRole, ScamType
from scamnet.schema.entities import domain_id, url_id
from scamnet.sim.catalogue import profile
from scamnet.sim.columns import US_PER_DAY, hex_strings, mix64
from scamnet.sim.labels import LabelBook
from scamnet.sim.new_scripts import with_new_scripts
from scamnet.sim.numbering import BANKS
from scamnet.sim.platforms import PLATFORM_LAYERS, Platform, make_platforms, plan_sharing, rent_gateway, share_after
from scamnet.sim.population import person_ids
from scamnet.sim.reactions import Reactions, prepare
from scamnet.sim.scripts import render_script
from scamnet.sim.sim_banks import BankFace, bank_face, label_spoofed_imeis

if TYPE_CHECKING:
    from scamnet.sim.setup import Setup

LAYERS = ("l1", "l2", "l3", "cashout")
MULE_ROLES = {"l1": LabelRole.MULE_L1, "l2": LabelRole.MULE_L2, "l3": LabelRole.MULE_L3, "cashout": LabelRole.CASHOUT}
_TLDS = ("top", "vip", "cc", "xyz", "icu", "com", "net", "club", "shop")
_SHAPES = ("{b}-{w}.{t}", "{b}{w}.{t}", "{w}-{b}.{t}", "{b}-cn-{w}.{t}", "m-{b}.{t}")
SCRIPT_VARIANTS = 150
_WORDS = ("verify", "service", "kefu", "refund", "safe", "online", "vip", "app", "help", "secure")


@dataclass
class Gateway:
    """A SIM box: one IMEI, a few cells (or a route when in a vehicle), a SIM per slot per day."""

    handset: int
    cells: np.ndarray
    moving: bool
    slot_sims: np.ndarray  # (slots, days) SIM rows
    face: BankFace | None = None  # spoofed per-slot or per-SIM IMEIs, card-farm phones (sim_banks)


@dataclass
class Gang:
    gang_id: str
    scam_types: tuple[ScamType, ...]
    gateways: list[Gateway]
    phone_sims: np.ndarray  # bulk-bought SIMs used in handsets for follow-ups
    phone_handsets: np.ndarray
    mules: dict[str, np.ndarray]  # layer -> account rows
    devices: pa.Array
    ips: pa.Array
    urls: dict[ScamType, list[str]]
    scripts: dict[tuple[ScamType, bool], list[tuple[str, str]]] = field(default_factory=dict)
    #: the person (row) behind each mule account, by layer: the people the gang recruited or bought accounts from
    mule_people: dict[str, np.ndarray] = field(default_factory=dict)
    #: the laundering platform that runs this gang's later layers (``platforms.py``), if any
    launderer: Platform | None = None
    #: spares and pending burns when the gang reacts to reports and blocks (``reactions.py``)
    reactions: Reactions | None = None

    def operator(self, layer: str) -> Gang | Platform:
        """Who runs the accounts of ``layer`` (their devices and IPs): the gang, or its platform."""
        return self.launderer if self.launderer is not None and layer in PLATFORM_LAYERS else self

    def message(self, rng: np.random.Generator, scam_type: ScamType, english: bool) -> tuple[str, str]:
        """One of the gang's rendered messages for ``scam_type``, and the link in it ("" if none)."""
        pool = self.scripts[(scam_type, english)]
        index = int(rng.integers(len(pool)))
        picked = pool[index]
        if self.reactions is not None:
            self.reactions.sent(self, (scam_type, english), index)
        return picked


def make_gangs(setup: Setup, labels: LabelBook) -> list[Gang]:
    rng = np.random.default_rng([setup.seed, 7501])
    knobs = setup.scenario.gangs
    weights = {ScamType(k): v for k, v in knobs.scam_types.items() if v > 0}
    types, p = list(weights), np.array(list(weights.values()))
    sellers = iter(rng.permutation(setup.people.size))
    plan = plan_sharing(setup)
    platforms = make_platforms(setup, plan, lambda r, counts: _mules(setup, r, sellers, counts),
                               lambda i: _devices(setup, i), lambda r: _ips(r, setup.scenario.mules.ips_per_gang))
    for platform in platforms:
        _label_platform(setup, platform, labels)
    gangs = []
    for g in range(knobs.count):
        picked = rng.choice(len(types), min(2, len(types)), replace=False, p=p / p.sum())
        identities = plan.dealer_identities if g in plan.supplied else None
        gang = Gang(
            gang_id=f"G{g + 1:02d}", scam_types=tuple(types[i] for i in picked),
            gateways=[_gateway(setup, rng, identities) for _ in range(knobs.gateways_per_gang)],
            phone_sims=_fraud_sims(setup, rng, knobs.handset_numbers, np.zeros(knobs.handset_numbers, np.int64),
                                   identities),
            phone_handsets=setup.handsets.add(imei=setup.numbering.imeis(knobs.handset_numbers)),
            mules={}, devices=_devices(setup, g), ips=_ips(rng, setup.scenario.mules.ips_per_gang),
            urls={},
        )
        gang.launderer = next((p for p in platforms if g in p.served), None)
        gang.mules, gang.mule_people = _mules(setup, rng, sellers, _own_counts(setup, gang))
        if gang.launderer is not None:
            gang.mules.update({k: gang.launderer.mules[k] for k in PLATFORM_LAYERS})
        host = plan.host if g in plan.hosted else None
        gang.urls = {t: lookalike_urls(rng, t, host) for t in gang.scam_types}
        gang.scripts = with_new_scripts(knobs, gang.gang_id, setup.seed, _scripts(rng, gang))
        rent_gateway(plan, gangs, gang)
        _label(setup, gang, labels)
        gangs.append(gang)
    share_after(setup, gangs)
    prepare(setup, gangs, lambda r, n, g: _fraud_sims(setup, r, n, np.zeros(n, np.int64),
                                                      plan.dealer_identities if g in plan.supplied else None),
            lambda r, n: _mules(setup, r, sellers, {"l1": n})[0]["l1"])
    return gangs


def _own_counts(setup: Setup, gang: Gang) -> dict[str, int]:
    """Mule accounts the gang holds itself per layer: only the first layer when a platform runs the rest."""
    knobs = setup.scenario.mules
    counts = {"l1": knobs.l1_per_gang, "l2": knobs.l2_per_gang, "l3": knobs.l3_per_gang, "cashout": knobs.cashout_per_gang}
    counts = {k: (v if k in LAYERS[: knobs.layers] or k == "cashout" else 0) for k, v in counts.items()}
    if gang.launderer is not None:
        counts.update({k: 0 for k in PLATFORM_LAYERS})
    return counts


def _fraud_sims(setup: Setup, rng, n: int, first_day: np.ndarray, identities: np.ndarray | None = None) -> np.ndarray:
    """Prepaid SIMs bought in bulk, some registered to real names (``gangs.real_name_share``), activated before use.

    A card dealer (``identities``) registers every SIM it sells to one small set of bought identities.
    """
    knobs = setup.scenario.gangs
    if identities is None:
        holder = person_ids(rng.integers(0, setup.people.size, n))
    else:
        holder = person_ids(identities[rng.integers(0, len(identities), n)])
    stolen = pa.array(rng.random(n) < knobs.real_name_share)
    return setup.sims.add(
        msisdn=setup.numbering.msisdns(n), imsi=setup.numbering.imsis(n),
        holder=pa.compute.if_else(stolen, holder, pa.scalar(None, pa.string())),
        activated_us=setup.start_us + (first_day - rng.integers(knobs.sim_age_min_days, knobs.sim_age_max_days + 1, n)) * US_PER_DAY,
        plan=np.full(n, "prepaid"), region=rng.integers(0, setup.scenario.world.regions, n),
    )


def _gateway(setup: Setup, rng, identities: np.ndarray | None = None) -> Gateway:
    knobs, days = setup.scenario.gangs, setup.scenario.world.days
    slots = int(rng.integers(knobs.slots_min, knobs.slots_max + 1))
    # Each slot's SIM stays for an exponential number of days, then a fresh SIM replaces it.
    stays = np.maximum(1, np.ceil(rng.exponential(knobs.sim_rotation_days, (slots, days)))).astype(int)
    changes = np.cumsum(stays, axis=1)
    which = (changes[:, None, :] <= np.arange(days)[None, :, None]).sum(axis=2)
    count = which.max(axis=1) + 1
    offsets = np.cumsum(count) - count
    first_day = np.concatenate([np.concatenate([[0], changes[s, : count[s] - 1]]) for s in range(slots)])
    rows = _fraud_sims(setup, rng, int(count.sum()), first_day, identities)
    region = int(rng.integers(0, setup.scenario.world.regions))
    moving = bool(rng.random() < knobs.mobility)
    n_cells = setup.cells.per_region if moving else knobs.cells_per_gateway
    cells = setup.cells.in_region(np.full(n_cells, region), rng.permutation(setup.cells.per_region)[:n_cells])
    handset = int(setup.handsets.add(imei=setup.numbering.imeis(1))[0])
    slot_sims = rows[offsets[:, None] + which]
    return Gateway(handset, cells, moving, slot_sims, bank_face(setup, slot_sims))


def handset_cells(setup: Setup, sims: np.ndarray) -> np.ndarray:
    """The one cell each gang handset SIM is used from: a flat in the region where it was bought."""
    return setup.cells.in_region(setup.sims["region"][sims].astype(int), sims)


def _mules(setup: Setup, rng, sellers, counts: dict[str, int]) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """Mule accounts per layer (newly opened, dormant spare accounts, or people's everyday accounts), and their holders."""
    knobs = setup.scenario.mules
    out, people = {}, {}
    for layer, n in counts.items():
        rows, holders = [], []
        for _ in range(n):
            person = int(next(sellers))
            holders.append(person)
            draw = rng.random()
            if draw < knobs.active_history_share:
                rows.append(int(setup.people.account[person]))
            elif draw < knobs.active_history_share + knobs.dormant_share and setup.people.spare_account[person] >= 0:
                rows.append(int(setup.people.spare_account[person]))
            else:
                rows.append(_new_account(setup, rng, person))
        out[layer] = np.array(rows, dtype=np.int64)
        people[layer] = np.array(holders, dtype=np.int64)
    return out, people


def _new_account(setup: Setup, rng, person: int) -> int:
    bank = rng.integers(0, len(BANKS), 1)
    return int(setup.accounts.add(
        account_id=setup.numbering.cards(bank), bank=np.array(list(BANKS))[bank],
        holder=person_ids(np.array([person])), holder_type=np.array(["person"]),
        opened_us=np.array([setup.start_us - int(rng.integers(1, 30)) * US_PER_DAY]),
        region=setup.people.region[[person]], msisdn=setup.number_of(np.array([person])),
    )[0])


def _devices(setup: Setup, gang: int) -> pa.Array:
    n = setup.scenario.mules.devices_per_gang
    return hex_strings(mix64(np.arange(n, dtype=np.uint64) + np.uint64(setup.seed * 15485863 + 10**12 + gang * 1000)), "dev-")


def _ips(rng, n: int) -> pa.Array:
    # Proxies and hosting ranges abroad; made-up addresses.
    first = rng.choice([43, 45, 103, 110, 119, 154, 202], n)
    return pa.array([f"{a}.{b}.{c}.{d}" for a, b, c, d in zip(first, *rng.integers(1, 255, (3, n)), strict=True)], pa.string())


def lookalike_urls(rng, scam_type: ScamType, shared_host: str | None = None) -> list[str]:
    """Two links to lookalikes of the brands a scam type impersonates (hosts from the shapes and TLDs above).

    On a ``shared_host`` (a bulletproof host several gangs use) the lookalike is a subdomain of it.
    """
    urls = []
    for _ in range(2):
        brand = str(rng.choice(profile(scam_type).impersonates))
        host = str(rng.choice(_SHAPES)).format(b=brand, w=rng.choice(_WORDS), t=rng.choice(_TLDS))
        host = f"{host.rsplit('.', 1)[0].replace('.', '-')}.{shared_host}" if shared_host else host
        path = "".join(rng.choice(list("abcdefghjkmnpqrstuvwxyz23456789"), int(rng.integers(3, 7))))
        urls.append(f"{'https' if rng.random() < 0.6 else 'http'}://{host}/{path}")
    return urls


def _scripts(rng, gang: Gang) -> dict[tuple[ScamType, bool], list[tuple[str, str]]]:
    """Each gang renders its scripts into a few hundred variants and sends those over and over."""
    out = {}
    for scam_type in gang.scam_types:
        for english in (False, True):
            pool = []
            for _ in range(SCRIPT_VARIANTS):
                url = gang.urls[scam_type][int(rng.integers(len(gang.urls[scam_type])))]
                text = render_script(scam_type.value, rng, english=english, url=url)
                pool.append((text, url if url in text else ""))
            out[(scam_type, english)] = pool
    return out


def _label(setup: Setup, gang: Gang, labels: LabelBook) -> None:
    g, sims, end = gang.gang_id, setup.sims, setup.end_us
    for gw in gang.gateways:
        labels.mark(f"imei:{setup.handsets['imei'][gw.handset].as_py()}", LabelRole.GOIP_DEVICE, g, setup.start_us, end)
        label_spoofed_imeis(setup, gw, labels, g)
        for sim in np.unique(gw.slot_sims):
            days = np.flatnonzero((gw.slot_sims == sim).any(axis=0))
            since, until = setup.day_us(int(days.min())), setup.day_us(int(days.max()) + 1)
            labels.mark(f"imsi:{sims['imsi'][int(sim)].as_py()}", LabelRole.GOIP_SIM, g, since, until)
            labels.mark(f"phone:{sims['msisdn'][int(sim)].as_py()}", LabelRole.FRAUD_NUMBER, g, since, until)
    for sim in gang.phone_sims:
        labels.mark(f"phone:{sims['msisdn'][int(sim)].as_py()}", LabelRole.FRAUD_NUMBER, g, setup.start_us, end)
    for layer, rows in gang.mules.items():
        if gang.operator(layer) is not gang:
            continue  # the platform's accounts carry the platform's id
        for row in rows:
            labels.mark(f"account:{setup.accounts['account_id'][int(row)].as_py()}", MULE_ROLES[layer], g)


def _label_platform(setup: Setup, platform: Platform, labels: LabelBook) -> None:
    for layer, rows in platform.mules.items():
        for row in rows:
            labels.mark(f"account:{setup.accounts['account_id'][int(row)].as_py()}", MULE_ROLES[layer], platform.gang_id)


def mark_scam_messages(setup: Setup, gang: Gang, msg_ids: list[str], ts: list[int], urls: list[str]) -> None:
    """Label the messages a gang sent inside the world, and the links (and their domains) in them."""
    for msg_id, at, url in zip(msg_ids, ts, urls, strict=True):
        if at >= setup.end_us:
            continue
        setup.labels.mark(f"msg:{msg_id}", LabelRole.SCAM_MESSAGE, gang.gang_id, at, at)
        if url:
            for link in link_ids(url):
                setup.labels.mark(link, LabelRole.SCAM_URL, gang.gang_id, at, at)


@lru_cache(maxsize=4096)
def link_ids(url: str) -> tuple[str, str]:
    """The ``url:`` and ``domain:`` ids of a link (a gang sends the same few links thousands of times)."""
    return url_id(url), domain_id(url)
