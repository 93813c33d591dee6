"""Scenarios: every rate and knob of a world, named, typed and documented, read from TOML.

A scenario file has one table per section (``[world]``, ``[population]``, ...); a key it does
not set keeps the default below, a key that does not exist is an error. The built-in scenarios
live in ``scamnet/sim/scenarios/*.toml``.

>>> s = load_scenario("demo")
>>> s.world.days, s.gangs.count
(14, 3)
>>> load_scenario("demo").replace(people=500, days=5).world.people
500
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from scamnet.core.enums import RECRUITMENT_TYPES, ScamType
from scamnet.core.errors import ConfigError

BUILTIN = ("demo", "baseline", "hard", "adversarial")


def knob(default: Any, help: str) -> Any:
    if isinstance(default, dict):
        return field(default_factory=lambda: dict(default), metadata={"help": help})
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class World:
    start: str = knob("2026-03-01", "first day of the world (UTC date)")
    people: int = knob(3000, "persons in the population")
    days: int = knob(14, "days simulated")
    regions: int = knob(8, "number of regions (provinces) the population lives in, 1-31")
    utc_offset_hours: int = knob(8, "local time of the population minus UTC (China: +8); drives the daily rhythm")
    currency: str = knob("CNY", "currency of every amount")


@dataclass(frozen=True)
class Population:
    second_sim_share: float = knob(0.15, "share of persons with a second SIM in the same handset")
    handset_change_share: float = knob(0.01, "share of persons who change handset once during the world")
    accounts_max: int = knob(3, "bank accounts per person, drawn uniformly from 1 to this")
    cells_per_region: int = knob(40, "mobile cells per region")
    mobile_ip_share: float = knob(0.3, "share of persons who log in through a shared carrier-NAT IP")
    english_share: float = knob(0.08, "share of persons who write in English rather than Chinese")


@dataclass(frozen=True)
class Traffic:
    contacts_mean: int = knob(10, "social contacts per person (family, friends, colleagues)")
    rewire: float = knob(0.1, "share of contacts outside the person's neighbourhood (small-world shortcuts)")
    calls_per_person_day: float = knob(2.0, "normal calls per person per day")
    stranger_call_share: float = knob(0.05, "share of normal calls to numbers outside one's contacts")
    answer_rate: float = knob(0.85, "share of normal calls answered")
    weekend_factor: float = knob(0.8, "call and message volume on Saturdays and Sundays relative to weekdays")
    sms_per_person_day: float = knob(0.6, "person-to-person SMS per person per day")
    service_sms_per_person_day: float = knob(1.2, "OTP, bank, delivery and marketing messages per person per day")
    job_sms_per_person_day: float = knob(0.05, "genuine job adverts and bank or police warnings about card renting and jobs abroad per person per day")
    transfers_per_person_day: float = knob(0.5, "normal transfers (contacts, shops, bills, cash) per person per day")
    logins_per_person_day: float = knob(0.3, "account logins without a transfer per person per day")
    salary_day: int = knob(10, "day of the month salaries are paid")
    web_visits_per_person_day: float = knob(0.0, "visits to long-tail honest sites (shops, car dealers, clinics) an operator's "
                                            "proxy or DNS logs export, per person per day (link_visits); 0 writes none")
    remote_help_per_1000_day: float = knob(0.0, "honest payments made under a remote-access app (a help desk, a child helping "
                                           "a parent), per 1,000 persons per day (sessions.remote_access)")
    new_phone_per_1000_day: float = knob(0.0, "honest payments from a phone the account never used (a new phone), per 1,000 "
                                         "persons per day")


@dataclass(frozen=True)
class Confounders:
    call_centres: int = knob(2, "call centres (many agents, many short outgoing calls, also inbound calls)")
    agents_per_centre: int = knob(8, "agent lines per call centre")
    centre_calls_per_agent_day: float = knob(60.0, "outgoing calls per agent per working day")
    centre_inbound_share: float = knob(0.5, "inbound calls per outgoing call of a call centre")
    telemarketers: int = knob(6, "telemarketer lines (outgoing to strangers, few call-backs)")
    telemarketer_calls_day: float = knob(70.0, "calls per telemarketer line per working day")
    couriers: int = knob(10, "delivery couriers (short calls to strangers, moving cells)")
    courier_calls_day: float = knob(30.0, "calls per courier per working day")
    merchants: int = knob(30, "merchants (fan-in of many small payments)")
    employers: int = knob(6, "employers paying salaries (payroll fan-out)")
    small_businesses: int = knob(10, "small businesses paying suppliers and paid by customers")
    phone_changers: int = knob(10, "persons who use several handsets in turn")
    travellers: int = knob(20, "persons who travel to other regions during the world")
    big_purchases_per_1000_day: float = knob(0.0, "honest large payments to someone new after long calls from a stranger (a car, a deposit) per 1,000 persons per day: victim look-alikes")
    big_purchase_site_share: float = knob(0.0, "share of those buyers who open the seller's site (a car dealer's, a landlord's "
                                          "listing) before paying")
    big_purchase_new_phone_share: float = knob(0.0, "share of those buyers who pay from a phone the account never used")
    sweeping_merchants: int = knob(0, "merchants who sweep each day's takings to their own other account in the evening")
    aggregators: int = knob(0, "payment aggregators and resellers: many customers pay in, bulk payments go on to suppliers within hours")
    rent_collectors: int = knob(0, "persons (students, flatmates) who collect shared rent from contacts and pay the landlord")
    family_pools: int = knob(0, "persons who pool money from family for a big bill (hospital, tuition, wedding) and pay it on")
    courier_second_sims: float = knob(0.0, "share of couriers given a second SIM for work, in the same handset")
    sales_callers: int = knob(0, "persons who cold-call strangers from their own phone (insurance, property, loan sales)")
    sales_calls_day: float = knob(40.0, "calls per sales caller per working day")


@dataclass(frozen=True)
class Gangs:
    count: int = knob(3, "fraud gangs")
    scam_types: dict = knob(
        {t.value: 1.0 for t in ScamType
         if t not in {ScamType.PHISHING, ScamType.PRIZE_LOTTERY, ScamType.GAMBLING, ScamType.OTHER, *RECRUITMENT_TYPES}},
        "weights of the scam types gangs run on victims (two types per gang)",
    )
    gateways_per_gang: int = knob(2, "GoIP / SIM-box gateways per gang")
    slots_min: int = knob(8, "fewest SIM slots of a gateway")
    slots_max: int = knob(32, "most SIM slots of a gateway")
    cells_per_gateway: int = knob(2, "cells a static gateway is seen in (1-3)")
    sim_rotation_days: float = knob(3.0, "mean days a SIM stays in a gateway slot before it is swapped")
    active_slot_share: float = knob(0.5, "share of slots calling on a given day")
    calls_per_slot_day: float = knob(35.0, "outgoing calls per active slot per day")
    sms_per_slot_day: float = knob(10.0, "scam SMS per active slot per day")
    handset_numbers: int = knob(3, "bulk-bought fraud SIMs a gang uses in ordinary handsets for follow-ups")
    human_timing: float = knob(0.0, "0: gateway calls at machine-regular intervals; 1: human daily rhythm")
    mobility: float = knob(0.0, "share of gateways in vehicles (changing cells through the day)")
    fake_incoming: float = knob(0.0, "incoming calls the gang fakes per outgoing gateway call")
    answer_rate: float = knob(0.35, "share of gateway calls answered")
    callback_rate: float = knob(0.03, "share of called strangers who call the number back")
    engage_rate: float = knob(0.06, "share of answered calls or read SMS that draw the target in")
    pay_rate: float = knob(0.45, "share of drawn-in targets who pay")
    chat_share: float = knob(0.5, "share of follow-ups over chat rather than calls")
    off_network_share: float = knob(0.0, "share of drawn-in victims groomed in a chat app the operator never sees "
                                    "(no follow-up calls or messages in the records)")
    leaked_list_share: float = knob(0.0, "share of the population on the leaked personal-data lists the gangs buy "
                                    "(one list shared by every gang)")
    leaked_target_share: float = knob(0.0, "share of a gang's cold calls and SMS aimed at people on the leaked list "
                                      "rather than at random numbers")
    new_script_share: float = knob(0.0, "share of a gang's message variants written from held-out scripts, "
                                   "unlike the training library's")
    linkless_share: float = knob(0.0, "share of a gang's message variants with no link (reply, call back or add a "
                                 "chat account instead)")
    qr_share: float = knob(0.0, "share of a gang's message variants whose link is replaced by a QR-code lure")
    imei_mode: str = knob("box", "IMEIs a gateway shows: box (one for the whole box), slot (one spoofed IMEI per slot) or sim (one per SIM)")
    imei_tac: str = knob("popular", "type allocation code of spoofed IMEIs: popular (copied from common handset models) or random (unallocated)")
    sim_server: bool = knob(False, "the gang's SIMs sit in one remote SIM bank that serves them to its gateway boxes, a different box each day")
    real_name_share: float = knob(0.5, "share of fraud SIMs registered to a real person's name (bought from card farmers); the rest have no holder")
    sim_age_min_days: int = knob(1, "fewest days between a fraud SIM's activation and its first use")
    sim_age_max_days: int = knob(9, "most days between a fraud SIM's activation and its first use (nurtured SIMs: weeks)")
    nurture_calls_day: float = knob(0.0, "calls a fraud SIM makes per day between activation and first use, to look lived-in")
    platforms: int = knob(0, "laundering platforms (跑分 services) that run the second mule layer onward for several gangs; 0: every gang launders alone")
    platform_gang_share: float = knob(1.0, "share of gangs that launder through a platform (when platforms > 0)")
    shared_mule_share: float = knob(0.0, "first-layer accounts a gang also uses from other gangs' mules, per own first-layer account")
    sim_supplier_share: float = knob(0.0, "share of gangs buying their SIMs from one card dealer, registered to one small set of identities")
    shared_hosting_share: float = knob(0.0, "share of gangs whose scam sites sit on one bulletproof host (subdomains of one domain)")
    rented_gateway_share: float = knob(0.0, "share of gangs that also rent another gang's SIM-box gateway")
    spoof_share: float = knob(0.0, "share of gateway cold calls that present a spoofed calling number (IMSI and IMEI stay the SIM's)")
    spoof_official_share: float = knob(0.5, "share of spoofed calls showing an official-looking number (a bank hotline, "
                                       "the anti-fraud short code) rather than a real local number")
    retire_after_hours: float = knob(-1.0, "hours after a report names a gang's numbers and first-layer accounts until the "
                                     "gang replaces them with fresh SIMs and new recruits; -1: gangs never react")
    script_block_after: int = knob(0, "sends of one message variant before the operator's filter blocks it and the gang "
                                   "rewrites it; 0: never blocked")


@dataclass(frozen=True)
class Mules:
    layers: int = knob(3, "mule layers between the victim and the cash-out accounts (1-3)")
    l1_per_gang: int = knob(6, "first-layer accounts (receive victims' money)")
    l2_per_gang: int = knob(4, "second-layer accounts")
    l3_per_gang: int = knob(3, "third-layer accounts")
    cashout_per_gang: int = knob(2, "cash-out accounts (withdraw, buy crypto, wire abroad)")
    dormant_share: float = knob(0.4, "share of mule accounts that are long-dormant accounts of real people")
    active_history_share: float = knob(0.0, "share of mule accounts that are people's everyday accounts")
    forward_minutes: float = knob(40.0, "median minutes a mule holds money before forwarding it")
    forward_max_hours: float = knob(6.0, "longest a mule holds money")
    split_max: int = knob(3, "most parts a mule splits a payment into")
    commission_min: float = knob(0.005, "smallest commission a mule keeps per hop")
    commission_max: float = knob(0.02, "largest commission a mule keeps per hop")
    devices_per_gang: int = knob(3, "devices the gang uses to run its mule accounts")
    ips_per_gang: int = knob(2, "IPs the gang uses to run its mule accounts")
    recruited_share: float = knob(0.8, "share of mule account holders who got a recruitment message (card renting, job abroad) from the gang first")
    job_offers_per_gang_day: float = knob(4.0, "job-abroad recruitment messages a gang sends to strangers per day")
    cashout_channels: dict = knob({"atm": 0.4, "crypto_otc": 0.4, "wire_abroad": 0.2},
                                  "weights of the cash-out channels (also goods: gold, phones or cards bought at a merchant)")
    own_device_share: float = knob(0.0, "share of mule transfers the account holder makes from their own phone and IP, on instructions")
    split_spread: float = knob(0.5, "spread of a split's part weights: each part weighs uniform(1 - spread, 1 + spread), 0-0.95")
    structure_below: float = knob(0.0, "when > 0, a reporting limit (CNY) every forwarded part stays below (structuring)")
    atm_chunk_max: float = knob(5000.0, "largest ATM withdrawal (CNY)")
    atm_chunk_jitter: float = knob(0.0, "0: ATM chunks of exactly atm_chunk_max; up to 1: each chunk a random whole hundred down to (1 - jitter) of it")
    cashout_home_share: float = knob(0.0, "share of ATM cash-outs made in the holder's own region rather than far away")


@dataclass(frozen=True)
class Victims:
    report_rate: float = knob(0.35, "share of paying victims who report")
    report_delay_hours: float = knob(20.0, "median hours from the last payment to the report")
    item_recall: float = knob(0.7, "chance a victim gives each number, account or link in the report")
    misreport_share: float = knob(0.1, "share of reports whose scam type the victim gets wrong")
    report_delay_spread: float = knob(0.8, "spread (sigma of the log) of the report delay: 0.8 puts 80 % of reports "
                                      "between a third and three times the median delay")
    link_open_share: float = knob(0.0, "chance a victim opens each scam link they received (a web visit to the scam "
                                  "domain in link_visits, also when the grooming is off the network)")
    call_back_share: float = knob(0.0, "share of victims groomed on the network who call the gang's number back")
    remote_access_share: float = knob(0.0, "share of paying victims who pay under a screen-sharing or remote-access app the "
                                      "scammer had them install (sessions.remote_access)")
    new_device_share: float = knob(0.0, "share of paying victims whose payments come from a device the account never used")
    pay_until_end: bool = knob(False, "false: payments stop one full laundering chain before the world's end (money conserved inside it); "
                                      "true: victims pay up to the last day and forwarding past the end falls outside the world")


@dataclass(frozen=True)
class Crypto:
    enabled: bool = knob(False, "gangs cash out crypto_otc through OTC traders into USDT-TRC20, and the chain leg is written "
                         "(wallets, chain_transfers, otc_trades; docs/crypto.md); off keeps the world as it was")
    traders: int = knob(6, "OTC traders (U merchants) selling USDT for bank money to gangs and honest buyers alike")
    exchanges: int = knob(3, "exchanges, each with hot wallets (tagged) and deposit addresses (untagged) that sweep to them")
    usdt_rate: float = knob(7.2, "market price of one USDT in the world's currency")
    rate_premium_max: float = knob(0.03, "most a trader charges above the market price (gangs and buyers alike)")
    peel_hops_max: int = knob(4, "most hops of a gang's peel chain before its consolidation wallet")
    black_u_share: float = knob(0.25, "share of a gang's trades whose coins go to a black-U dealer who resells them")
    retail_trades_per_1000_day: float = knob(2.0, "honest purchases and sales of USDT through the traders per 1,000 persons per day")
    businesses: int = knob(8, "small businesses paid in USDT by customers abroad, selling to the traders")
    processors: int = knob(2, "payment processors: many customer wallets pay in, bulk payouts to merchants")


@dataclass(frozen=True)
class Scenario:
    name: str = "custom"
    description: str = ""
    world: World = field(default_factory=World)
    population: Population = field(default_factory=Population)
    traffic: Traffic = field(default_factory=Traffic)
    confounders: Confounders = field(default_factory=Confounders)
    gangs: Gangs = field(default_factory=Gangs)
    mules: Mules = field(default_factory=Mules)
    victims: Victims = field(default_factory=Victims)
    crypto: Crypto = field(default_factory=Crypto)

    def replace(self, people: int | None = None, days: int | None = None) -> Scenario:
        """A copy with the population size or length changed (``None`` keeps it)."""
        world = dataclasses.replace(
            self.world, people=people or self.world.people, days=days or self.world.days
        )
        return check_scenario(dataclasses.replace(self, world=world))

    @property
    def start(self) -> datetime:
        return datetime.combine(date.fromisoformat(self.world.start), datetime.min.time(), UTC)


_SECTION_CLASSES = {"world": World, "population": Population, "traffic": Traffic, "confounders": Confounders,
                    "gangs": Gangs, "mules": Mules, "victims": Victims, "crypto": Crypto}


def knobs() -> dict[str, list[tuple[str, Any, str]]]:
    """Every knob by section: ``(name, default, help)``, for the docs and the docs test."""
    return {
        section: [(f.name, f.default if f.default is not dataclasses.MISSING else f.default_factory(), f.metadata["help"])
                  for f in dataclasses.fields(cls)]
        for section, cls in _SECTION_CLASSES.items()
    }


def load_scenario(scenario: str | Path | Scenario) -> Scenario:
    """A built-in scenario by name, a scenario file by path, or a ``Scenario`` as it is."""
    if isinstance(scenario, Scenario):
        return check_scenario(scenario)
    if isinstance(scenario, str) and scenario in BUILTIN:
        text = resources.files("scamnet.sim.scenarios").joinpath(f"{scenario}.toml").read_text(encoding="utf-8")
        return scenario_from_toml(text, source=f"built-in scenario {scenario!r}", name=scenario)
    path = Path(scenario)
    if not path.is_file():
        raise ConfigError(
            f"no scenario {str(scenario)!r}", hint=f"give a built-in name ({', '.join(BUILTIN)}) or a TOML file"
        )
    return scenario_from_toml(path.read_text(encoding="utf-8"), source=str(path), name=path.stem)


def scenario_from_toml(text: str, source: str = "scenario", name: str = "custom") -> Scenario:
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{source}: not valid TOML ({exc})", hint="fix the scenario file") from exc
    parts: dict[str, Any] = {"name": raw.pop("name", name), "description": raw.pop("description", "")}
    for section, values in raw.items():
        cls = _SECTION_CLASSES.get(section)
        if cls is None or not isinstance(values, dict):
            raise ConfigError(
                f"{source}: unknown section [{section}]", hint="sections: " + ", ".join(_SECTION_CLASSES)
            )
        parts[section] = cls(**{k: _knob_value(cls, section, k, v, source) for k, v in values.items()})
    return check_scenario(Scenario(**parts))


def _knob_value(cls: type, section: str, key: str, value: Any, source: str) -> Any:
    known = {f.name: f for f in dataclasses.fields(cls)}
    if key not in known:
        raise ConfigError(
            f"{source}: unknown knob {section}.{key}", hint=f"knobs of [{section}]: " + ", ".join(known)
        )
    default = getattr(cls(), key)
    if isinstance(default, float) and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if type(value) is not type(default):
        raise ConfigError(
            f"{source}: {section}.{key} is {value!r}, expected a {type(default).__name__}",
            hint=known[key].metadata["help"],
        )
    if isinstance(default, dict):
        return {**default, **value} if section == "mules" else dict(value)
    return value


#: Scam types a gang can run on victims (the recruitment types recruit mules and workers instead).
_VICTIM_TYPES = [t.value for t in ScamType if t not in RECRUITMENT_TYPES]


def _share_rules(s: Scenario, names: tuple[str, ...]) -> list[tuple[bool, str, Any, str]]:
    """A range rule per ``section.knob`` that is a share: between 0 and 1."""
    rules = []
    for name in names:
        section, knob_name = name.split(".")
        value = getattr(getattr(s, section), knob_name)
        rules.append((0.0 <= value <= 1.0, name, value, "between 0 and 1"))
    return rules


def check_scenario(s: Scenario) -> Scenario:
    """The scenario, or a ``ConfigError`` naming the first knob out of its range."""
    rules = [*_world_rules(s), *_gang_rules(s), *_money_rules(s)]
    for ok, name, value, expected in rules:
        if not ok:
            raise ConfigError(f"scenario {s.name!r}: {name} is {value!r}, expected {expected}", hint="fix the scenario")
    try:
        date.fromisoformat(s.world.start)
    except ValueError:
        raise ConfigError(f"scenario {s.name!r}: world.start is {s.world.start!r}, expected a date like 2026-03-01",
                          hint="fix the scenario") from None
    return s


def _world_rules(s: Scenario) -> list[tuple[bool, str, Any, str]]:
    """Checks of the world's size and the victims' reports."""
    return [
        (s.world.people >= 50, "world.people", s.world.people, "at least 50"),
        (s.world.days >= 1, "world.days", s.world.days, "at least 1"),
        (1 <= s.world.regions <= 31, "world.regions", s.world.regions, "between 1 and 31"),
        (s.victims.report_delay_spread >= 0.0, "victims.report_delay_spread", s.victims.report_delay_spread,
         "at least 0"),
    ]


def _gang_rules(s: Scenario) -> list[tuple[bool, str, Any, str]]:
    """Checks of the gangs' knobs."""
    return [
        (4 <= s.gangs.slots_min <= s.gangs.slots_max <= 64, "gangs.slots_min/slots_max",
         (s.gangs.slots_min, s.gangs.slots_max), "4 <= slots_min <= slots_max <= 64"),
        (1 <= s.gangs.cells_per_gateway <= 3, "gangs.cells_per_gateway", s.gangs.cells_per_gateway, "between 1 and 3"),
        (set(s.gangs.scam_types) <= set(_VICTIM_TYPES), "gangs.scam_types", sorted(s.gangs.scam_types),
         "scam types from: " + ", ".join(_VICTIM_TYPES)),
        *_share_rules(s, ("gangs.off_network_share", "gangs.leaked_list_share", "gangs.leaked_target_share",
                          "gangs.new_script_share", "gangs.linkless_share", "gangs.qr_share",
                          "gangs.spoof_share", "gangs.spoof_official_share")),
        (s.gangs.retire_after_hours == -1 or s.gangs.retire_after_hours >= 0, "gangs.retire_after_hours",
         s.gangs.retire_after_hours, "-1 (never) or 0 and more"),
        (s.gangs.script_block_after >= 0, "gangs.script_block_after", s.gangs.script_block_after, "0 (never) or more"),
        (s.gangs.linkless_share + s.gangs.qr_share <= 1.0, "gangs.linkless_share and qr_share together",
         round(s.gangs.linkless_share + s.gangs.qr_share, 6), "at most 1"),
        (s.gangs.imei_mode in {"box", "slot", "sim"}, "gangs.imei_mode", s.gangs.imei_mode, "box, slot or sim"),
        (s.gangs.imei_tac in {"popular", "random"}, "gangs.imei_tac", s.gangs.imei_tac, "popular or random"),
        (1 <= s.gangs.sim_age_min_days <= s.gangs.sim_age_max_days, "gangs.sim_age_min_days/sim_age_max_days",
         (s.gangs.sim_age_min_days, s.gangs.sim_age_max_days), "1 <= sim_age_min_days <= sim_age_max_days"),
        (s.gangs.platforms >= 0, "gangs.platforms", s.gangs.platforms, "0 or more"),
        (all(0.0 <= v <= 1.0 for v in (s.gangs.platform_gang_share, s.gangs.sim_supplier_share,
                                        s.gangs.shared_hosting_share, s.gangs.rented_gateway_share)),
         "gangs.platform_gang_share/sim_supplier_share/shared_hosting_share/rented_gateway_share",
         (s.gangs.platform_gang_share, s.gangs.sim_supplier_share, s.gangs.shared_hosting_share,
          s.gangs.rented_gateway_share), "each between 0 and 1"),
        (s.gangs.shared_mule_share >= 0.0, "gangs.shared_mule_share", s.gangs.shared_mule_share, "0 or more"),
    ]


