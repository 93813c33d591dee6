"""Whether the message model can read a text: the scripts of its letters, and how many of them it learned.

A model of character n-grams judges only what its vocabulary holds. A Russian, Arabic or Hindi
message run through a model trained on Chinese and English shares no letters with it, and its score
is then a verdict on punctuation, digits and a link: confident and meaningless. So before a verdict
each text is checked against what the model learned, on two counts:

- **script**: at least ``MIN_LEARNED_SHARE`` (four in five) of the text's letters are of a script
  the model learned. The scripts learned are measured on the training texts and stored in the
  model file (``training_scripts``): a script is learned when it holds ``MIN_SOURCE_SCRIPT_SHARE``
  of the letters of some training source, so a few stray words do not teach a script and a source
  in a language does. A model file without them (older ones) reads them from its vocabulary: a
  script the vocabulary holds at least ``MIN_SCRIPT_GRAMS`` n-grams of, or ``MIN_SCRIPT_SHARE`` of
  its letter n-grams;
- **letters**: at least ``MIN_KNOWN_SHARE`` of the text's letters are letters the vocabulary knows.

Letters inside links and e-mail addresses are not language and are not counted: a Thai notice
with an English link is a Thai text. A message half in a language the model never learned is
judged on the half it can read only, which is no verdict: so four in five, not half.
No list of languages is written here: a model retrained with Thai messages reads Thai from then on.
A text without letters (a number, a code) is left to the model. Languages written in a learned
script (German or Indonesian in Latin letters for an English model) pass: letters and scripts
cannot tell them apart.

>>> vocabulary = {g: i for i, g in enumerate(["c", "a", "l", "ca", "al", "ll", "加", "微", "信", "微信"])}
>>> reader = VocabularyReader(vocabulary)
>>> reader.can_read(["call 95588", "加微信", "позвоните нам", "12345", "กดลิงก์ http://abc.cn/callme"])
[True, True, False, True, False]
>>> training_scripts(["hello", "你好", "สวัสดีครับ"], ["en", "zh", "zh"])
['Han', 'Latin', 'Thai']
>>> letter_scripts("позвоните нам http://x.cn")
{'Cyrillic': 12, 'Latin': 7}
"""

from __future__ import annotations

import re
import string
import weakref
from bisect import bisect_right
from collections import Counter

from sklearn.feature_extraction.text import TfidfVectorizer

from scamnet.detect.content.text.char_grams import built_per_vocabulary

#: The least share of a text's letters (as they occur) the vocabulary must know for the model to read it.
MIN_KNOWN_SHARE = 1 / 3
#: The least share of a text's letters (outside links) in scripts the model learned for it to read the text.
MIN_LEARNED_SHARE = 0.8
#: A script is learned when it holds this share of the letters (outside links) of some training source.
MIN_SOURCE_SCRIPT_SHARE = 0.02
#: The most a text the model cannot read scores: below the alert threshold (0.5), so never an alert on
#: the model alone; the cues found stay as reasons for rules to act on.
UNREAD_SCORE_CAP = 0.49
#: A script counts as learned when the vocabulary holds this many n-grams of its letters, or, for a
#: small model trained on a few dozen messages, this share of its letter n-grams.
MIN_SCRIPT_GRAMS = 100
MIN_SCRIPT_SHARE = 0.05
# Runs of letters: digits, punctuation and spaces are not language. Combining vowel signs (Thai,
# Devanagari) split a run; the letters on either side still count.
_LETTER_RUN = re.compile(r"[^\W\d_]+")
# What a normalised text holds besides letters and their marks: spaces, ASCII digits and punctuation,
# Latin-1 and general punctuation, currency, symbols and arrows, CJK and full-width punctuation, private-use
# characters (old phone emoji) and specials (the replacement character). One
# character class, cheap to strip (a Unicode letter test per character is the slowest way to count).
_NOT_LETTER = re.compile(
    r"[\s\x21-\x40\x5b-\x60\x7b-\x7e\x80-\xbf\u2000-\u206f\u20a0-\u20cf\u2100-\u214f\u2190-\u2bff"
    r"\u3000-\u303f\ue000-\uf8ff\ufe30-\ufe4f\uff00-\uff20\uff3b-\uff40\uff5b-\uff65\ufff0-\uffff]"
)
_SCRIPT_BLOCKS = (
    (0x0041, "Latin"), (0x0250, "Latin"), (0x02B0, "other"), (0x0370, "Greek"), (0x0400, "Cyrillic"),
    (0x0530, "Armenian"), (0x0590, "Hebrew"), (0x0600, "Arabic"), (0x0700, "other"), (0x0750, "Arabic"),
    (0x0780, "other"), (0x0900, "Devanagari"), (0x0980, "Bengali"), (0x0A00, "Indic"), (0x0B80, "Tamil"),
    (0x0C00, "Indic"), (0x0D80, "other"), (0x0E00, "Thai"), (0x0E80, "Lao"), (0x0F00, "other"),
    (0x1000, "Myanmar"), (0x10A0, "Georgian"), (0x1100, "Hangul"), (0x1200, "other"), (0x1780, "Khmer"),
    (0x1800, "other"), (0x1E00, "Latin"), (0x1F00, "Greek"), (0x2000, "other"), (0x3040, "Kana"),
    (0x3100, "other"), (0x3400, "Han"), (0x4DC0, "other"), (0x4E00, "Han"), (0xA000, "other"),
    (0xAC00, "Hangul"), (0xD7B0, "other"), (0xF900, "Han"), (0xFB00, "other"), (0xFB50, "Arabic"),
    (0xFE00, "other"), (0xFE70, "Arabic"), (0xFF00, "other"), (0x20000, "Han"), (0x2FA20, "other"),
)
_BLOCK_STARTS = [start for start, _ in _SCRIPT_BLOCKS]
# Links, e-mail addresses and bare domains: their letters are not the message's language. ASCII only, so a
# link stops where the Chinese or Thai text after it starts, and a run of Chinese is never re-read from
# every position.
_LINK = re.compile(r"(?:https?://|www\.)[!-~]+|[a-z0-9._%+\-]+@[a-z0-9.\-]+|[a-z0-9][a-z0-9.\-]*\.[a-z]{2,}(?:/[!-~]*)?")
_READERS: weakref.WeakKeyDictionary[TfidfVectorizer, tuple[int, VocabularyReader]] = weakref.WeakKeyDictionary()


