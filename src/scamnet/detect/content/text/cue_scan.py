"""Scan a text for many regular expressions at once, fast, with the result of one ordered alternation.

The result is what ``re.finditer`` over ``p1|p2|...`` (in the given order) finds: the leftmost
match, the first pattern that matches there, then on from its end. One such alternation tries
every pattern at every position, which made cue finding a slow step of scoring. Here the
patterns that start with a plain character go in one alternation that ``re`` can skip through
(it looks only at positions holding one of their first characters); the few others in a second.
A pattern that opens with a choice (``(text|txt)…``, ``(bank )?card…``, ``0?8…``) is first split
into one pattern per choice, in the order ``re`` tries them, so that each starts plainly.
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


# A pattern opening with a group of plain choices, optional or not: ``(a|b c)?rest``. An escaped symbol is plain.
_LEADING_CHOICE = re.compile(r"^(\\b)?\(((?:[^\\()\[\]{}?*+.^$|]|\\[^\w])+(?:\|(?:[^\\()\[\]{}?*+.^$|]|\\[^\w])+)*)\)(\?)?(.*)$", re.S)
# A pattern opening with an optional plain character: ``0?8…``.
_LEADING_OPTIONAL = re.compile(r"^(\\b)?([^\\()\[\]{}?*+.^$|])\?(.*)$", re.S)


def _lead(pattern: str) -> tuple[str, str] | None:
    """The character every match of ``pattern`` starts with and the pattern after it, when it says so plainly."""
    rest = pattern.removeprefix(_BOUNDARY)
    width = 2 if rest[:1] == "\\" and len(rest) > 1 and not rest[1].isalnum() else 1
    if not rest or (width == 1 and rest[0] in _META) or rest[width : width + 1] in _QUANTIFIERS:
        return None
    return rest[width - 1], rest[width:]


def first_char(pattern: str) -> str | None:
    """The character every match of ``pattern`` starts with, when the pattern says so plainly."""
    lead = _lead(pattern)
    return lead[0] if lead else None


def split_choices(pattern: str) -> list[str]:
    """``pattern`` as patterns that open plainly, in the order ``re`` tries its opening choices.

    The first of them that matches at a position matches what ``pattern`` matches there.

    >>> split_choices(r"(bank )?card (rental|hire)")
    ['bank card (rental|hire)', 'card (rental|hire)']
    >>> split_choices(r"\\b0?8\\d{8}")
    ['\\\\b08\\\\d{8}', '\\\\b8\\\\d{8}']
    """
    choice = _LEADING_CHOICE.match(pattern)
    if choice:
        boundary, options, optional, rest = choice.group(1) or "", choice.group(2).split("|"), choice.group(3), choice.group(4)
        return [split for option in options + ([""] if optional else []) for split in split_choices(boundary + option + rest)]
    optional_char = _LEADING_OPTIONAL.match(pattern)
    if optional_char:
        boundary, char, rest = optional_char.group(1) or "", optional_char.group(2), optional_char.group(3)
        return [*split_choices(boundary + char + rest), *split_choices(boundary + rest)]
    return [pattern]


class CueScanner:
    """Named patterns, in priority order; ``scan`` returns ``(name, matched text)`` per match, in text order."""

    def __init__(self, named_patterns: list[tuple[str, str]]) -> None:
        named_patterns = [(name, split) for name, pattern in named_patterns for split in split_choices(pattern)]
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
    """Alternations that together match at least wherever any pattern matches; order inside them does not matter.

    A finder may match where no pattern does (``_winner`` checks the real patterns): a pattern with a
    plain first character goes in the first alternation as that character and the rest, its ``\\b``
    dropped and its groups kept, so ``re`` skips to the positions holding one of those characters. A
    ``\\b`` in front, or a group, would hide the first character from ``re`` and make it try every
    position. Only patterns with no plain first character, or a ``|`` outside their groups, go in the second.
    """
    by_first: dict[str, list[str]] = {}
    other = []
    for pattern, char in zip(patterns, starts, strict=True):
        lead = _lead(pattern)
        if char is not None and lead is not None and not _top_level_alternation(lead[1]):
            by_first.setdefault(char, []).append(lead[1])
        else:
            other.append(pattern)
    # One branch per first character: at each position ``re`` compares a few characters, not every pattern.
    alternations = ["|".join(f"{re.escape(char)}(?:{'|'.join(tails)})" for char, tails in by_first.items()),
                    "|".join(f"(?:{p})" for p in other)]
    return [re.compile(a) for a in alternations if a]


def _top_level_alternation(pattern: str) -> bool:
    """Whether ``pattern`` holds a ``|`` outside every group and character class."""
    depth, in_class, escaped = 0, False, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return True
    return False
