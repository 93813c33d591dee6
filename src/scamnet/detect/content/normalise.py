"""Undo the tricks scam senders use to slip past keyword filters, and the ways text arrives, so that cues and models see plain text.

Full-width letters, spaces or symbols between Chinese characters, Cyrillic or Greek letters that
look Latin inside Latin words, zero-width and direction-control characters, emoji, defanged links
(``hxxp``, ``[.]``, `` dot ``), the part markers of a long SMS (``(1/2)``) and the many spellings
of WeChat all map to one plain, lower-case form. A plain message and its obfuscated variants
normalise to the same string; normalising twice changes nothing; digits and the letters of other
scripts are kept (a Russian word stays Russian, a phone number stays digits).

>>> normalise_text("加 V 信：ＡＢＣ１２３，领取*退*款")
'加微信:abc123,领取退款'
>>> normalise_text("Cаll nоw") == normalise_text("Call now")
True
>>> normalise_text("薇信") == normalise_text("威信") == normalise_text("vx") == "微信"
True
>>> normalise_text("(1/2) 🎁 Claim at hxxps://gift-pay[.]top 🎁")
'claim at https://gift-pay.top'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

# Letters from other scripts that render like Latin ones (Cyrillic, Greek). Digit-for-letter swaps
# are left alone: "0" in a phone number must stay a digit.
_LOOKALIKE_LETTERS = {
        "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i", "ј": "j",
        "ԁ": "d", "ѕ": "s", "ԛ": "q", "ԝ": "w", "һ": "h", "ӏ": "l", "к": "k", "м": "m", "т": "t",
        "в": "b", "н": "h", "α": "a", "ο": "o", "ρ": "p", "ε": "e", "ν": "v", "τ": "t", "ι": "i",
        "κ": "k", "χ": "x", "υ": "u", "ω": "w", "β": "b", "ѡ": "w",
}
_LOOKALIKES = str.maketrans(_LOOKALIKE_LETTERS)
_LATIN_VARIANTS = (("ɡ", "g"), ("ı", "i"))
_LOOKALIKE_SCRIPTS = re.compile("[\u0370-\u03ff\u0400-\u052f\u1f00-\u1fff]")
_WORD = re.compile(r"\w+")
_LATIN_LETTER = re.compile("[a-z]")
# Zero-width, soft-hyphen, filler and direction-control characters: invisible, they only split words.
_INVISIBLE = re.compile(
    "[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u00ad\u180e\u034f\u061c\u115f\u1160\u17b4\u17b5"
    "\u3164\uffa0]"
)
# Emoji and pictographs (with their variation selectors, keycaps, skin tones, flags and tags) carry
# no words: each run becomes one space, so "🎁 free 🎁" reads as "free".
_EMOJI = re.compile(
    "[\U0001f000-\U0001faff\u2190-\u21ff\u2300-\u23ff\u2600-\u27bf\u2b00-\u2bff\ufe0e\ufe0f\u20e3"
    "\U000e0020-\U000e007f\u3030\u303d\u3297\u3299]+"
)
_CJK = "\u3400-\u4dbf\u4e00-\u9fff"
# Spaces and decoration symbols wedged between characters; sentence punctuation (，。！？：；) stays.
_FILLER = r"[\s\*\-_·•\.\|/\\~\^\+#=`'\"‘’“”<>〈〉★☆♥❤◆●○✓✔→♡~…]+"
_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}a-z0-9]){_FILLER}(?=[{_CJK}])|(?<=[{_CJK}]){_FILLER}(?=[a-z0-9])")
_SPACES = re.compile(r"\s+")
#: The compatibility characters Chinese messages are full of, with their NFKC forms (``_nfkc``).
_COMMON_COMPATIBLE = tuple((wide, unicodedata.normalize("NFKC", wide)) for wide in "，！：？；（）～…")

# Defanged links: hxxp(s), h**p, [:], and a dot written [.] (.) {.} 【.】 [dot] (dot), or " dot " before a top-level domain.
_DEFANGED_SCHEME = re.compile(r"\bh(?:xx|\*\*|tt)p(s?)(?:\[:\]|:)(?://|\[//\])")
_SCHEME_HINTS = ("hxxp", "h**p", "[:]", "[//]")
_BRACKETED_DOT = re.compile(r"(?<=[a-z0-9])\s?[\[\(\{【]\s?(?:\.|dot)\s?[\]\)\}】]\s?(?=[a-z0-9])")
_BRACKETED_DOT_HINT = re.compile(r"[\[\(\{【]\s?(?:\.|dot)\s?[\]\)\}】]")
_SPOKEN_DOTS = re.compile(r"[a-z0-9\-]+(?:\s+dot\s+[a-z0-9\-]+)+")
_SPOKEN_DOT = re.compile(r"\s+dot\s+")
_COMMON_TLDS = frozenset(
    ["com", "net", "org", "info", "biz", "top", "xyz", "vip", "cc", "co", "io", "me", "ly", "cn", "uk", "ru", "in", "us", "shop", "site", "online", "app", "link", "club", "live", "store", "icu", "buzz", "fun", "work", "tk", "ml", "ga", "cf", "gq", "pw", "ws", "asia", "hk", "tw", "sg", "my", "th", "ph", "id", "vn"]
)

# Part markers of a long SMS sent in pieces: "(1/2)", "[2/2]", "1/3", "part 1 of 2", at the start or end.
# Full-width brackets, slash and digits count as they are, so a marker is found in the text as written.
_SLASH = r"\s*[/／]\s*"
_BRACKETED = rf"[\(（]\s*(\d){_SLASH}(\d)\s*[\)）]|[\[［【]\s*(\d){_SLASH}(\d)\s*[\]］】]"
_BARE = rf"(\d)[/／](\d)|part\s*(\d)(?:{_SLASH}|\s*of\s*)(\d)"
_LEADING_MARKER = re.compile(rf"^(?:(?:{_BRACKETED})[\s:.\-：]*|(?:{_BARE})(?:[\s:.\-：]+|$))", re.IGNORECASE)
_TRAILING_MARKER = re.compile(rf"(?:[\s:.\-]*(?:{_BRACKETED})|(?:^|[\s:.\-]+)(?:{_BARE}))$", re.IGNORECASE)
_MARKER_EDGES = frozenset("0123456789０１２３４５６７８９([（［【pP")
_MARKER_ENDS = frozenset("0123456789０１２３４５６７８９)]）］】")


_VX = re.compile(r"(?<![a-z0-9])[vw]x")
#: Spellings of the chat apps that scammers use to move victims off SMS, each → its plain name.
_APP_ALIASES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?:v|w|vx|wx|威|薇|微|围|徽|维|卫|嶶|溦)信|weixin|wechat|we chat|微x|威x|薇x|(?<=加)v(?![a-z])"), "微信"),
    (re.compile(r"扣扣|企鹅号|q号|(?<![a-z])qq号?"), "qq"),
    (re.compile(r"纸飞机|飞机号|电报|tg(?=[:：\s])|telegram"), "telegram"),
    (re.compile(r"支付寳|支付堡|zfb|支付b"), "支付宝"),
)


def normalise_text(text: str) -> str:
    """The plain, lower-case form of ``text`` used by every content cue and model."""
    plain = _nfkc(text or "")
    plain = _INVISIBLE.sub("", plain).lower()
    if not plain.isascii():
        plain = _unmask_lookalikes(_EMOJI.sub(" ", plain))
        for variant, letter in _LATIN_VARIANTS:
            plain = plain.replace(variant, letter)
    plain = refang_text(plain)
    plain = strip_part_markers(plain.strip())
    if not plain.isascii():  # fillers go only next to a Chinese character
        plain = _BETWEEN_CJK.sub("", plain)
    before = plain
    for pattern, name in _APP_ALIASES:
        plain = pattern.sub(name, plain)
    if "vx" in plain or "wx" in plain:  # "vx" alone, not inside a word: "cw25wx" is a postcode
        plain = _VX.sub("微信", plain)
    # An app's plain name is Chinese: fillers next to it go as between other Chinese characters. Removing
    # fillers once leaves none to remove, so only a text the names changed is looked at again.
    if plain != before:
        plain = _BETWEEN_CJK.sub("", plain)
    return _SPACES.sub(" ", plain).strip()


def _nfkc(text: str) -> str:
    """Unicode NFKC of ``text``: the same string as ``unicodedata.normalize``, sooner for Chinese text.

    Full NFKC decomposes and recomposes every character once a text holds one it changes, and nearly
    every Chinese message holds full-width punctuation. Those are swapped for their NFKC forms first
    (single starters each side, so the result is the same), and most texts are then normal already.
    """
    if text.isascii():
        return text
    for wide, plain in _COMMON_COMPATIBLE:
        if wide in text:
            text = text.replace(wide, plain)
    return text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)


def _unmask_lookalikes(plain: str) -> str:
    """Cyrillic and Greek lookalikes as Latin letters, in words that mix them with Latin ones.

    A text whose Cyrillic or Greek letters are all lookalikes is a Latin text in disguise: all of it
    is read as Latin. A text with other letters of those scripts is Russian, Greek, ...: its own
    words stay as written.
    """
    if not _LOOKALIKE_SCRIPTS.search(plain):
        return plain
    found = _LOOKALIKE_SCRIPTS.findall(plain)
    if all(ch in _LOOKALIKE_LETTERS or not ch.isalpha() for ch in found):
        return plain.translate(_LOOKALIKES)
    return _WORD.sub(lambda w: w[0].translate(_LOOKALIKES) if _LATIN_LETTER.search(w[0]) else w[0], plain)


def refang_text(plain: str) -> str:
    """Defanged links in lower-case text written as links again (``hxxps://a[.]top`` → ``https://a.top``)."""
    if _BRACKETED_DOT_HINT.search(plain):
        plain = _BRACKETED_DOT.sub(".", plain)
    if any(hint in plain for hint in _SCHEME_HINTS):
        plain = _DEFANGED_SCHEME.sub(lambda m: f"http{m[1]}://", plain)
    if " dot " in plain:
        plain = _SPOKEN_DOTS.sub(_join_spoken_dots, plain)
    return plain


def _join_spoken_dots(match: re.Match[str]) -> str:
    labels = _SPOKEN_DOT.split(match[0])
    return ".".join(labels) if labels[-1] in _COMMON_TLDS else match[0]


def sms_part(text: str) -> tuple[int, int] | None:
    """``(part, parts)`` of a message that starts or ends with a part marker (``(2/3)`` → ``(2, 3)``)."""
    plain = (text or "").strip()
    found = _leading_marker(plain) or _trailing_marker(plain)
    return _marker_numbers(found) if found else None


def strip_part_markers(plain: str) -> str:
    """``plain`` without the part markers at its start and end; "1/2 price" inside a sentence stays."""
    while (found := _leading_marker(plain)) and _marker_numbers(found):
        plain = plain[found.end() :]
    while (found := _trailing_marker(plain)) and _marker_numbers(found):
        plain = plain[: found.start()].rstrip()
    return plain


def _leading_marker(plain: str) -> re.Match[str] | None:
    return _LEADING_MARKER.match(plain) if plain[:1] in _MARKER_EDGES else None


def _trailing_marker(plain: str) -> re.Match[str] | None:
    # A marker is a few characters long: only the tail is searched ("^" matches only a text that short).
    tail = max(len(plain) - 24, 0)
    if plain[-1:] not in _MARKER_ENDS or not any(sign in plain[tail:] for sign in ("/", "／", "of")):
        return None
    return _TRAILING_MARKER.search(plain, tail)


def _marker_numbers(found: re.Match[str]) -> tuple[int, int] | None:
    """The part and count of a marker, when they can be one: 1 ≤ part ≤ count, 2 ≤ count."""
    numbers = [int(g) for g in found.groups() if g is not None]
    part, parts = numbers[0], numbers[1]
    return (part, parts) if 1 <= part <= parts and parts >= 2 else None


@dataclass(frozen=True)
class JoinedSms:
    """One message as its sender wrote it: the indices of its parts in the input, and its text."""

    parts: tuple[int, ...]
    text: str


def join_sms_parts(messages: Sequence[tuple[str, str]]) -> list[JoinedSms]:
    """Messages ``(sender, text)`` in arrival order, with the parts of each long SMS joined into one.

    Parts join when they come from the same sender with markers in order (1/n, 2/n, ... n/n);
    other senders' messages may arrive in between. A message without a marker stands alone; a
    series cut short is kept as far as it got. Parts are joined with a space (normalisation drops
    it between Chinese characters).
    """
    joined: list[list[int]] = []
    open_series: dict[str, tuple[list[int], int, int]] = {}  # sender -> (indices, last part, parts)
    for index, (sender, text) in enumerate(messages):
        marker = sms_part(text)
        series = open_series.get(sender)
        if marker and series and marker == (series[1] + 1, series[2]):
            series[0].append(index)
            open_series[sender] = (series[0], marker[0], marker[1])
        else:
            joined.append([index])
            open_series.pop(sender, None)
            if marker and marker[0] == 1:
                open_series[sender] = (joined[-1], 1, marker[1])
        if marker and marker[0] == marker[1]:
            open_series.pop(sender, None)
    return [JoinedSms(tuple(ix), " ".join(_without_marker(messages[i][1]) for i in ix)) for ix in joined]


def _without_marker(text: str) -> str:
    return strip_part_markers(text.strip())
