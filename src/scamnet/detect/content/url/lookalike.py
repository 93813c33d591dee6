"""Lookalikes of protected brands in a link: the brand's name or domain where the brand does not live.

Five ways a scam domain borrows a brand, strongest first, and a sixth for a copy of the brand's site on someone
else's host:

- the real domain copied into a subdomain (``www.icbc.com.cn.secure-login.xyz``);
- lookalike characters (``paypa1``, ``pаypal`` with a Cyrillic ``а``, ``rn`` for ``m``);
- the brand's name inside another registrable domain (``icbc-c0m.cn``, ``alipay-refund.top``);
- a keyboard slip or one or two edits (``icbx``, ``icbcc``, ``paypall``);
- the brand's name as a subdomain of another domain (``alipay.verify-account.top``);
- the real domain as a folder of the path (``tiles-cairo-eg.com/i/bofa.com/v3/step1.php``).

The brand's own domains and their subdomains never match.

>>> from scamnet.detect.content.brands import default_brands
>>> from scamnet.detect.content.url.parts import url_parts
>>> str(brand_matches(url_parts("paypa1.com"), default_brands())[0])
"looks like paypal.com (lookalike characters: 'paypa1')"
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from scamnet.detect.content.brands import Brand, official_brand
from scamnet.detect.content.url.lexical import RISKY_TLDS, _names, names_a_page
from scamnet.detect.content.url.parts import UrlParts

_GLYPHS = {
    "0": "o", "1": "l", "i": "l", "|": "l", "!": "l", "3": "e", "5": "s", "$": "s", "4": "a", "@": "a", "7": "t",
    "8": "b", "9": "g", "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "l", "ј": "j",
    "ԁ": "d", "ɡ": "g", "ο": "o", "α": "a", "ν": "v", "τ": "t", "к": "k", "м": "m", "т": "t", "в": "b", "н": "h",
    "ı": "l", "ł": "l", "ö": "o", "ó": "o", "á": "a", "é": "e", "í": "l", "ú": "u",
}
_MULTI = (("rn", "m"), ("vv", "w"), ("cl", "d"))
_ROWS = ("1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm")
_WORD_SPLIT = re.compile(r"[-_.~]+")
#: Words a brand's own infrastructure domains join to its name (``tiktokcdn.com``, ``amazon-adsystem.com``,
#: ``apple-dns.net``, ``paypalobjects.com``). Lure words (login, verify, update, track, sync…) are not among them.
INFRASTRUCTURE_WORDS = _names(
    "cdn static statics img imgs image images pic pics media assets asset content usercontent objects dns push api "
    "apis httpdns ads adsystem adservice analytics metrics telemetry edge cache video vod stream streaming fonts "
    "font js css "
    "pixel sdk akamai akadns edgekey edgesuite"
)
#: Region words that may sit beside an infrastructure word (``tiktokcdn-us.com``), never alone.
REGION_WORDS = _names("us eu uk cn sg jp hk global intl oversea overseas")
#: Strength of a brand's name joined only to infrastructure words under an ordinary TLD: a hint, not an alert.
INFRASTRUCTURE_STRENGTH = 0.4
#: A brand's own domain as a folder of another site's path (``tiles-cairo-eg.com/i/bofa.com/v3/step1.php``,
#: ``…/chronopost.fr/suivi/``): a copy of the brand's site, named for it, on someone else's host.
DOMAIN_IN_PATH = 0.8
#: The kinds of match read in the path, not the host: none is a lookalike host for the link model.
PATH_KINDS = frozenset({"path", "domain_in_path"})
_ALNUM_SPLIT = re.compile(r"[a-z]+|[0-9]+")


def _neighbours() -> dict[str, set[str]]:
    near: dict[str, set[str]] = {}
    for r, row in enumerate(_ROWS):
        for c, key in enumerate(row):
            for rr in (r - 1, r, r + 1):
                for cc in (c - 1, c, c + 1):
                    if 0 <= rr < len(_ROWS) and 0 <= cc < len(_ROWS[rr]) and (rr, cc) != (r, c):
                        near.setdefault(key, set()).add(_ROWS[rr][cc])
    return near


_NEAR = _neighbours()


@dataclass(frozen=True)
class BrandMatch:
    brand: Brand
    how: str
    seen: str
    keyword: str
    where: str
    strength: float

    def __str__(self) -> str:
        target = self.brand.main_domain
        if self.how == "domain_copy":
            return f"{self.brand.name}'s domain {self.seen} used as a subdomain of {self.where}"
        if self.how == "keyword":
            return f"brand '{self.keyword}' in the domain {self.where}, not a domain of {self.brand.name} ({target})"
        if self.how == "subdomain":
            return f"brand '{self.keyword}' in a subdomain of {self.where}"
        if self.how == "infrastructure":
            return (f"brand '{self.keyword}' with infrastructure words in {self.where}: looks like "
                    f"{self.brand.name}'s own infrastructure, not a lure")
        if self.how == "cdn endpoint":
            return (f"brand '{self.keyword}' in a name under the CDN endpoint {self.where}: the CDN names its "
                    f"customer's own host, not a lure")
        if self.how == "path":
            return f"brand '{self.keyword}' named in the path of a link to {self.where}"
        if self.how == "domain_in_path":
            return f"{self.brand.name}'s domain {self.seen} used as a folder of {self.where}, not a site of {self.brand.name}"
        return f"looks like {target} ({self.how}: '{self.seen}')"


def skeleton(text: str) -> str:
    """``text`` with lookalike characters folded together (``paypa1`` → ``paypal``, ``rn`` → ``m``)."""
    folded = "".join(_GLYPHS.get(ch, ch) for ch in text.lower())
    for pair, single in _MULTI:
        folded = folded.replace(pair, single)
    return folded


def edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Damerau-Levenshtein distance (adjacent swaps count 1), ``limit + 1`` when beyond ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], prev2[j - 2] + 1)
        if min(row) > limit:
            return limit + 1
        prev2, prev = prev, row
    return prev[-1]


def keyboard_slip(a: str, b: str) -> bool:
    """One character of ``a`` swapped for a key next to it on a QWERTY keyboard gives ``b``."""
    if len(a) != len(b):
        return False
    diffs = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    return len(diffs) == 1 and diffs[0][1] in _NEAR.get(diffs[0][0], set())


def _words(label: str) -> set[str]:
    pieces = {p for p in _WORD_SPLIT.split(label) if p}
    return pieces | {label} | {a for p in pieces for a in _ALNUM_SPLIT.findall(p)}


def _name_in(word: str, keyword: str, brand: Brand) -> bool:
    if word == keyword:
        return True
    if keyword in brand.exact or len(keyword) < 4 or keyword.isdigit():
        return False
    # At the start or end of a word (icbcvip, securepaypal), never inside one (shippingandfreight).
    return word.startswith(keyword) or word.endswith(keyword)


def _lookalike(word: str, keyword: str, brand: Brand) -> tuple[str, float] | None:
    """How ``word`` imitates ``keyword`` without being it, and how strongly. A service number (``95588``, ``12321``)
    is only ever itself: numbers one digit apart are other numbers (``12371.cn``), not slips."""
    if len(keyword) < 4 or word == keyword or abs(len(word) - len(keyword)) > 2 or keyword.isdigit():
        return None
    if _skeleton(word) == _skeleton(keyword):
        return "lookalike characters", 0.95
    if keyword in brand.exact or word[:1] != keyword[:1]:
        return None
    if keyboard_slip(keyword, word):
        return "keyboard slip", 0.85
    if len(keyword) == 4:  # too many real words lie one edit from a 4-letter name: only one added letter
        grown = len(word) == 5 and (word.startswith(keyword) or word.endswith(keyword))
        return ("edit distance 1", 0.85) if grown else None
    if len(keyword) <= 6 and len(word) == len(keyword) + 1:  # short names: only a doubled letter (paypall)
        doubled = any(word[i] == word[i - 1] and word[:i] + word[i + 1:] == keyword for i in range(1, len(word)))
        return ("edit distance 1", 0.85) if doubled else None
    limit = 2 if len(keyword) >= 9 else 1
    distance = edit_distance(word, keyword, limit=limit)
    return (f"edit distance {distance}", 0.85) if distance <= limit else None


_skeleton = lru_cache(maxsize=65536)(skeleton)


def brand_matches(parts: UrlParts, brands: tuple[Brand, ...]) -> list[BrandMatch]:
    """Every brand the link borrows, strongest first (one match per brand in the host, and in the path one for its
    name among the words and one for its domain as a folder); none on the brand's own site."""
    if parts.is_ip:
        return []
    index = _index(brands)
    on_host = index.host_matches(parts.host, parts.subdomain, parts.domain, parts.suffix, _unicode_label(parts))
    if on_host is None:
        return []
    in_path = index.path_matches(parts, {m.brand.name for m in on_host})
    return sorted([*on_host, *in_path], key=lambda m: (-m.strength, m.brand.name))


