"""Gangs that react: spoofed caller ids, burned numbers and accounts replaced, blocked scripts rewritten.

- **Caller-ID spoofing** (``gangs.spoof_share``): a share of a gateway's cold calls present a
  calling number that is not the SIM's: an official-looking line (a bank's hotline, the anti-fraud
  centre's short code; ``gangs.spoof_official_share`` of them) or a real local number of the
  callee's region. The network identifiers of the call (IMSI, IMEI, cell) stay those of the SIM
  that placed it: the caller column lies, the network does not. A victim who calls back, or who
  reports, names the number they saw.
- **Burned numbers and accounts** (``gangs.retire_after_hours``): once a victim's report names a
  gang's numbers and first-layer accounts, the operator cuts the numbers and the bank freezes the
  accounts; the gang notices within the delay and moves to fresh ones: new SIMs from the same
  supplier in the same SIM bank slots (a gang handset keeps its phone, with a new SIM), and newly
  recruited everyday accounts run from the same devices. Every replacement carries the gang's id
  and the role of what it replaces.
- **Blocked scripts** (``gangs.script_block_after``): an operator's spam filter blocks a message
  variant after that many sends; the gang rewrites it (a fresh rendering of the same scam).

Nothing here draws a random number or allocates an identifier while the knobs are at their
defaults, so the worlds of the built-in scenarios stay as they were.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa

from scamnet.core.enums import LabelRole
from scamnet.sim.columns import US_PER_S
from scamnet.sim.new_scripts import _variant as rewrite
from scamnet.sim.scripts import render_script

if TYPE_CHECKING:
    from scamnet.sim.gangs import Gang
    from scamnet.sim.setup import Setup

#: Numbers spoofers present as "official", as the network records them: bank hotlines, the police
#: anti-fraud line (96110) and the ministry's fraud-warning code (12381) behind the capital's area code.
OFFICIAL_NUMBERS = ("+861095588", "+861095533", "+861095555", "+861095566", "+861096110", "+861012381")
#: Spare SIMs and recruits a gang keeps ready, per gateway slot and per first-layer account.
SPARE_SIMS_PER_SLOT, SPARE_HANDSET_SIMS, SPARE_MULES = 1, 2, 2


@dataclass
class Reactions:
    """One gang's reacting state: spares still unused, burns not yet acted on, what replaced what."""

    spare_sims: list[int]  # SIM rows bought for gateway slots, nurtured until used
    spare_handset_sims: list[int]  # SIM rows for the gang's handsets
    spare_mules: list[int]  # account rows of recruited, not yet used everyday accounts
    handset_of: dict[int, int]  # gang handset SIM row -> the handset row it sits in
    burned: list[tuple[int, str, int]] = field(default_factory=list)  # (act at us, "sim"|"account", row)
    replaced: dict[tuple[str, int], int] = field(default_factory=dict)
    knobs: object = None  # the scenario's [gangs] knobs
    seed: int = 0
    script_sends: dict[tuple[object, bool, int], int] = field(default_factory=dict)
    rewrites: int = 0

    def sent(self, gang: Gang, key: tuple, index: int) -> None:
        """Count one send of message variant ``index``; once the filter blocks it, the gang writes a fresh one."""
        limit = self.knobs.script_block_after
        if limit <= 0:
            return
        count = self.script_sends.get((*key, index), 0) + 1
        self.script_sends[(*key, index)] = count % limit
        if count < limit:
            return
        self.rewrites += 1
        rng = np.random.default_rng([self.seed, 7703, int(gang.gang_id.lstrip("G") or 0), self.rewrites])
        scam_type, english = key
        urls = gang.urls[scam_type]
        url = urls[int(rng.integers(len(urls)))]
        text = render_script(scam_type.value, rng, english=english, url=url)
        gang.scripts[key][index] = rewrite(rng, self.knobs, key, text, url if url in text else "")


def reacting(setup: Setup) -> bool:
    knobs = setup.scenario.gangs
    return knobs.retire_after_hours >= 0 or knobs.script_block_after > 0


def prepare(setup: Setup, gangs: list[Gang], buy_sims, recruit) -> None:
    """Give each gang its spares when gangs react: ``buy_sims(rng, n, gang_index)`` buys SIMs from the
    gang's supplier, ``recruit(rng, n)`` recruits first-layer account holders (their everyday accounts)."""
    if not reacting(setup):
        return
    for g, gang in enumerate(gangs):
        rng = np.random.default_rng([setup.seed, 7701, g])
        slots = sum(gw.slot_sims.shape[0] for gw in gang.gateways)
        sims = buy_sims(rng, slots * SPARE_SIMS_PER_SLOT + SPARE_HANDSET_SIMS, g)
        handset_of = {int(s): int(gang.phone_handsets[i % len(gang.phone_handsets)])
                      for i, s in enumerate(gang.phone_sims)}
        gang.reactions = Reactions(
            [int(s) for s in sims[SPARE_HANDSET_SIMS:]], [int(s) for s in sims[:SPARE_HANDSET_SIMS]],
            [int(a) for a in recruit(rng, max(1, len(gang.mules["l1"])) * SPARE_MULES)], handset_of,
            knobs=setup.scenario.gangs, seed=setup.seed)


def handsets_of(gang: Gang, sims: np.ndarray) -> np.ndarray:
    """The handset row each gang handset SIM sits in (a replacement SIM goes into the burned SIM's phone)."""
    r = gang.reactions
    if r is None:
        return gang.phone_handsets[np.searchsorted(gang.phone_sims, sims) % len(gang.phone_handsets)]
    return np.array([r.handset_of[int(s)] for s in sims], dtype=np.int64)


