"""A message that speaks for a brand and links to a lookalike of that brand: phishing's own pattern, in any language.

A link ``url_risk`` flags is one sign around a message (``message_context``): alone it does not flag words
that read clean. When the link imitates a protected brand (``url_risk`` names the brand: its name inside
another domain, a slip or an edit of it, its domain used as a subdomain) and the message's own words name
that same brand, the message claims to come from the brand and sends the reader to a site that is not the
brand's. That claim is a second sign, so the two make an alert even where the words read clean or are in a
language the text model never learned ("BBVA: su tarjeta ha sido bloqueada … bbva-seguridad.top"). A
genuine notice links to the brand's own site, which is never flagged for its brand words; a message that
names one brand and links to a lookalike of another gets no such sign, nor does a link whose brand words
read as the brand's own infrastructure or a CDN's name for it, nor the brand's bare name as a whole domain
(``jingdong.com``, ``yahoo.net``), which the brand itself often holds. A claimed government, police or
court is government impersonation; any other brand, phishing.

>>> from scamnet.detect.content.brands import Brand
>>> apple = Brand("Apple", "tech", ("apple.com",), ("apple", "icloud"))
>>> named_in_text(apple, "Your Apple ID was used to sign in", ["apple-id-support.co"])
'Apple'
>>> named_in_text(apple, "Pineapple offer today: apple-id-support.co", ["apple-id-support.co"]) is None
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from scamnet.core.enums import ScamType
from scamnet.detect.content.brands import Brand
from scamnet.detect.content.url.lookalike import BrandMatch
from scamnet.detect.content.url.url_risk import UrlAssessment

#: How a brand match reads a link that is not a lookalike: the brand's own infrastructure, a CDN's name for it.
_NOT_LOOKALIKE = frozenset({"infrastructure", "cdn endpoint"})
#: Shortest brand name in Latin letters matched in a message's words (shorter ones, ``qq``, are too often letters of
#: something else); names in other scripts (``京东``) count at any length.
NAME_MIN = 3


#: Brands whose impersonation is the government-impersonation scam (冒充公检法), not phishing.
_AUTHORITIES = frozenset({"government", "police", "court"})


@dataclass(frozen=True)
class BrandClaim:
    """A brand a message's words name while one of its flagged links imitates it, and the reason in words."""

    brand: Brand
    reason: str


def claimed_brand_reasons(text: str, links: list[UrlAssessment]) -> list[str]:
    """One reason per brand a flagged link of ``text`` imitates and ``text``'s words name (outside its links)."""
    return [claim.reason for claim in brand_claims(text, links)]


def claim_scam_type(claims: list[BrandClaim]) -> str | None:
    """The scam type the claims make: government impersonation for a government, police or court, else phishing.

    >>> from scamnet.detect.content.brands import Brand
    >>> police = BrandClaim(Brand("PDRM", "police", ("rmp.gov.my",)), "it speaks for PDRM …")
    >>> claim_scam_type([police]), claim_scam_type([])
    ('government_impersonation', None)
    """
    if not claims:
        return None
    if any(claim.brand.kind in _AUTHORITIES for claim in claims):
        return ScamType.GOVERNMENT_IMPERSONATION.value
    return ScamType.PHISHING.value


def brand_claims(text: str, links: list[UrlAssessment]) -> list[BrandClaim]:
    """Each brand a flagged link of ``text`` imitates and ``text``'s words name (outside its links), once."""
    if not text:
        return []
    written = [link.given for link in links]
    claims: list[BrandClaim] = []
    seen: set[str] = set()
    for link in links:
        if not link.is_risky or not (link.parts.suffix or link.parts.is_ip):  # ``www.bankofchina``: no site to open
            continue
        for match in link.matches:
            if match.strength < 0.5 or match.how in _NOT_LOOKALIKE or match.brand.name in seen or _bare_name(link, match):
                continue
            named = named_in_text(match.brand, text, written)
            if named is not None:
                seen.add(match.brand.name)
                claims.append(BrandClaim(match.brand, f"it speaks for {match.brand.name} (“{named}”) and links to "
                                                      f"{link.parts.registrable}, not a domain of {match.brand.name}"))
    return claims


def _bare_name(link: UrlAssessment, match: BrandMatch) -> bool:
    """The brand's name alone as the whole domain (``jingdong.com``, ``yahoo.net``, ``amazon.science``): as often the
    brand's own registration as a lure (the top-site lists hold many), so ``url_risk``'s flag stays one sign."""
    return link.parts.domain.lower() == match.keyword


def named_in_text(brand: Brand, text: str, links: list[str]) -> str | None:
    """The name of ``brand`` (its names and ``aliases``) that ``text`` writes outside ``links`` (as a whole word; names in
    scripts without spaces, anywhere), or None."""
    words = text
    for link in links:
        words = words.replace(link, " ")
    lowered = words.lower()
    for name in (brand.name, *brand.names, *brand.aliases):
        found = _name_pattern(name.lower()).search(lowered) if len(name) >= NAME_MIN or not name.isascii() else None
        if found is not None:
            return words[found.start():found.end()]
    return None


@lru_cache(maxsize=4096)
def _name_pattern(name: str) -> re.Pattern[str]:
    if not name.isascii():  # Chinese, Thai, … names: no spaces between words
        return re.compile(re.escape(name))
    return re.compile(rf"(?<![a-z0-9]){re.escape(name)}(?![a-z0-9])")