def script_of(letter: str) -> str:
    """The Unicode script block of one letter (``Latin``, ``Han``, ``Cyrillic``, ``Thai``, ...)."""
    index = bisect_right(_BLOCK_STARTS, ord(letter)) - 1
    return _SCRIPT_BLOCKS[index][1] if index >= 0 else "other"


def letter_scripts(text: str) -> dict[str, int]:
    """How many letters of ``text`` each script has, most first."""
    counts = Counter(script_of(ch) for run in _LETTER_RUN.findall(text) for ch in run)
    return dict(counts.most_common())


class VocabularyReader:
    """The letters and scripts a model's vocabulary knows, to tell which texts the model can read.

    Both are held as compiled character classes, so a text is measured by ``re`` in C, not letter by
    letter in Python (scoring must stay above 5,000 messages/s per core).
    """

    def __init__(self, vocabulary: dict[str, int], min_script_grams: int = MIN_SCRIPT_GRAMS,
                 scripts: list[str] | None = None) -> None:
        known = sorted(gram for gram in vocabulary if len(gram) == 1 and not _NOT_LETTER.match(gram))
        if scripts is None:
            grams_per_script = Counter(script for gram in vocabulary if (script := _single_script(gram)))
            enough = min(min_script_grams, MIN_SCRIPT_SHARE * sum(grams_per_script.values()))
            scripts = [s for s, n in grams_per_script.items() if n >= enough]
        self.learned_scripts = frozenset(scripts)
        self.known_letters = frozenset(known)
        self._unknown_letter = _negated_class("".join(re.escape(ch) for ch in known))
        self._outside_learned = _negated_class(
            "".join(f"{re.escape(chr(start))}-{re.escape(chr(end))}" for start, end in _script_spans(self.learned_scripts))
        )
        # Plain ASCII text is decided once: its letters are a-z.
        self._ascii_readable = "Latin" in self.learned_scripts and set(string.ascii_lowercase) <= self.known_letters

    def reading(self, normalised: str) -> tuple[float, float] | None:
        """Shares of the text's letters (outside links) in learned scripts and known to the vocabulary; None
        without letters."""
        letters = _NOT_LETTER.sub("", _LINK.sub(" ", normalised) if "." in normalised or "@" in normalised else normalised)
        if not letters:
            return None
        learned = len(letters) - len(self._outside_learned.findall(letters))
        known = len(letters) - len(self._unknown_letter.findall(letters))
        return learned / len(letters), known / len(letters)

    def can_read(self, normalised: list[str]) -> list[bool]:
        """For each normalised text: is it in a script the model learned, with letters it knows?"""
        return [self._can_read(text) for text in normalised]

    def _can_read(self, text: str) -> bool:
        if self._ascii_readable and text.isascii():
            return True
        reading = self.reading(text)
        return reading is None or (reading[0] >= MIN_LEARNED_SHARE and reading[1] >= MIN_KNOWN_SHARE)


def _negated_class(members: str) -> re.Pattern[str]:
    return re.compile(f"[^{members}]") if members else re.compile("(?s:.)")


def _script_spans(scripts: frozenset[str]) -> list[tuple[int, int]]:
    ends = [*_BLOCK_STARTS[1:], 0x110000]
    return [(start, end - 1) for (start, script), end in zip(_SCRIPT_BLOCKS, ends, strict=True) if script in scripts]


def _single_script(gram: str) -> str | None:
    scripts = {script_of(ch) for ch in gram if ch.isalpha()}
    return scripts.pop() if len(scripts) == 1 else None


def vocabulary_reader(vectoriser: TfidfVectorizer, scripts: list[str] | None = None) -> VocabularyReader:
    """The reader of a fitted or loaded vectoriser's vocabulary and the scripts its model learned (None:
    read from the vocabulary), built once per vocabulary."""
    return built_per_vocabulary(_READERS, vectoriser, lambda vocabulary: VocabularyReader(vocabulary, scripts=scripts))


def training_scripts(normalised: list[str], sources: list[str]) -> list[str]:
    """The scripts that hold at least ``MIN_SOURCE_SCRIPT_SHARE`` of the letters (outside links) of some source."""
    per_source: dict[str, Counter[str]] = {}
    for text, source in zip(normalised, sources, strict=True):
        per_source.setdefault(source, Counter()).update(letter_scripts(_LINK.sub(" ", text)))
    learned = {script for counts in per_source.values() for script, n in counts.items()
               if script != "other" and n >= MIN_SOURCE_SCRIPT_SHARE * sum(counts.values())}
    return sorted(learned)