def note_report(setup: Setup, gang: Gang, reported_us: int, sims: list[int], l1_rows: list[int]) -> None:
    """A report named these SIMs and first-layer accounts: the gang drops them ``retire_after_hours`` later."""
    r, hours = gang.reactions, setup.scenario.gangs.retire_after_hours
    if r is None or hours < 0:
        return
    act = reported_us + int(hours * 3600 * US_PER_S)
    r.burned += [(act, "sim", int(s)) for s in sims] + [(act, "account", int(a)) for a in l1_rows]


def react(setup: Setup, gang: Gang, day: int) -> None:
    """Replace every burned SIM and account the gang has learnt of by the start of ``day``."""
    r = gang.reactions
    if r is None or not r.burned:
        return
    now = setup.day_us(day)
    due = [b for b in r.burned if b[0] <= now]
    r.burned = [b for b in r.burned if b[0] > now]
    for _, kind, row in due:
        if (kind, row) in r.replaced:
            continue
        if kind == "account":
            _replace_mule(setup, gang, r, row)
        elif row in r.handset_of:
            _replace_handset_sim(setup, gang, r, row, day)
        else:
            _replace_slot_sim(setup, gang, r, row, day)


def _replace_mule(setup: Setup, gang: Gang, r: Reactions, row: int) -> None:
    l1 = gang.mules["l1"]
    where = np.flatnonzero(l1 == row)
    if not len(where) or not r.spare_mules:
        return
    new = r.spare_mules.pop(0)
    gang.mules["l1"] = np.where(l1 == row, new, l1)
    r.replaced[("account", row)] = new
    setup.labels.mark(f"account:{setup.accounts['account_id'][new].as_py()}", LabelRole.MULE_L1, gang.gang_id)


def _replace_handset_sim(setup: Setup, gang: Gang, r: Reactions, row: int, day: int) -> None:
    if not r.spare_handset_sims:
        return
    new = r.spare_handset_sims.pop(0)
    gang.phone_sims = np.where(gang.phone_sims == row, new, gang.phone_sims)
    r.handset_of[new] = r.handset_of[row]
    r.replaced[("sim", row)] = new
    setup.labels.mark(f"phone:{setup.sims['msisdn'][new].as_py()}", LabelRole.FRAUD_NUMBER, gang.gang_id,
                      setup.day_us(day), setup.end_us)


def _replace_slot_sim(setup: Setup, gang: Gang, r: Reactions, row: int, day: int) -> None:
    for gw in gang.gateways:
        later = gw.slot_sims[:, day:]
        if not (later == row).any() or not r.spare_sims:
            continue
        new = r.spare_sims.pop(0)
        later[later == row] = new
        r.replaced[("sim", row)] = new
        _face_takes(setup, gw, new, day)
        days = np.flatnonzero((gw.slot_sims == new).any(axis=0))
        since, until = setup.day_us(int(days.min())), setup.day_us(int(days.max()) + 1)
        sims, g = setup.sims, gang.gang_id
        setup.labels.mark(f"imsi:{sims['imsi'][new].as_py()}", LabelRole.GOIP_SIM, g, since, until)
        setup.labels.mark(f"phone:{sims['msisdn'][new].as_py()}", LabelRole.FRAUD_NUMBER, g, since, until)
        if gw.face is not None and gw.face.sim_imeis is not None:
            imei = setup.handsets["imei"][int(gw.face.sim_imeis[np.searchsorted(gw.face.sims, new)])].as_py()
            setup.labels.mark(f"imei:{imei}", LabelRole.GOIP_DEVICE, g, since, until)
        return


def _face_takes(setup: Setup, gw, sim: int, day: int) -> None:
    """A replacement SIM joins its gateway's face: its own spoofed IMEI and the farm phone that nurtured it."""
    face = gw.face
    if face is None:
        return
    at = int(np.searchsorted(face.sims, sim))
    rng = np.random.default_rng([setup.seed, 7702, sim])
    knobs = setup.scenario.gangs

    def one(tac: str) -> int:
        return int(setup.handsets.add(imei=setup.numbering.spoofed_imeis(1, tac, rng))[0])

    face.sims = np.insert(face.sims, at, sim)
    face.first_day = np.insert(face.first_day, at, day)
    if face.sim_imeis is not None:
        face.sim_imeis = np.insert(face.sim_imeis, at, one(knobs.imei_tac))
    if face.farm_imeis is not None:
        face.farm_imeis = np.insert(face.farm_imeis, at, one("popular"))


def spoofed_callers(setup: Setup, day: int, part: int, true_numbers: pa.Array, person: np.ndarray) -> tuple[pa.Array, np.ndarray]:
    """The calling number each gateway call presents, and the spoofed ones ("" where the call shows its own)."""
    knobs = setup.scenario.gangs
    n = len(person)
    shown = np.full(n, "", dtype=object)
    if knobs.spoof_share <= 0 or n == 0:
        return true_numbers, shown
    rng = setup.rng(day, f"spoof-{part}")
    spoofed = rng.random(n) < knobs.spoof_share
    official = rng.random(n) < knobs.spoof_official_share
    local = setup.number_of(setup.people_in_region(rng, setup.people.region[person])).to_numpy(zero_copy_only=False)
    shown[spoofed] = np.where(official, np.array(OFFICIAL_NUMBERS, dtype=object)[rng.integers(0, len(OFFICIAL_NUMBERS), n)],
                              local)[spoofed]
    caller = np.where(spoofed, shown, true_numbers.to_numpy(zero_copy_only=False))
    return pa.array(caller, pa.string()), shown
