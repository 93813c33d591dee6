"""Readers of the labelled text and URL sets that train and evaluate the content detectors.

Each returns plain lists (texts, labels) so the training and bench code stays the same for every
set. Paths are arguments: the datasets live outside the repository and are never copied into it.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from scamnet.core.enums import ScamType
from scamnet.core.errors import InputError, NotFoundError, Problem

UCI = "uci-sms-spam/SMSSpamCollection.tsv"
MENDELEY = "mendeley-smishing-mishra-soni/Dataset_5971.csv"
CHINESE = "telecom-fraud-texts-5/train.csv"
URLS = "hannousse-web-phishing-2021/dataset_phishing.csv"

#: Labels of the Chinese research set mapped onto scamnet's one scam taxonomy.
CHINESE_LABELS = {
    "0": "ham",
    "冒充公检法及政府机关类": ScamType.GOVERNMENT_IMPERSONATION.value,
    "贷款、代办信用卡类": ScamType.FAKE_LOAN.value,
    "冒充客服服务": ScamType.CUSTOMER_SERVICE_REFUND.value,
    "冒充领导、熟人类": ScamType.BOSS_IMPERSONATION.value,
}
MENDELEY_LABELS = {"ham": "ham", "spam": "spam", "smishing": ScamType.PHISHING.value}


def dataset_file(root: Path, relative: str) -> Path:
    path = Path(root) / relative
    if not path.exists():
        raise NotFoundError(f"no data set file at {path}", hint="pass --datasets with the folder holding the data sets")
    return path


def uci_sms(root: Path) -> tuple[list[str], list[str]]:
    """UCI SMS Spam Collection: labels ``ham`` / ``spam``."""
    texts, labels = [], []
    with dataset_file(root, UCI).open(encoding="utf-8") as source:
        for line in source:
            label, _, text = line.rstrip("\n").partition("\t")
            texts.append(text)
            labels.append("ham" if label == "ham" else "spam")
    return texts, labels


def mendeley_smishing(root: Path) -> tuple[list[str], list[str]]:
    """Mendeley smishing set: ``ham`` / ``spam`` / ``phishing`` (its "smishing", in any case)."""
    with dataset_file(root, MENDELEY).open(encoding="utf-8", errors="replace", newline="") as source:
        rows = list(csv.DictReader(source))
    return [r["TEXT"] for r in rows], [MENDELEY_LABELS[r["LABEL"].strip().lower()] for r in rows]


def chinese_fraud_texts(root: Path) -> tuple[list[str], list[str]]:
    """telecom-fraud-texts-5 (research use only: evaluation, never shipped training)."""
    with dataset_file(root, CHINESE).open(encoding="utf-8", newline="") as source:
        rows = list(csv.DictReader(source))
    return [r["content"] for r in rows], [CHINESE_LABELS[r["label"]] for r in rows]


def phishing_urls(root: Path) -> tuple[list[str], list[int]]:
    """Hannousse web-phishing set: the raw URL only, 1 = phishing."""
    with dataset_file(root, URLS).open(encoding="utf-8", newline="") as source:
        rows = list(csv.DictReader(source))
    return [r["url"] for r in rows], [1 if r["status"] == "phishing" else 0 for r in rows]


def text_key(text: str) -> str:
    """Lower-case letters and digits only: how the two English sets are matched for overlap."""
    return re.sub(r"[^a-z0-9]", "", text.lower())


def without_overlap(texts: list[str], labels: list[str], other: list[str]) -> tuple[list[str], list[str]]:
    """The rows of one set whose text does not occur in ``other``."""
    seen = {text_key(t) for t in other}
    kept = [(t, y) for t, y in zip(texts, labels, strict=True) if text_key(t) not in seen]
    return [t for t, _ in kept], [y for _, y in kept]


_TRAINING_HINT = "give a UTF-8 CSV with a header text,label; label legitimate messages 'ham', scams with their type"


def labelled_texts(path: Path) -> tuple[list[str], list[str]]:
    """A user's own training file: CSV or TSV with columns ``text`` and ``label`` (``ham`` = legitimate)."""
    path = Path(path)
    if not path.is_file():
        raise NotFoundError(f"no training file at {path}", hint="give a CSV with columns text,label")
    try:
        rows = _labelled_rows(path)
    except UnicodeDecodeError as exc:
        raise InputError([Problem(str(path), None, None, exc.object[exc.start : exc.end], "UTF-8 text")],
                         hint=_TRAINING_HINT) from exc
    problems = [
        Problem(str(path), n + 2, "label", r["label"], "a non-empty label")
        for n, r in enumerate(rows) if not (r["label"] or "").strip()
    ]
    if problems:
        raise InputError(problems, hint=_TRAINING_HINT)
    texts, labels = [r["text"] or "" for r in rows], [r["label"].strip().lower() for r in rows]
    _check_classes(path, labels)
    return texts, labels


def _labelled_rows(path: Path) -> list[dict[str, str]]:
    delimiter = "\t" if path.suffix.lower() in {".tsv", ".tab"} else ","
    with path.open(encoding="utf-8", newline="") as source:
        reader = csv.DictReader(source, delimiter=delimiter)
        missing = sorted({"text", "label"} - set(reader.fieldnames or []))
        if missing:
            raise InputError([Problem(str(path), 1, ",".join(missing), reader.fieldnames,
                                      "a header line with columns text and label")], hint=_TRAINING_HINT)
        return list(reader)


def _check_classes(path: Path, labels: list[str]) -> None:
    """Training needs legitimate rows (``ham``) and at least one scam label."""
    kinds = sorted(set(labels))
    if "ham" not in kinds or len(kinds) < 2:
        raise InputError(
            [Problem(str(path), None, "label", kinds, "'ham' rows and rows of at least one scam label")],
            hint=_TRAINING_HINT,
        )
