"""The rules page's changes to a rule file's text: turning one rule on or off, keeping every other line as it is."""

from __future__ import annotations

import re

from scamnet.core.errors import NotFoundError

_BLOCK = re.compile(r"^\[\[rule\]\]\s*$", re.MULTILINE)
_ENABLED = re.compile(r"^enabled\s*=.*\n?", re.MULTILINE)


def with_rule_enabled(text: str, name: str, enabled: bool) -> str:
    """``text`` with rule ``name`` turned on or off (its ``enabled`` line set, written after its name).

    >>> print(with_rule_enabled('[[rule]]\\nname = "a"\\nwhen = "amount > 1"\\n', "a", False), end="")
    [[rule]]
    name = "a"
    enabled = false
    when = "amount > 1"
    """
    starts = [m.start() for m in _BLOCK.finditer(text)] + [len(text)]
    name_line = re.compile(rf"^name\s*=\s*[\"']{re.escape(name)}[\"']\s*$", re.MULTILINE)
    for start, end in zip(starts, starts[1:], strict=False):
        block = text[start:end]
        found = name_line.search(block)
        if found is None:
            continue
        block = _ENABLED.sub("", block)
        found = name_line.search(block)
        assert found is not None
        cut = found.end() + 1
        block = f"{block[:cut]}enabled = {'true' if enabled else 'false'}\n{block[cut:]}"
        return text[:start] + block + text[end:]
    raise NotFoundError(f"no rule {name!r} in the rule file", hint="the rules page lists the rules by name")
