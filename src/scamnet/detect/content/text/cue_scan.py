"""Scan a text for many regular expressions at once, fast, with the result of one ordered alternation.

The result is what ``re.finditer`` over ``p1|p2|...`` (in the given order) finds: the leftmost
match, the first pattern that matches there, then on from its end. One such alternation tries
every pattern at every position, which made cue finding a slow step of scoring. Here the
patterns that start with a plain character go in one alternation that ``re`` can skip through
(it looks only at positions holding one of their first characters); the few others in a second.
At each match the winning pattern is found among the patterns that can start with that character.

>>> scanner = CueScanner([("a", "冻结令"), ("b", "冻结"), ("c", r"\\bnow\\b"), ("b", "now")])
>>> scanner.scan("冻结令已下达，账户冻结, act now")
[('a', '冻结令'), ('b', '冻结'), ('c', 'now')]
"""

from __future__ import annotations

import re

_META = set("\\.^$*+?{}[]|()")
_QUANTIFIERS = set("?*+{")
_BOUNDARY = r"\b"


def first_char(pattern: str) -> str | None:
    """The character every match of ``pattern`` starts with, when the pattern says so plainly."""
    rest = pattern.removeprefix(_BOUNDARY)
    if not rest or rest[0] in _META or (len(rest) > 1 and rest[1] in _QUANTIFIERS):
        return None
    return rest[0]


class CueScanner:
    """Named patterns, in priority order; ``scan`` returns ``(name, matched text)`` per match, in text order."""

    def __init__(self, named_patterns: list[tuple[str, str]]) -> None:
        self.names = [name for name, _ in named_patterns]
        self.patterns = [re.compile(pattern) for _, pattern in named_patterns]
        starts = [first_char(pattern) for _, pattern in named_patterns]
        self.anywhere = [i for i, char in enumerate(starts) if char is None]
        self.by_char: dict[str, list[int]] = {}
        for i, char in enumerate(starts):
            if char is not None:
                self.by_char.setdefault(char, []).append(i)
        self.finders = _finders([pattern for _, pattern in named_patterns], starts)
        self._candidates: dict[str, list[int]] = {}

    def scan(self, text: str) -> list[tuple[str, str]]:
        found, matches = [finder.search(text) for finder in self.finders], []
        while any(found):
            start = min(match.start() for match in found if match)
            name, term, end = self._winner(text, start)
            if name is not None:
                matches.append((name, term))
            pos = max(end, start + 1)
            found = [m if m is None or m.start() >= pos else f.search(text, pos) for m, f in zip(found, self.finders, strict=True)]
        return matches

    def _winner(self, text: str, start: int) -> tuple[str | None, str, int]:
        """The first pattern, in priority order, that matches at ``start``."""
        for i in self._candidates_for(text[start]):
            match = self.patterns[i].match(text, start)
            if match:
                return self.names[i], match.group(0), match.end()
        return None, "", start + 1

    def _candidates_for(self, char: str) -> list[int]:
        if char not in self._candidates:
            self._candidates[char] = sorted(self.by_char.get(char, []) + self.anywhere)
        return self._candidates[char]


def _finders(patterns: list[str], starts: list[str | None]) -> list[re.Pattern[str]]:
    """Alternations that together match wherever any pattern matches; order inside them does not matter."""
    # Plain alternatives go unwrapped (a group in front would hide their first character from ``re``), so
    # those holding a "|" go with the others.
    is_plain = [char is not None and "|" not in p and not p.startswith(_BOUNDARY) for p, char in zip(patterns, starts, strict=True)]
    plain = [p for p, keep in zip(patterns, is_plain, strict=True) if keep]
    bounded = [p.removeprefix(_BOUNDARY) for p in patterns if p.startswith(_BOUNDARY)]
    other = [p for p, keep in zip(patterns, is_plain, strict=True) if not keep and not p.startswith(_BOUNDARY)]
    by_first: dict[str, list[str]] = {}
    for pattern in plain:
        by_first.setdefault(pattern[0], []).append(pattern[1:])
    # One branch per first character: at each position ``re`` compares a few characters, not every pattern.
    alternations = ["|".join(f"{re.escape(char)}(?:{'|'.join(tails)})" for char, tails in by_first.items())]
    rest = ([_BOUNDARY + "(?:" + "|".join(f"(?:{p})" for p in bounded) + ")"] if bounded else []) + [
        f"(?:{p})" for p in other]
    alternations.append("|".join(rest))
    return [re.compile(a) for a in alternations if a]
