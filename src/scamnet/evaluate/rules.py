"""``scamnet rules test``: a rule set back-tested on a world or a store, measured against the labels.

Every transfer gets its rule context from the history before it
(``features/sql/rules/transfer_context.sql``), the rules run on it as SQL, and the decisions are
compared with the labels where there are any. A **true hit** is a transfer that is scam money:

- a victim's payment: labelled ``victim_transfer``, or a transfer id a victim named in a report
  (``report_items`` of kind ``txn``);
- gang money on the move: a transfer out of an account labelled as a mule (``mule_l1..3``,
  ``cashout``) into another such account, or out to cash.

Analysts' verdicts and dissuasion outcomes count too (``store.verdicts``): an account whose alert
was confirmed counts as a mule, one whose alert was dismissed does not, and the transfers into and
out of it (but a payment a victim reported) are **known legitimate**; a payment a dissuasion call
settled as ``persuaded``, ``paid_anyway`` or ``reached`` is a victim's payment, one settled as
``false_alarm`` is known legitimate. A store with verdicts but no ground truth is back-tested on
the verdicts alone. Everything else is a legitimate transfer. Figures: hits, true hits, precision, recall of scam
money, recall of victims' payments, and the share of legitimate transfers hit (for the whole
set: held or blocked, and warned). The live form is checked on the way: each transfer's live
decision (compiled Python over the same context) must equal its back-test decision.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa

from scamnet.core.enums import Action, LabelRole
from scamnet.core.errors import ConfigError
from scamnet.features.data import Data
from scamnet.features.runner import run_feature
from scamnet.rules.backtest import backtest_decisions, rule_hits
from scamnet.rules.decide import decide
from scamnet.rules.load import load_rules
from scamnet.rules.model import Rule
from scamnet.share.keyed_hash import entity_hash
from scamnet.store import Store, open_store
from scamnet.store.labels import labelled_accounts, transfers_among, victim_payments
from scamnet.store.verdicts import transfers_touching, verdict_labels
from scamnet.store.watchlist import hashed_watchlist_entries, transfer_accounts, watchlist_table

KEY = "txn_id"
CONTEXT = "rules/transfer_context"
MULE_ROLES = (LabelRole.MULE_L1, LabelRole.MULE_L2, LabelRole.MULE_L3, LabelRole.CASHOUT)
WATCHLIST_SCHEMA = pa.schema([("entity", pa.string()), ("score", pa.float64())])
HELD = {Action.HOLD.value, Action.BLOCK.value}


def backtest_world(rule_file: Path, world_dir: Path, *, utc_offset_hours: float = 8.0) -> dict[str, Any]:
    """The back-test of ``rule_file`` on a world folder (its watchlist is empty: nothing was flagged yet)."""
    return rules_backtest(load_rules(rule_file), Data.from_dir(world_dir), empty_watchlist(), utc_offset_hours)


def backtest_store(rule_file: Path, db: Path, *, utc_offset_hours: float = 8.0,
                   secret: bytes | None = None) -> dict[str, Any]:
    """The back-test of ``rule_file`` on a store, with its alerts and partners' indicators as the watchlist.

    With the ``secret`` shared with partners, their keyed-hash indicators list the accounts whose
    hash they name, as they do in live decisions.
    """
    rules = load_rules(rule_file)
    with open_store(db, read_only=True) as store:
        return rules_backtest(rules, store.data(), store_watchlist(store, secret), utc_offset_hours)


def empty_watchlist() -> pa.Table:
    return WATCHLIST_SCHEMA.empty_table()


def store_watchlist(store: Store, secret: bytes | None = None) -> pa.Table:
    """Entities with an open alert and partners' indicators, with their scores: the live service's watchlist.

    Partners' keyed hashes are matched when the shared ``secret`` is given: every account the
    transfers name is hashed, and one whose hash a partner listed is listed under its own id (the
    back-test context reads accounts only). Today's watchlist is applied to past transfers:
    optimistic for a back-test, and said so in docs/rules.md.
    """
    raw = watchlist_table(store).cast(WATCHLIST_SCHEMA)
    hashed = hashed_watchlist_entries(store) if secret is not None else []
    if not hashed:
        return raw
    assert secret is not None
    best: dict[str, float] = {}
    for listing in hashed:
        best[listing.entity] = max(listing.score, best.get(listing.entity, listing.score))
    matched = {}
    for account in transfer_accounts(store):
        entity = f"account:{account}"
        score = best.get(f"account:{entity_hash(entity, secret)}")
        if score is not None:
            matched[entity] = score
    found = pa.table({"entity": list(matched), "score": list(matched.values())}, schema=WATCHLIST_SCHEMA)
    return pa.concat_tables([raw, found])


def transfer_contexts(data: Data, watchlist: pa.Table, utc_offset_hours: float) -> pa.Table:
    """The rule context of every transfer of ``data``: one row per transfer, one column per field."""
    return run_feature(data, CONTEXT, utc_offset_hours=utc_offset_hours, tables={"watchlist": watchlist})


def rules_backtest(rules: Sequence[Rule], data: Data, watchlist: pa.Table, utc_offset_hours: float) -> dict[str, Any]:
    """Per rule and for the set: hits and, where labels exist, precision, recall and legitimate share hit."""
    transfer_rules = [r for r in rules if r.enabled and r.event == "transfer"]
    if not transfer_rules:
        raise ConfigError("no enabled transfer rule to back-test", hint="only rules on transfers can be back-tested")
    context = transfer_contexts(data, watchlist, utc_offset_hours)
    hits = rule_hits(transfer_rules, context, KEY)
    decisions = backtest_decisions(transfer_rules, hits, KEY)
    truth = scam_transfers(data)
    rows = [_rule_row(r, hits[r.name].to_pylist(), hits[KEY].to_pylist(), truth) for r in transfer_rules]
    return {"transfers": context.num_rows, "rules": len(transfer_rules),
            "skipped": [r.name for r in rules if r not in transfer_rules],
            "labelled": truth.labelled, "scam_transfers": len(truth.scam), "victim_payments": len(truth.victim),
            "rows": rows + _set_rows(decisions, truth),
            "live_mismatches": live_mismatches(transfer_rules, context, decisions)}


@dataclass(frozen=True)
class Truth:
    """Which transfers are scam money, which of those are victims' payments, and whether any label exists."""

    scam: set[str]
    victim: set[str]
    labelled: bool
    #: Transfers an analyst's dismissal or an officer's ``false_alarm`` settled as legitimate.
    known_legit: frozenset[str] = frozenset()