class _BrandIndex:
    """One brand list, with each host's matches remembered: a host recurs in many links and brand checks are slow."""

    def __init__(self, brands: tuple[Brand, ...]) -> None:
        self.brands = brands
        self.path_keywords = [(b, [k for k in b.names if len(k) >= 4]) for b in brands]
        self.path_names = frozenset(k for _, names in self.path_keywords for k in names)
        self.host_matches = lru_cache(maxsize=65536)(self._host_matches)
        self.by_first: dict[str, set[str]] = {}
        self.by_skeleton: dict[str, set[str]] = {}
        self.by_name: dict[str, set[str]] = {}
        for brand in brands:
            for keyword in brand.names:
                self.by_first.setdefault(keyword[:1], set()).add(brand.name)
                self.by_skeleton.setdefault(_skeleton(keyword), set()).add(brand.name)
                self.by_name.setdefault(keyword, set()).add(brand.name)

    def candidates(self, words: frozenset[str]) -> set[str]:
        """Brands a word could imitate: same first letter, same skeleton, or the name ending the word (a superset)."""
        found: set[str] = set()
        for word in words:
            found |= self.by_first.get(word[:1], set()) | self.by_skeleton.get(_skeleton(word), set())
            found.update(n for i in range(1, len(word)) for n in self.by_name.get(word[i:], ()))
        return found

    def _host_matches(self, host: str, subdomain: str, domain: str, suffix: str, shown: str) -> tuple[BrandMatch, ...] | None:
        """The brands borrowed in the host; ``None`` on a brand's own site."""
        if official_brand(self.brands, host):
            return None
        where = f"{domain}.{suffix}" if domain and suffix else host
        in_domain, in_sub = _label_words(domain, shown), _label_words(subdomain, "") if subdomain else frozenset()
        near = self.candidates(in_domain | in_sub)
        # Without a subdomain no real domain can be copied into one: only the near brands need a look.
        brands = self.brands if subdomain else [b for b in self.brands if b.name in near]
        found = (_host_match(f".{subdomain}.", in_domain, in_sub, where, b, b.name in near) for b in brands)
        return tuple(m for m in found if m)

    def path_matches(self, parts: UrlParts, skip: set[str]) -> list[BrandMatch]:
        """Each brand named among the path's and query's words (a hint, 0.3), and each brand whose own domain names a
        folder of the path (``DOMAIN_IN_PATH``); none for the brands in ``skip``."""
        folders = [m for name, m in self._domain_folders(parts).items() if name not in skip]
        words = set(_ALNUM_SPLIT.findall(f"{parts.path} {parts.query}".lower()))
        if words.isdisjoint(self.path_names):
            return folders
        hits = ((b, next((k for k in names if k in words), None)) for b, names in self.path_keywords if b.name not in skip)
        return [*folders, *(BrandMatch(b, "path", k, k, parts.registrable, 0.3) for b, k in hits if k)]

    def _domain_folders(self, parts: UrlParts) -> dict[str, BrandMatch]:
        """Brands whose own domain names a folder of the path of a page (``…/bofa.com/v3/``), by brand name; none for
        an image or a file (``…/logos/paypal.com/logo.png``)."""
        found: dict[str, BrandMatch] = {}
        if not names_a_page(parts):
            return found
        folders = parts.path.lower().removeprefix("/").split("/")
        for i, folder in enumerate(folders):
            if (i and not folders[i - 1]) or "." not in folder.strip("."):
                continue  # after ``//``: the host of another link inside this one (a redirect, a sign of its own)
            brand = official_brand(self.brands, folder.removeprefix("www."))
            if brand and brand.name not in found:
                found[brand.name] = BrandMatch(brand, "domain_in_path", folder, folder, parts.host, DOMAIN_IN_PATH)
        return found