def _money_rules(s: Scenario) -> list[tuple[bool, str, Any, str]]:
    """Checks of the mules' and the crypto leg's knobs."""
    return [
        (1 <= s.mules.layers <= 3, "mules.layers", s.mules.layers, "between 1 and 3"),
        (0.0 <= s.mules.recruited_share <= 1.0, "mules.recruited_share", s.mules.recruited_share, "between 0 and 1"),
        (set(s.mules.cashout_channels) <= {"atm", "crypto_otc", "wire_abroad", "goods"}, "mules.cashout_channels",
         sorted(s.mules.cashout_channels), "atm, crypto_otc, wire_abroad, goods"),
        (0.0 <= s.mules.split_spread <= 0.95, "mules.split_spread", s.mules.split_spread, "between 0 and 0.95"),
        (0.0 <= s.mules.atm_chunk_jitter <= 1.0 and s.mules.atm_chunk_max >= 100, "mules.atm_chunk_max/atm_chunk_jitter",
         (s.mules.atm_chunk_max, s.mules.atm_chunk_jitter), "atm_chunk_max >= 100, jitter between 0 and 1"),
        (s.mules.structure_below == 0 or s.mules.structure_below >= 100, "mules.structure_below", s.mules.structure_below,
         "0 (off) or at least 100"),
        (s.crypto.traders >= 1 and s.crypto.exchanges >= 1 and s.crypto.peel_hops_max >= 1, "crypto.traders/exchanges/peel_hops_max",
         (s.crypto.traders, s.crypto.exchanges, s.crypto.peel_hops_max), "each at least 1"),
        (s.crypto.usdt_rate > 0, "crypto.usdt_rate", s.crypto.usdt_rate, "above 0"),
        *_share_rules(s, ("crypto.black_u_share", "crypto.rate_premium_max")),
    ]
