"""What the network sees of a gang's SIM banks: the IMEIs they show, a shared SIM server, nurtured SIMs.

A plain GoIP box shows one IMEI for all its slots (``gangs.imei_mode = "box"``). Real SIM banks
spoof an IMEI per slot (``slot``) or per SIM (``sim``) so that no IMEI carries many SIMs; the
spoofed IMEIs copy a common handset model's type allocation code (``gangs.imei_tac =
"popular"``) or make one up (``random``). A SIM server (``gangs.sim_server``) keeps the SIMs in
one remote bank and serves each, day by day, to whichever of the gang's boxes needs it. Card
farmers "nurture" real-name SIMs for weeks before the gang uses them: a few ordinary calls a day
from a phone on the farm (``gangs.nurture_calls_day``).

Nothing here draws a random number or allocates an identifier while the knobs are at their
defaults, so the worlds of the built-in scenarios stay as they were.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa

from scamnet.core.enums import LabelRole
from scamnet.sim import events
from scamnet.sim.columns import US_PER_DAY
from scamnet.sim.social import HOURLY, durations, times_in_day

if TYPE_CHECKING:
    from scamnet.sim.gangs import Gang, Gateway
    from scamnet.sim.labels import LabelBook
    from scamnet.sim.setup import Setup


@dataclass
class BankFace:
    """The identifiers one gateway shows besides its box IMEI; ``None`` fields are not in use."""

    sims: np.ndarray  # the gateway's SIM rows, sorted
    first_day: np.ndarray  # the day each of those SIMs is first used
    slot_imeis: np.ndarray | None  # (slots,) handset rows: one spoofed IMEI per slot
    sim_imeis: np.ndarray | None  # handset row per SIM: one spoofed IMEI per SIM
    farm_imeis: np.ndarray | None  # handset row per SIM: the card farm's phone that nurtured it


def bank_face(setup: Setup, slot_sims: np.ndarray) -> BankFace | None:
    """Spoofed and farm IMEIs of a gateway whose SIM rows per slot and day are ``slot_sims``."""
    knobs = setup.scenario.gangs
    if knobs.imei_mode == "box" and knobs.nurture_calls_day <= 0:
        return None
    rng = np.random.default_rng([setup.seed, 7601, int(slot_sims[0, 0])])
    sims = np.unique(slot_sims)
    first_day = np.array([int(np.flatnonzero((slot_sims == s).any(axis=0))[0]) for s in sims])

    def imeis(n: int, tac: str) -> np.ndarray:
        return setup.handsets.add(imei=setup.numbering.spoofed_imeis(n, tac, rng))

    slot_imeis = imeis(slot_sims.shape[0], knobs.imei_tac) if knobs.imei_mode == "slot" else None
    sim_imeis = imeis(len(sims), knobs.imei_tac) if knobs.imei_mode == "sim" else None
    farm_imeis = imeis(len(sims), "popular") if knobs.nurture_calls_day > 0 else None
    return BankFace(sims, first_day, slot_imeis, sim_imeis, farm_imeis)


def imei_rows(gang: Gang, gw: Gateway, slot: np.ndarray, sim: np.ndarray) -> np.ndarray:
    """The handset row each call or SMS of the gateway shows: its box's, its slot's or its SIM's IMEI."""
    face = gw.face
    if face is not None and face.slot_imeis is not None:
        return face.slot_imeis[slot]
    if face is not None and face.sim_imeis is not None:
        # a SIM server may have dealt the SIM from another of the gang's boxes: its IMEI goes with it
        faces = [g.face for g in gang.gateways if g.face is not None and g.face.sim_imeis is not None]
        sims = np.concatenate([f.sims for f in faces])
        rows = np.concatenate([f.sim_imeis for f in faces if f.sim_imeis is not None])
        order = np.argsort(sims)
        return rows[order[np.searchsorted(sims, sim, sorter=order)]]
    return np.full(len(sim), gw.handset)


def day_sims(setup: Setup, gang: Gang, day: int, part: int) -> list[np.ndarray]:
    """Each gateway's SIM per slot today; from a SIM server, the gang's SIMs dealt out afresh each day."""
    columns = [gw.slot_sims[:, day] for gw in gang.gateways]
    if not setup.scenario.gangs.sim_server or len(columns) < 2:
        return columns
    pool = np.random.default_rng([setup.seed, 7602, day, part]).permutation(np.concatenate(columns))
    return np.split(pool, np.cumsum([len(c) for c in columns])[:-1])


def label_spoofed_imeis(setup: Setup, gw: Gateway, labels: LabelBook, gang_id: str) -> None:
    """Every spoofed IMEI of the gateway is a gateway device, for the days it is in use."""
    face = gw.face
    if face is None:
        return
    imei = setup.handsets["imei"]
    if face.slot_imeis is not None:
        for row in face.slot_imeis:
            labels.mark(f"imei:{imei[int(row)].as_py()}", LabelRole.GOIP_DEVICE, gang_id, setup.start_us, setup.end_us)
    if face.sim_imeis is not None:
        for sim, row in zip(face.sims, face.sim_imeis, strict=True):
            days = np.flatnonzero((gw.slot_sims == sim).any(axis=0))
            labels.mark(f"imei:{imei[int(row)].as_py()}", LabelRole.GOIP_DEVICE, gang_id,
                        setup.day_us(int(days.min())), setup.day_us(int(days.max()) + 1))


def nurture_calls(setup: Setup, gang: Gang, day: int, part: int) -> pa.Table:
    """Ordinary-looking calls of the gang's SIMs still on the card farm: to each other and to locals."""
    rate = setup.scenario.gangs.nurture_calls_day
    faces = [gw.face for gw in gang.gateways if gw.face is not None and gw.face.farm_imeis is not None]
    if rate <= 0 or not faces:
        return events.CALLS.empty()
    sims = np.concatenate([f.sims for f in faces])
    farm = np.concatenate([f.farm_imeis for f in faces if f.farm_imeis is not None])
    activated = (setup.sims["activated_us"][sims] - setup.start_us) // US_PER_DAY
    growing = np.flatnonzero((activated <= day) & (day < np.concatenate([f.first_day for f in faces])))
    if len(growing) == 0:
        return events.CALLS.empty()
    rng = setup.rng(day, f"nurture-{part}")
    caller = np.repeat(growing, rng.poisson(rate, len(growing)))
    n = len(caller)
    ts = times_in_day(rng, n, setup.day_us(day), setup.scenario.world.utc_offset_hours, HOURLY)
    region = setup.sims["region"][sims[caller]].astype(int)
    local = setup.number_of(setup.people_in_region(rng, region))
    peer = setup.sims["msisdn"].take(sims[growing[rng.integers(0, len(growing), n)]])
    callee = pa.compute.if_else(pa.array(rng.random(n) < 0.5), peer, local)
    answered = rng.random(n) < 0.8
    cell = setup.cells.in_region(region, sims[caller])  # the farm: one flat per SIM's region
    return events.calls(setup.ids(day, "gateway", 3900 + part), ts, durations(rng, 60.0, n) * answered,
                        setup.sims["msisdn"].take(sims[caller]), callee, setup.sims["imsi"].take(sims[caller]),
                        setup.handsets["imei"].take(farm[caller]), setup.cells.ids.take(cell), answered)