_INDEXES: dict[int, _BrandIndex] = {}


def _index(brands: tuple[Brand, ...]) -> _BrandIndex:
    # Keyed by identity: hashing a whole brand list on every link would cost more than the lookup saves.
    index = _INDEXES.get(id(brands))
    if index is None or index.brands is not brands:
        if len(_INDEXES) >= 16:
            _INDEXES.clear()
        index = _INDEXES[id(brands)] = _BrandIndex(brands)
    return index


def _host_match(
    sub: str, in_domain: frozenset[str], in_sub: frozenset[str], where: str, brand: Brand, near: bool
) -> BrandMatch | None:
    for real in brand.domains:
        if f".{real}." in sub:
            return BrandMatch(brand, "domain_copy", real, real, where, 0.95)
    if not near:
        return None
    found = _in_label(in_domain, brand, where, in_subdomain=False)
    if found is None and in_sub:
        found = _in_label(in_sub, brand, where, in_subdomain=True)
        suffix = where.partition(".")[2]
        labels = [label for label in sub.split(".") if found and found.keyword in label]
        if found and found.how == "subdomain" and any(infrastructure_label(lb, found.keyword, suffix) for lb in labels):
            found = BrandMatch(brand, "infrastructure", found.seen, found.keyword, where, INFRASTRUCTURE_STRENGTH)
    return found


