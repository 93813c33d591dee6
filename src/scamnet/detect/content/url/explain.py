"""The link model's verdict in words: the signals that pushed a link towards phishing, never "model score" alone.

The trees' contributions (LightGBM's per-feature log-odds, ``pred_contrib``) name the inputs that
weighed most for one link; each is said in words, and the n-gram score is said as the character
strings of the link that weigh most in the regression.

>>> _said("www", 0.0)
"no 'www.' before the host"
>>> _said("host_length")
'the length of the host name'
>>> _said("path_digit_share")
'the share of digits in the path'
"""

from __future__ import annotations

import numpy as np

from scamnet.detect.content.url.model import UrlModel
from scamnet.detect.content.url.parts import UrlParts

_PARTS = {"host": "the host name", "name": "the registrable name", "subdomain": "the subdomain", "path": "the path",
          "query": "the query"}
_STATS = {"length": "the length of {}", "words": "the number of words in {}", "longest_word": "the longest word in {}",
          "mean_word": "the mean word length in {}", "digit_share": "the share of digits in {}",
          "vowel_share": "the share of vowels in {}", "entropy": "the character mix (entropy) of {}",
          "upper": "capital letters in {}", "symbols": "symbols in {}"}
_NAMED = {
    "url_length": "the link's length", "path_depth": "how deep the path goes", "query_params": "the query parameters",
    "url_digit_share": "the share of digits in the link", "subdomain_levels": "the number of subdomain levels",
    "host_hyphens": "hyphens in the host", "ip_host": "an IP address as host", "punycode": "a punycode host",
    "risky_tld": "a top-level domain common in abuse", "shortener": "a URL shortener", "free_host": "free hosting",
    "at_sign": "an '@' in the link", "redirect": "another link inside this one", "https": "https",
    "odd_port": "an unusual port", "risky_words": "words such as login / verify / account",
    "file_extension": "a script or page file name", "bare_host": "a bare domain without a path",
    "www": "'www.' before the host", "long_token": "a long random-looking token", "fake_tld_in_name": "'com' or 'net' inside the name",
    "host_entropy": "the character mix of the name", "brand_lookalike": "a protected brand imitated",
    "brand_in_path": "a brand named in the path", "user_content_host": "a user-content platform",
    "free_web_host": "a free web host", "dynamic_dns": "a dynamic-DNS domain", "listed_shortener": "a URL shortener",
    "link_in_bio": "a link-in-bio service", "mixed_scripts": "mixed scripts in the host",
    "suffix_length": "the public suffix", "suffix_labels": "the public suffix", "port": "an explicit port",
    "path_ends_slash": "how the path ends", "extension_length": "the file extension",
}


#: How a 0/1 input is said when it is 0 (otherwise "no " + its phrase).
_ABSENT = {"www": "no 'www.' before the host", "bare_host": "a path after the domain", "https": "plain http"}
_BINARY = frozenset({
    "ip_host", "punycode", "risky_tld", "shortener", "free_host", "at_sign", "redirect", "https", "odd_port",
    "file_extension", "bare_host", "www", "long_token", "fake_tld_in_name", "brand_in_path", "user_content_host",
    "free_web_host", "dynamic_dns", "listed_shortener", "link_in_bio", "mixed_scripts", "port", "path_ends_slash",
})


def model_signal_words(model: UrlModel, parts: list[UrlParts], stacked: np.ndarray) -> list[list[str]]:
    """For each link (and its row of the trees' input), one reason naming the model's strongest signals in words."""
    tops = model.contributions(stacked)
    needs_strings = [i for i, top in enumerate(tops) if any(name == "ngram_score" for name, _ in top)]
    strings = dict(zip(needs_strings, model.ngrams_seen([parts[i] for i in needs_strings]), strict=True))
    said = []
    for i, top in enumerate(tops):
        words: list[str] = []
        for name, value in top:
            phrase = _said(name, value, strings.get(i, []))
            if phrase and phrase not in words:
                words.append(phrase)
        said.append([f"the link model weighs most: {'; '.join(words)}"] if words else [])
    return said


def _said(name: str, value: float = 1.0, strings: list[str] | None = None) -> str | None:
    if name in _BINARY and value == 0:
        return _ABSENT.get(name, "no " + _NAMED.get(name, name.replace("_", " ")).removeprefix("a ").removeprefix("an "))
    if name == "ngram_score":
        return "character strings common in phishing links (" + ", ".join(f"'{s}'" for s in strings) + ")" if strings \
            else "character strings common in phishing links"
    if name.startswith("count_"):
        return f"the number of '{chr(int(name[6:], 16))}' in the link"
    if name in _NAMED:
        return _NAMED[name]
    for part, where in _PARTS.items():
        stat = name[len(part) + 1:] if name.startswith(part + "_") else ""
        if stat in _STATS:
            return _STATS[stat].format(where)
    return name.replace("_", " ")
