"""Lexical signals of a link, read from its text alone: no DNS, no page, no third-party lookups.

``lexical_features`` gives the numbers the link model weighs (fixed order, ``FEATURES``);
``lexical_reasons`` says in words the signals a person should see.

>>> from scamnet.detect.content.url.parts import url_parts
>>> lexical_reasons(url_parts("http://103.75.1.198/ap/signin"))
['IP address as host', "words 'signin'"]
>>> lexical_reasons(url_parts("https://a.b.c.d.e.evil.top/x"))
['risky TLD .top', '5 subdomain levels']
>>> kit_folder(url_parts("http://shop.example.com/wp-includes/fonts/chase/login.php"))
'wp-includes/'
"""

from __future__ import annotations

import math
import re
from collections import Counter

from scamnet.detect.content.url.parts import UrlParts
from scamnet.schema.entities import suffix_extractor


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


RISKY_TLDS = _names(
    "top xyz icu vip cc club shop online site live buzz tk ml ga cf gq work fun rest cyou bar monster sbs cfd click "
    "link loan win bid men ltd pw cam quest bond wang ren kim xin ink best support store app today digital"
)
SHORTENERS = _names(
    "bit.ly bitly.com t.cn url.cn dwz.cn tinyurl.com goo.gl ow.ly is.gd t.co buff.ly rebrand.ly cutt.ly s.id "
    "shorturl.at rb.gy tiny.cc v.gd suo.im qrco.de t.ly shorte.st adf.ly bit.do lnkd.in tr.im x.co"
)
FREE_HOSTS = _names(
    "firebaseapp.com web.app appspot.com blogspot.com 000webhostapp.com weebly.com wixsite.com github.io "
    "herokuapp.com netlify.app vercel.app glitch.me repl.co codesandbox.io my-free.website ngrok.io azurewebsites.net "
    "godaddysites.com square.site webflow.io pages.dev workers.dev duckdns.org sharepoint.com r2.dev "
    "web.core.windows.net storage.googleapis.com ipfs.io myshopify.com wordpress.com sites.google.com"
)
WORDS = _names(
    "login signin logon verify verification account secure security update confirm banking webscr password wallet "
    "unlock suspend suspended recover billing invoice auth authenticate validate kefu refund tuikuan lipei safe "
    "customer support service dispatch cmd ssl token session"
)
_EXTENSIONS = re.compile(r"\.(php|html?|aspx?|jsp|cgi|exe|apk|zip)$")
_TOKENS = re.compile(r"[a-z]+")
_FAKE_TLD = re.compile(r"(^|[.-])(com|net|org|cn)([.-]|$)")
#: The folders where a site's software (WordPress, Joomla, Drupal) and its certificates keep their code, files and
#: tokens, not pages for visitors: a phishing kit uploaded to a hacked site is dropped in one. Each pattern is
#: matched at the start of a path segment, with how many segments in a page without a file extension must be:
#: ``.well-known`` holds tokens and documents one and two in (``acme-challenge/TOKEN``, ``openid-configuration``).
#: WordPress's ``wp-admin`` has its own pages directly in it (``wp-admin/post.php``) and in ``network/`` and
#: ``user/``: only its other sub-folders count.
_KIT_FOLDERS = (
    (re.compile(r"/(wp-includes)/"), 1),
    (re.compile(r"/(wp-admin)/(?!network/|user/)[^/]+/"), 1),
    (re.compile(r"/(wp-content/(?:plugins|themes|uploads|languages|upgrade|cache))/"), 1),
    (re.compile(r"/(components/com_[a-z0-9_]+|modules/mod_[a-z0-9_]+)/"), 1),
    (re.compile(r"/(sites/default/files)/"), 1),
    (re.compile(r"/(\.well-known)/"), 3),
)
#: An email address (``@`` or its escape ``%40``) in a link's path, query or fragment.
_ADDRESS = re.compile(r"[a-z0-9._%+-]+(?:@|%40)([a-z0-9-]+(?:\.[a-z0-9-]+)+)", re.IGNORECASE)
#: A folder named by an MD5 digest (32 hexadecimal characters).
_DIGEST_FOLDER = re.compile(r"(?:^|/)[0-9a-f]{32}(?:/|$)")
#: Files that are not pages a browser shows: stylesheets, scripts, images, fonts, documents, archives, media and
#: programs. Any other path is read as a page (``…/login.php``, ``…/signin.jsf``, ``…/home``, ``…/bofa.com``).
_NOT_PAGES = _names(
    "css js mjs map json xml txt csv png jpg jpeg gif svg webp ico bmp tif tiff avif woff woff2 ttf otf eot "
    "pdf doc docx xls xlsx ppt pptx odt rtf zip rar 7z gz tgz tar bz2 xz mp3 mp4 m4a wav ogg avi mov mkv webm flv "
    "apk exe msi dmg iso bin deb rpm torrent swf"
)
#: Sites whose pages show other projects' code by its path (``github.com/…/wp-includes/user.php``).
CODE_HOSTS = _names(
    "github.com githubusercontent.com gitlab.com bitbucket.org sourceforge.net codeberg.org gitee.com "
    "wordpress.org drupal.org joomla.org"
)

