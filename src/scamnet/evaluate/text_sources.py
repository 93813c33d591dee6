"""The message sources of ``scamnet bench text`` and of the shipped model's training, in three labels.

Every loader returns ``(texts, labels)`` with ``ham`` (legitimate), ``spam`` (marketing: unwanted,
not fraud) or a scam type (``other`` when the set does not say which; the cues then name one).
How each set's own labels were mapped, and why:

- UCI SMS "spam" mixes fraud ("you have won a £1000 prize, call 0906… to claim") with premium-rate
  marketing (ringtone clubs, chat lines, phone upgrades). The UCI set does not say which is which;
  the Mendeley set's annotators did, for the 5,089 UCI texts it holds again ("smishing" or "spam").
  Their word is taken: smishing is a scam (``other``), spam is marketing (``spam``). The UCI spam they
  gave both labels, or that Mendeley does not hold (100 of 747), has no three-way label and is left
  out; ham stays ham.
- Mendeley: "spam" (ringtones, clinics, flats, job agencies) is marketing (``spam``); "smishing" is
  ``phishing``. Rows whose text is also in UCI are dropped (most of its ham and spam are UCI's).
- Thai SMS (Sivakorn, MIT): OK and OTP are legitimate, scam is scam (``other``), spam is marketing.
  Exact (label, text) repeats are dropped, and texts the set gives two labels.
- Super SMS 2018–2023 (evaluation only): "spam" is mostly marketing, so ``spam``; ham is ham. Half
  its rows arrive lower-cased with digits and punctuation stripped. Distinct texts only.
- telecom-fraud-texts-5 (research only, evaluation only): ham and four scam types.
- the project's own Chinese and English messages (``corpus_zh``, ``corpus_en``) and the simulator's texts
  (``sim_corpus``).

Paths are arguments: the data sets live outside the repository and are never copied into it.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from scamnet.core.enums import ScamType
from scamnet.detect.content.text.corpus_en import english_corpus
from scamnet.detect.content.text.corpus_zh import chinese_corpus
from scamnet.detect.content.text.model import HAM, SPAM
from scamnet.evaluate.datasets import (
    chinese_fraud_texts,
    dataset_file,
    mendeley_smishing,
    text_key,
    uci_sms,
    without_overlap,
)
from scamnet.evaluate.sim_corpus import simulator_corpus

Labelled = tuple[list[str], list[str]]
THAI = "thai-sms-sivakorn/raw_data"
SUPER_SMS = "super-sms-2018-2023/DS_latest.csv"
THAI_LABELS = {"OK": HAM, "OTP": HAM, "scam": ScamType.OTHER.value, "spam": SPAM}
#: Seed of the simulator text in the shipped model's training data (the demo world uses seed 1).
SIMULATOR_CORPUS_SEED = 1009


def uci_three_way(root: Path) -> Labelled:
    """UCI SMS: ``ham`` / ``other`` / ``spam``, its "spam" split as Mendeley's annotators split the same texts
    (smishing: a scam; spam: marketing); spam they split both ways or do not hold is left out."""
    texts, labels = uci_sms(root)
    split: dict[str, set[str]] = {}
    for text, label in zip(*mendeley_smishing(root), strict=True):
        split.setdefault(text_key(text), set()).add(label)
    kept = [(text, HAM if label == HAM else _scam_or_marketing(split.get(text_key(text), set())))
            for text, label in zip(texts, labels, strict=True)]
    return [t for t, y in kept if y], [y for _, y in kept if y]


def _scam_or_marketing(mendeley: set[str]) -> str | None:
    """A UCI spam row's three-way label from Mendeley's labels of the same text (None: not one label there)."""
    if len(mendeley) != 1:
        return None
    label = next(iter(mendeley))
    return SPAM if label == SPAM else ScamType.OTHER.value if label != HAM else None


def mendeley_not_uci(root: Path) -> Labelled:
    """Mendeley smishing minus the texts UCI also holds: ``ham`` / ``spam`` / ``phishing``."""
    texts, labels = mendeley_smishing(root)
    return without_overlap(texts, labels, uci_sms(root)[0])


def thai_sms(root: Path) -> Labelled:
    """Thai SMS: OK and OTP → ``ham``, scam → ``other``, spam → ``spam``; repeats and two-label texts dropped."""
    folder = dataset_file(root, THAI)
    seen: dict[str, set[str]] = {}
    for path in sorted(folder.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            label, sep, text = line.partition("|")
            if sep and label.strip() in THAI_LABELS and text.strip():
                seen.setdefault(text.strip(), set()).add(THAI_LABELS[label.strip()])
    kept = [(text, next(iter(labels))) for text, labels in seen.items() if len(labels) == 1]
    return [t for t, _ in kept], [y for _, y in kept]


def super_sms(root: Path) -> Labelled:
    """Super SMS 2018–2023 (evaluation only): distinct texts, 1 → ``spam`` (marketing), 0 → ``ham``."""
    with dataset_file(root, SUPER_SMS).open(encoding="utf-8", errors="replace", newline="") as source:
        rows = {r["SMSes"].strip(): r["Labels"].strip() for r in csv.DictReader(source) if (r["SMSes"] or "").strip()}
    return list(rows), [SPAM if label == "1" else HAM for label in rows.values()]


def project_chinese(root: Path) -> Labelled:
    """The project-written Chinese messages (``corpus_zh``, seed 0); ``root`` is not read."""
    return chinese_corpus(seed=0)


def project_english(root: Path) -> Labelled:
    """The project-written English messages (``corpus_en``, seed 0): service notices of many countries, marketing,
    scams; ``root`` is not read."""
    return english_corpus(seed=0)


def simulator_texts(root: Path) -> Labelled:
    """The simulator's notices and scam scripts (seed ``SIMULATOR_CORPUS_SEED``); ``root`` is not read."""
    return simulator_corpus(seed=SIMULATOR_CORPUS_SEED)


@dataclass(frozen=True)
class Source:
    """A message source: its title, whether what ships may train on it, and its loader."""

    title: str
    trainable: bool
    load: Callable[[Path], Labelled]


SOURCES: dict[str, Source] = {
    "uci": Source("UCI SMS", True, uci_three_way),
    "mendeley": Source("Mendeley not UCI", True, mendeley_not_uci),
    "thai": Source("Thai SMS", True, thai_sms),
    "sim": Source("simulator", True, simulator_texts),
    "zh_project": Source("project Chinese", True, project_chinese),
    "en_project": Source("project English", True, project_english),
    "super": Source("Super SMS 2018-2023", False, super_sms),
    "zh": Source("telecom-fraud-5", False, chinese_fraud_texts),
}
