"""Victim reports: a share of paying victims report after a delay, with partial, messy details.

Victims write numbers the way people do ("138 1234 5678", "+86…", "0086…"), copy account
numbers with spaces, sometimes paste links defanged by a helpful officer, remember only some of
what they saw, and now and then name the wrong scam type.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa

from scamnet.core.enums import ReportItemKind, ScamType
from scamnet.schema import table
from scamnet.sim.catalogue import profile
from scamnet.sim.columns import US_PER_S, money, timestamps
from scamnet.sim.reactions import note_report

if TYPE_CHECKING:
    from scamnet.sim.gangs import Gang
    from scamnet.sim.setup import Setup

REPORTS, REPORT_ITEMS = table("reports"), table("report_items")
NARRATIVE_ZH = "对方自称{role}，{what}，我先后转账{count}笔，共计{amount}元。"
NARRATIVE_EN = "The caller said they were {role}; {what}. I made {count} transfer(s), {amount} CNY in total."
WHAT_ZH = {
    "government_impersonation": "说我涉嫌洗钱，要求把钱转到安全账户配合调查", "customer_service_refund": "说要给我退款理赔，让我按步骤操作",
    "task_rebate": "让我做刷单任务，前几单返了佣金，后来要我垫付大额", "fake_investment": "拉我进投资群，说跟着老师稳赚",
    "pig_butchering": "在网上认识后带我在平台投资，后来无法提现", "fake_loan": "说可以无抵押贷款，但要先交保证金和解冻费",
    "boss_impersonation": "冒充我们领导让我给客户转账", "acquaintance_impersonation": "冒充老朋友说出了急事借钱",
    "romance": "网恋几个月后说要交关税和手续费",
}
WHAT_EN = {
    "government_impersonation": "they said my ID was used for money laundering and told me to move my money to a safe account",
    "customer_service_refund": "they offered a refund and walked me through the steps",
    "task_rebate": "they paid small rebates for online tasks, then asked me to advance large sums",
    "fake_investment": "they added me to an investment group with a mentor who promised sure profits",
    "pig_butchering": "we met online and they got me to invest on a platform I could not withdraw from",
    "fake_loan": "they promised a loan without collateral but asked for deposits first",
    "boss_impersonation": "they posed as my boss and told me to pay a client",
    "acquaintance_impersonation": "they posed as an old friend in trouble and asked to borrow money",
    "romance": "after months of online dating they asked me to pay customs fees",
}


@dataclass
class Story:
    """What one victim went through, as far as a report can tell it."""

    person: int
    scam_type: ScamType
    sims: list[int]
    urls: list[str]
    payments: list[int] = field(default_factory=list)  # indexes into the day's payments
    shown: list[str] = field(default_factory=list)  # spoofed numbers the victim saw instead of the gang's own


def written_phone(number: str, style: int) -> str:
    """A phone number the way a victim writes it.

    >>> [written_phone("+8613812345678", s) for s in range(4)]
    ['+8613812345678', '138 1234 5678', '0086 138-1234-5678', '13812345678']
    """
    national = number[3:] if number.startswith("+86") else number.lstrip("+")
    return [number, f"{national[:3]} {national[3:7]} {national[7:]}", f"0086 {national[:3]}-{national[3:7]}-{national[7:]}",
            national][style % 4]


def written_url(url: str, defang: bool) -> str:
    """A link as pasted into a report, sometimes defanged (``hxxps://example[.]com/x``)."""
    if not defang:
        return url
    scheme, rest = url.split("://", 1)
    host, _, path = rest.partition("/")
    return f"{scheme.replace('tt', 'xx')}://{host.replace('.', '[.]')}/{path}"


def report_tables(setup: Setup, gang: Gang, rng, ids, stories: list[Story], payments: list[tuple],
                  txn_ids: pa.Array) -> list[pa.Table]:
    knobs = setup.scenario.victims
    reports, items = [], []
    for story in stories:
        if not story.payments or rng.random() >= knobs.report_rate:
            continue
        paid = [payments[i] for i in story.payments]
        delay_s = rng.lognormal(np.log(knobs.report_delay_hours * 3600), knobs.report_delay_spread)
        at = max(p[0] for p in paid) + int(delay_s * US_PER_S)
        if at >= setup.end_us:
            continue
        report_id = ids.take("r", len(reports) + 1)[-1].as_py()
        reports.append(_report_row(setup, rng, story, paid, at, report_id))
        items += _items(setup, gang, rng, story, paid, txn_ids, report_id)
        note_report(setup, gang, at, story.sims, [int(gang.mules["l1"][p[3]]) for p in paid])
    return [_reports_table(reports), _items_table(items)]


def _report_row(setup: Setup, rng, story: Story, paid: list[tuple], at: int, report_id: str) -> dict:
    people, person = setup.people, story.person
    english = bool(people.english[person])
    cents = sum(p[2] for p in paid)
    wrong = rng.random() < setup.scenario.victims.misreport_share
    scam_type = ScamType.OTHER if wrong else story.scam_type
    role = profile(story.scam_type).role_en if english else profile(story.scam_type).role_zh
    what = (WHAT_EN if english else WHAT_ZH)[story.scam_type.value]
    narrative = (NARRATIVE_EN if english else NARRATIVE_ZH).format(role=role, what=what, count=len(paid), amount=f"{cents / 100:.2f}")
    return {
        "report_id": report_id, "reported_at": at, "victim_person": people.person_id[person].as_py(),
        "victim_msisdn": setup.number_of(np.array([person]))[0].as_py() if rng.random() < 0.9 else None,
        "victim_account": setup.accounts["account_id"][int(people.account[person])].as_py(),
        "scam_type": scam_type.value, "cents": cents, "currency": setup.scenario.world.currency, "narrative": narrative,
    }


def _items(setup: Setup, gang: Gang, rng, story: Story, paid: list[tuple], txn_ids: pa.Array, report_id: str) -> list[tuple]:
    recall = setup.scenario.victims.item_recall
    out = []
    for sim in dict.fromkeys(story.sims):
        if rng.random() < recall:
            out.append((report_id, ReportItemKind.PHONE.value, written_phone(setup.sims["msisdn"][sim].as_py(), int(rng.integers(4)))))
    for number in story.shown:
        if rng.random() < recall:
            out.append((report_id, ReportItemKind.PHONE.value, written_phone(number, int(rng.integers(4)))))
    for l1 in dict.fromkeys(p[3] for p in paid):
        if rng.random() < recall:
            account = setup.accounts["account_id"][int(gang.mules["l1"][l1])].as_py()
            spaced = " ".join(account[i:i + 4] for i in range(0, len(account), 4))
            out.append((report_id, ReportItemKind.ACCOUNT.value, spaced if rng.random() < 0.4 else account))
    for url in dict.fromkeys(story.urls):
        if rng.random() < recall:
            out.append((report_id, ReportItemKind.URL.value, written_url(url, rng.random() < 0.3)))
    for i in story.payments:
        if rng.random() < 0.3:
            out.append((report_id, ReportItemKind.TXN.value, txn_ids[i].as_py()))
    if setup.crypto is not None and story.scam_type in _WALLET_TYPES and rng.random() < recall:
        # the "platform" showed the victim the gang's deposit wallet (crypto.py): victims name it
        wallets = setup.crypto.gangs[gang.gang_id].receive
        out.append((report_id, ReportItemKind.WALLET.value, wallets[int(rng.integers(len(wallets)))]))
    return list(dict.fromkeys(out))


#: Scams whose fake platforms show a crypto deposit wallet (named in reports when the chain leg is on).
_WALLET_TYPES = frozenset({ScamType.FAKE_INVESTMENT, ScamType.PIG_BUTCHERING, ScamType.TASK_REBATE})


def _reports_table(rows: list[dict]) -> pa.Table:
    if not rows:
        return REPORTS.empty()
    columns = {k: [r[k] for r in rows] for k in rows[0]}
    return pa.Table.from_arrays([
        pa.array(columns["report_id"], pa.string()), timestamps(np.array(columns["reported_at"])),
        pa.array(columns["victim_person"], pa.string()), pa.array(columns["victim_msisdn"], pa.string()),
        pa.array(columns["victim_account"], pa.string()), pa.array(columns["scam_type"], pa.string()),
        money(np.array(columns["cents"])), pa.array(columns["currency"], pa.string()),
        pa.array(columns["narrative"], pa.string()),
    ], schema=REPORTS.schema)


def _items_table(rows: list[tuple]) -> pa.Table:
    if not rows:
        return REPORT_ITEMS.empty()
    return pa.Table.from_arrays([pa.array(list(c), pa.string()) for c in zip(*rows, strict=True)], schema=REPORT_ITEMS.schema)