FEATURES = (
    "url_length", "host_length", "path_depth", "query_params", "host_digit_share", "url_digit_share",
    "subdomain_levels", "host_hyphens", "ip_host", "punycode", "risky_tld", "shortener", "free_host",
    "at_sign", "redirect", "https", "odd_port", "risky_words", "file_extension", "bare_host", "www",
    "long_token", "fake_tld_in_name", "host_entropy",
)


def lexical_features(parts: UrlParts) -> list[float]:
    """One value per name of ``FEATURES``, each roughly in [0, 1]."""
    url, host, rest = parts.url.lower(), parts.host, (parts.path + "?" + parts.query).lower()
    values = {
        "url_length": math.log1p(len(url)) / 6, "host_length": min(len(host), 80) / 40,
        "path_depth": min(parts.path.count("/"), 10) / 5, "query_params": min(parts.query.count("&") + bool(parts.query), 10) / 5,
        "host_digit_share": _digit_share(host), "url_digit_share": _digit_share(url),
        "subdomain_levels": min(parts.subdomain_levels, 6) / 3, "host_hyphens": min(host.count("-"), 6) / 3,
        "ip_host": float(parts.is_ip), "punycode": float("xn--" in host), "risky_tld": float(risky_tld(parts) is not None),
        "shortener": float(shortener(parts) is not None), "free_host": float(free_host(parts) is not None),
        "at_sign": float("@" in url.split("://", 1)[-1]), "redirect": float(redirects(parts)),
        "https": float(parts.scheme == "https"), "odd_port": float(parts.port not in (None, 80, 443)),
        "risky_words": min(len(risky_words(parts)), 4) / 2, "file_extension": float(bool(_EXTENSIONS.search(parts.path.lower()))),
        "bare_host": float(parts.path in ("", "/") and not parts.query), "www": float(host.startswith("www.")),
        "long_token": float(max((len(t) for t in re.findall(r"[a-z0-9]+", rest)), default=0) >= 20),
        "fake_tld_in_name": float(bool(_FAKE_TLD.search(parts.subdomain)) or bool(_FAKE_TLD.search(parts.domain))),
        "host_entropy": _entropy(parts.domain) / 4,
    }
    return [values[name] for name in FEATURES]


def risky_tld(parts: UrlParts) -> str | None:
    last = parts.suffix.rsplit(".", 1)[-1]
    return last if last in RISKY_TLDS else None


def shortener(parts: UrlParts) -> str | None:
    return parts.registrable if parts.registrable in SHORTENERS or parts.host in SHORTENERS else None