def _unicode_label(parts: UrlParts) -> str:
    if parts.unicode_host == parts.host or not parts.suffix:
        return ""
    return parts.unicode_host.rsplit(".", parts.suffix.count(".") + 1)[0].rsplit(".", 1)[-1]


@lru_cache(maxsize=65536)
def _label_words(label: str, shown: str) -> frozenset[str]:
    return frozenset(_words(label) | (_words(shown) if shown else set()))


def _in_label(words: frozenset[str], brand: Brand, where: str, in_subdomain: bool) -> BrandMatch | None:
    matches = []
    for keyword in brand.names:
        for word in words:
            # a word that is one of the brand's own names is never a lookalike of another (mercadolibre, mercadolivre)
            looks = None if word in brand.names else _lookalike(word, keyword, brand)
            if looks:
                matches.append(BrandMatch(brand, looks[0], word, keyword, where, round(looks[1] - 0.05 * in_subdomain, 2)))
            elif _name_in(word, keyword, brand):
                matches.append(_name_match(brand, word, keyword, where, in_subdomain))
    return max(matches, key=lambda m: (m.strength, m.seen), default=None)


def _name_match(brand: Brand, word: str, keyword: str, where: str, in_subdomain: bool) -> BrandMatch:
    if not in_subdomain:
        # The bare name under a country's own suffix (visa.co.il, gov.ru) is usually that country's site.
        label, _, suffix = where.partition(".")
        national = word == keyword == label and bool(suffix) and _national_suffix(suffix)
        if not national and infrastructure_label(label, keyword, suffix):
            return BrandMatch(brand, "infrastructure", word, keyword, where, INFRASTRUCTURE_STRENGTH)
        return BrandMatch(brand, "keyword", word, keyword, where, 0.45 if national else 0.9)
    # A common word (apple, court) as a subdomain of a big site is usual: a hint for the model, no alert alone.
    return BrandMatch(brand, "subdomain", word, keyword, where, 0.45 if keyword in brand.exact else 0.85)


def infrastructure_label(label: str, keyword: str, suffix: str) -> bool:
    """The brand's name joined only to infrastructure words, under a TLD that is not abuse-prone:
    ``tiktokcdn.com``, ``cdninstagram.com``, ``amazon-adsystem.com`` — not ``paypal-login.com``,
    ``tiktokcdn.top`` or the bare name ``amazon.net``.

    >>> [infrastructure_label(*x) for x in [("tiktokcdn", "tiktok", "com"), ("amazon-adsystem", "amazon", "com"),
    ...  ("paypal-cdn-login", "paypal", "com"), ("tiktokcdn", "tiktok", "top"), ("amazon", "amazon", "net")]]
    [True, True, False, False, False]
    """
    if suffix.rsplit(".", 1)[-1] in RISKY_TLDS:
        return False
    rest: list[str] = []
    for piece in (p for p in _WORD_SPLIT.split(label) if p):
        if piece == keyword:
            continue
        if piece.startswith(keyword):
            rest.append(piece[len(keyword):])
        elif piece.endswith(keyword):
            rest.append(piece[: -len(keyword)])
        else:
            rest.append(piece)
    words = [w.rstrip("0123456789") for w in rest]
    infrastructure = [w for w in words if w in INFRASTRUCTURE_WORDS]
    return bool(infrastructure) and all(w in INFRASTRUCTURE_WORDS or w in REGION_WORDS for w in words)


def _national_suffix(suffix: str) -> bool:
    last = suffix.rsplit(".", 1)[-1]
    return len(last) == 2 and last not in RISKY_TLDS and last != "cn"
