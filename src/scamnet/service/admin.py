"""What an admin does through the service: create and revoke API keys, read and replace the rules.

New rules are validated as ``scamnet serve`` validates them at start (every problem named, the
rule and the position), written to the ``rules_file`` in one step (a temporary file renamed into
place, so a crash leaves the old file or the new one, never half of one) and decided with from
the next event. A service deciding with the shipped starter set (``rules_file`` not set) has no
file of its own to write: it refuses, and says to set one.
"""

from __future__ import annotations

import os
from pathlib import Path

from scamnet.core.clock import Clock
from scamnet.core.errors import ConfigError, ConflictError
from scamnet.rules.load import STARTER, rules_from_text
from scamnet.rules.model import Rule
from scamnet.service.analyst import API_WRITE_WAIT_S
from scamnet.service.decide import DecisionService
from scamnet.service.keys import NewKey, create_key, revoke
from scamnet.store.keys import StoredKey, stored_keys


class RulesNotWritable(ConflictError):
    """The service decides with the starter set, which it may not overwrite."""


def api_keys(service: DecisionService) -> list[StoredKey]:
    with service.store() as store:
        return stored_keys(store)


def new_api_key(service: DecisionService, role: str, label: str | None, clock: Clock) -> NewKey:
    assert service.db is not None
    with service.store_turn():
        made = create_key(service.db, role, clock, label, wait_s=API_WRITE_WAIT_S)
    service.refresh(force=True)
    return made


def revoke_api_key(service: DecisionService, key_id: str, clock: Clock) -> None:
    assert service.db is not None
    with service.store_turn():
        revoke(service.db, key_id, clock, wait_s=API_WRITE_WAIT_S)
    service.refresh(force=True)


def rules_text(service: DecisionService) -> tuple[str, str]:
    """The rule file the service decides with, and where it is (``starter.toml`` for the shipped set)."""
    chosen = service.settings.rules_file
    if not chosen:
        return STARTER.read_text(encoding="utf-8"), "starter.toml"
    return Path(chosen).read_text(encoding="utf-8"), chosen


def replace_rules(service: DecisionService, text: str) -> list[Rule]:
    """Validate ``text``, write it to the rule file, decide with it from the next event; the rules."""
    chosen = service.settings.rules_file
    if not chosen:
        raise RulesNotWritable("the service decides with the shipped starter rules, which it does not overwrite",
                               hint="set rules_file to a file the service may write (start from GET /v1/rules)")
    rules = rules_from_text(text, "the rules sent")
    if not rules:
        raise ConfigError("the rules sent hold no rule", hint="send the whole rule file (GET /v1/rules gives it)")
    path = Path(chosen)
    written = path.with_name(f".{path.name}.{os.getpid()}.new")
    written.write_text(text, encoding="utf-8")
    with written.open("rb") as out:
        os.fsync(out.fileno())
    os.replace(written, path)
    if service.decider is not None:
        service.decider.use_rules(rules)
    service.status.rules = len([r for r in rules if r.enabled])
    return rules