def free_host(parts: UrlParts) -> str | None:
    return next((h for h in FREE_HOSTS if parts.host.endswith("." + h)), None)


def redirects(parts: UrlParts) -> bool:
    """Another link inside this one: ``//`` in the path or ``http`` in the path or query."""
    rest = (parts.path + "?" + parts.query).lower()
    return "//" in parts.path or "http" in rest or "%2f%2f" in rest


def risky_words(parts: UrlParts) -> list[str]:
    text = f"{parts.subdomain} {parts.domain} {parts.path} {parts.query}".lower()
    return sorted({t for t in _TOKENS.findall(text) if t in WORDS})


def kit_folder(parts: UrlParts) -> str | None:
    """The site-software folder (``wp-includes/``) a page of this link sits in, if any: where phishing kits are
    dropped on hacked sites. A stylesheet, script, image, font or document there is the site's own; a page a
    browser shows (``_is_page``) is not.

    >>> from scamnet.detect.content.url.parts import url_parts
    >>> [kit_folder(url_parts(u)) for u in ["http://a.com/wp-content/themes/x/chase/auth.php",
    ...  "http://a.com/wp-content/uploads/2020/05/menu.pdf", "http://a.com/wp-admin/post.php?post=1",
    ...  "http://a.com/.well-known/acme-challenge/Zk3a", "http://a.com/.well-known/pki-validation/x/y/index.php"]]
    ['wp-content/themes/', None, None, None, '.well-known/']
    """
    path = parts.path.lower()
    extension = _file_extension(path)
    if not _is_page(extension) or parts.registrable in CODE_HOSTS:
        return None
    for folder, depth in _KIT_FOLDERS:
        found = folder.search(path)
        if not found:
            continue
        inside = path[found.end(1) + 1:]
        if inside and (extension is not None or len(inside.split("/")) >= depth):
            return found.group(1) + "/"
    return None


def digest_folder(parts: UrlParts) -> bool:
    """A page under a folder named by 32 random hexadecimal characters (``…/5d41402abc4b2a76b9719d911017c592/``):
    phishing kits copy themselves into such a folder for each visit, so that no two victims get the same link. A
    download token (``…/download/4c149a90…/``) looks the same, so this is a sign beside the model's score, not a
    score of its own; a file that is not a page (``…/3f2a…/app.js``) is none.

    >>> from scamnet.detect.content.url.parts import url_parts
    >>> [digest_folder(url_parts(u)) for u in ["http://a.com/content/5d41402abc4b2a76b9719d911017c592/?user=x",
    ...  "http://a.com/v4/validation/7d793037a0760186574b0282f2f435e7", "http://a.com/5d41402abc4b2a76b9719d911017c592/app.js",
    ...  "http://a.com/torrent/837a4c2ed3d70fa329cbe3c2a256cbaf2b10b30d"]]
    [True, True, False, False]
    """
    path = parts.path.lower()
    return _is_page(_file_extension(path)) and _DIGEST_FOLDER.search(path) is not None


def names_a_page(parts: UrlParts) -> bool:
    """The link names a page a browser shows, not a stylesheet, script, image, font or document (``_is_page``)."""
    return _is_page(_file_extension(parts.path.lower()))


def _file_extension(path: str) -> str | None:
    """The extension of the path's file (``php``, ``css``), ``None`` for a path that names no file (``…/login/``)."""
    last = path.rsplit("/", 1)[-1]
    return last.rsplit(".", 1)[-1] if "." in last else None


def _is_page(extension: str | None) -> bool:
    """A page a browser shows: not a stylesheet, script, image, font, document, archive, media file or program."""
    return extension not in _NOT_PAGES


