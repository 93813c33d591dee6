"""Reading a rule file (TOML): every rule checked, every problem reported at once, with file, rule and position.

A rule file is a list of ``[[rule]]`` tables::

    [[rule]]
    name = "payee_on_watchlist"
    description = "why the rule exists, in words"
    when = "in_watchlist(payee)"
    action = "hold"          # warn, hold or block
    priority = 100           # orders the reasons, higher first
    enabled = true           # optional
    event = "transfer"       # optional: transfer, call or message

>>> [r.name for r in rules_from_text(STARTER.read_text(), "starter.toml")][:2]
['payee_on_watchlist', 'payee_flagged_mule']
"""

from __future__ import annotations

import re
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

from scamnet.core.enums import Action
from scamnet.core.errors import ConfigError
from scamnet.rules.check import ExpressionProblem
from scamnet.rules.model import Rule

STARTER = resources.files("scamnet.rules") / "starter.toml"
REQUIRED = ("name", "description", "when", "action", "priority")
OPTIONAL = ("enabled", "event")
ACTIONS = (Action.WARN, Action.HOLD, Action.BLOCK)
_NAME = re.compile(r"[a-z][a-z0-9_]{0,62}")


def load_rules(path: str | Path) -> list[Rule]:
    """The rules of the file at ``path``, enabled or not, in file order."""
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"no rule file at {path}", hint="see docs/rules.md for the format")
    return rules_from_text(path.read_text(encoding="utf-8"), str(path))


def starter_rules() -> list[Rule]:
    """The starter rule set shipped with scamnet (``scamnet/rules/starter.toml``)."""
    return rules_from_text(STARTER.read_text(encoding="utf-8"), "starter.toml")


def rules_from_text(text: str, source: str) -> list[Rule]:
    """The rules of TOML ``text`` (``source`` names it in errors); a ``ConfigError`` listing every problem."""
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{source}: not valid TOML: {exc}", hint="see docs/rules.md for the format") from None
    entries = _entries(doc, source)
    rules, problems = [], []
    for number, entry in enumerate(entries, start=1):
        try:
            rules.append(_rule(entry, number))
        except _Problem as exc:
            problems.append(f"{source}: {exc}")
    problems += [f"{source}: {p}" for p in _duplicates([e.get("name") for e in entries])]
    if problems:
        raise ConfigError(f"{len(problems)} problem(s) in the rules:\n  " + "\n  ".join(problems),
                          hint="fix the rule file (docs/rules.md lists the fields and functions allowed)")
    return rules


class _Problem(Exception):
    pass


def _entries(doc: dict[str, Any], source: str) -> list[dict[str, Any]]:
    unknown = sorted(set(doc) - {"rule"})
    if unknown:
        raise ConfigError(f"{source}: unknown top-level key(s) {', '.join(unknown)}", hint="a rule file holds [[rule]] tables")
    entries = doc.get("rule", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise ConfigError(f"{source}: 'rule' must be a list of tables ([[rule]])", hint="see docs/rules.md")
    return entries


def _rule(entry: dict[str, Any], number: int) -> Rule:
    name = entry.get("name")
    where = f"rule {name!r}" if isinstance(name, str) else f"rule #{number}"
    _check_keys(entry, where)
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise _Problem(f"{where}: name must be lower_snake_case (letters, digits, _), got {name!r}")
    try:
        return Rule(name, _text(entry, "when", where), _action(entry, where), _priority(entry, where),
                    _text(entry, "description", where), event=_text(entry, "event", where, "transfer"),
                    enabled=_enabled(entry, where))
    except ExpressionProblem as exc:
        raise _Problem(f"{where}: when{_position(entry['when'], exc.start)}: {exc.message}") from None
    except ConfigError as exc:
        raise _Problem(f"{where}: {exc.message}") from None


def _check_keys(entry: dict[str, Any], where: str) -> None:
    missing = [k for k in REQUIRED if k not in entry]
    unknown = sorted(set(entry) - set(REQUIRED) - set(OPTIONAL))
    if missing or unknown:
        parts = ([f"missing {', '.join(missing)}"] if missing else []) + (
            [f"unknown key(s) {', '.join(unknown)}"] if unknown else [])
        raise _Problem(f"{where}: {'; '.join(parts)} (keys: {', '.join(REQUIRED + OPTIONAL)})")


def _text(entry: dict[str, Any], key: str, where: str, default: str | None = None) -> str:
    value = entry.get(key, default)
    if not isinstance(value, str) or not value.strip():
        raise _Problem(f"{where}: {key} must be a non-empty string, got {value!r}")
    return value


def _action(entry: dict[str, Any], where: str) -> Action:
    value = entry["action"]
    if value not in {a.value for a in ACTIONS}:
        raise _Problem(f"{where}: action must be one of {', '.join(ACTIONS)}, got {value!r} "
                       "(allow is what happens when no rule fires)")
    return Action(value)


def _priority(entry: dict[str, Any], where: str) -> int:
    value = entry["priority"]
    if not isinstance(value, int) or isinstance(value, bool):
        raise _Problem(f"{where}: priority must be a whole number, got {value!r}")
    return value


def _enabled(entry: dict[str, Any], where: str) -> bool:
    value = entry.get("enabled", True)
    if not isinstance(value, bool):
        raise _Problem(f"{where}: enabled must be true or false, got {value!r}")
    return value


def _position(text: str, start: int | None) -> str:
    """``, line 2, column 5`` (``, column 5`` on a one-line expression) for character ``start`` of ``text``."""
    if start is None:
        return ""
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    return f", line {line}, column {column}" if "\n" in text.strip() else f", column {column}"


def _duplicates(names: list[Any]) -> list[str]:
    texts = [n for n in names if isinstance(n, str)]
    twice = [n for n in dict.fromkeys(texts) if texts.count(n) > 1]
    return [f"rule {name!r} is defined twice" for name in twice]