def scam_transfers(data: Data) -> Truth:
    """The true hits of the module's docstring, from ``labels``, ``report_items`` and the verdicts."""
    verdicts = verdict_labels(data)
    settled = {v.entity.removeprefix("account:"): v.positive for v in verdicts
               if v.source == "review" and v.entity.startswith("account:")}
    paid = {v.entity.removeprefix("txn:"): v.positive for v in verdicts if v.source == "dissuasion"}
    false_alarms = {t for t, positive in paid.items() if not positive}
    victim = (victim_payments(data) | {t for t, positive in paid.items() if positive}) - false_alarms
    dismissed = sorted(a for a, positive in settled.items() if not positive)
    mules = sorted((set(labelled_accounts(data, MULE_ROLES)) | {a for a, p in settled.items() if p}) - set(dismissed))
    known_legit = frozenset(false_alarms | (transfers_touching(data, dismissed) - victim))
    scam = (victim | transfers_among(data, mules)) - known_legit
    return Truth(scam, victim, bool(victim or mules or known_legit), known_legit)


def _rule_row(rule: Rule, fired: list[bool], keys: list[str], truth: Truth) -> dict[str, Any]:
    hit = {k for k, f in zip(keys, fired, strict=True) if f}
    return {"rule": rule.name, "action": rule.action.value, "priority": rule.priority} | _figures(hit, keys, truth)


def _set_rows(decisions: pa.Table, truth: Truth) -> list[dict[str, Any]]:
    keys, actions = decisions[KEY].to_pylist(), decisions["action"].to_pylist()
    held = {k for k, a in zip(keys, actions, strict=True) if a in HELD}
    warned = {k for k, a in zip(keys, actions, strict=True) if a == Action.WARN.value}
    return [{"rule": "(set) held or blocked", "action": "hold/block", "priority": None} | _figures(held, keys, truth),
            {"rule": "(set) any action", "action": "warn+", "priority": None} | _figures(held | warned, keys, truth)]


def _figures(hit: set[str], keys: list[str], truth: Truth) -> dict[str, Any]:
    legit = len(keys) - len(truth.scam)
    true_hits = len(hit & truth.scam)
    if not truth.labelled:
        return {"hits": len(hit), "true_hits": None, "precision": None, "recall": None, "victim_recall": None,
                "legit_share": None, "known_legit_hits": None}
    return {
        "hits": len(hit), "true_hits": true_hits, "precision": true_hits / len(hit) if hit else None,
        "recall": true_hits / len(truth.scam) if truth.scam else None,
        "victim_recall": len(hit & truth.victim) / len(truth.victim) if truth.victim else None,
        "legit_share": (len(hit) - true_hits) / legit if legit else None,
        "known_legit_hits": len(hit & truth.known_legit) if truth.known_legit else None,
    }


def live_mismatches(rules: Sequence[Rule], context: pa.Table, decisions: pa.Table) -> int:
    """Transfers whose live decision (compiled Python on the context row) differs from the back-test's."""
    actions = decisions["action"].to_pylist()
    return sum(decide(rules, row).action.value != action
               for row, action in zip(context.to_pylist(), actions, strict=True))