def address_in_link(parts: UrlParts) -> bool:
    """An email address after the host (``…/index.php?email=jim@example.com``): a fake sign-in page filled in with
    the address of the person it was sent to. An ``@`` before a name with no public suffix is none
    (``…/Some+Show+480p+R%40nger.html``).

    >>> from scamnet.detect.content.url.parts import url_parts
    >>> [address_in_link(url_parts(u)) for u in ["http://a.com/mail/index.php?email=jim@example.co.uk",
    ...  "http://a.com/x.htm#oncall%40example.com", "http://a.com/t/Show+R%40nger.html", "http://me@a.com/"]]
    [True, True, False, False]
    """
    after_host = parts.url.split("://", 1)[-1].partition("/")[2]
    return any(suffix_extractor()(found.group(1)).suffix for found in _ADDRESS.finditer(after_host))


def lexical_reasons(parts: UrlParts) -> list[str]:
    """The lexical signals worth a person's attention, in words."""
    reasons = []
    if parts.is_ip:
        reasons.append("IP address as host")
    if "xn--" in parts.host:
        reasons.append(f"punycode host {parts.host} (shows as {parts.unicode_host})")
    checks = ((risky_tld(parts), "risky TLD .{}"), (shortener(parts), "shortener {}"), (free_host(parts), "free hosting on {}"))
    reasons += [text.format(found) for found, text in checks if found]
    if parts.username or "@" in parts.path:
        reasons.append("'@' in the link (the browser ignores what comes before it)")
    if redirects(parts):
        reasons.append("another link inside the path or query (redirect)")
    if parts.subdomain_levels >= 3:
        reasons.append(f"{parts.subdomain_levels} subdomain levels")
    if parts.port not in (None, 80, 443):
        reasons.append(f"unusual port {parts.port}")
    if len(parts.url) > 120:
        reasons.append(f"long link ({len(parts.url)} characters)")
    words = risky_words(parts)
    if words:
        reasons.append("words " + ", ".join(f"'{w}'" for w in words))
    if digest_folder(parts):
        reasons.append("a folder named by 32 random hexadecimal characters: a phishing kit's copy of itself for one visit")
    if address_in_link(parts):
        reasons.append("an email address in the link: a fake sign-in page filled in with its target's address")
    kit = kit_folder(parts)
    if kit:
        reasons.append(f"a page inside {kit}, a folder of the site's software, where phishing kits are dropped on hacked sites")
    return reasons


def concrete_signs(parts: UrlParts) -> list[str]:
    """The signs in the link's text that a person can check, beyond any model's weights: an IP host, punycode,
    a risky TLD, ``@``, a link inside the link, three or more subdomain levels, an unusual port, lure words, a page
    inside a folder of the site's software (``kit_folder``), an email address after the host (``address_in_link``), a
    page under a folder named by an MD5 digest (``digest_folder``).
    A long link alone is not one (article and torrent links are long).

    >>> from scamnet.detect.content.url.parts import url_parts
    >>> concrete_signs(url_parts("http://torcache.net/torrent/837A4C2ED3D70FA329CBE3C2A256CBAF2B10B30D.torrent"))
    []
    >>> concrete_signs(url_parts("http://shop.example.com/wp-includes/x/signin.php"))
    ['lure words', 'page in a software folder']
    """
    found = {
        "IP host": parts.is_ip, "punycode": "xn--" in parts.host, "risky TLD": risky_tld(parts) is not None,
        "'@'": bool(parts.username) or "@" in parts.path, "redirect": redirects(parts),
        "deep subdomains": parts.subdomain_levels >= 3, "unusual port": parts.port not in (None, 80, 443),
        "lure words": bool(risky_words(parts)), "page in a software folder": kit_folder(parts) is not None,
        "email address": address_in_link(parts), "random folder": digest_folder(parts),
    }
    return [name for name, present in found.items() if present]


def _digit_share(text: str) -> float:
    return sum(ch.isdigit() for ch in text) / max(len(text), 1)


def _entropy(text: str) -> float:
    if not text:
        return 0.0
    counts = Counter(text).values()  # in order of first appearance: the same sum on every run (a set's order is not)
    return -sum(c / len(text) * math.log2(c / len(text)) for c in counts)
