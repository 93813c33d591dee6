"""The ``scam_text`` detector: each message (``msg:<msg_id>``) scored, typed and explained.

The score comes from the message model (character n-grams + cue lexicon, ``text_model``), with
its alert threshold at 0.5; the reasons are the cues found in the de-obfuscated text, the
scam type the model and cues point to, and the links and numbers to call back. Scam, marketing
and legitimate are three labels: marketing (``spam``) is named so an operator can filter it, but
it scores under the alert threshold unless the model reads a scam in it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Self

import pyarrow as pa

from scamnet.core.enums import ScamType
from scamnet.detect.base import Detector
from scamnet.detect.content.assessed import AssessedMixin, message_table
from scamnet.detect.content.normalise import normalise_text
from scamnet.detect.content.text.account_lure import account_lure_hit
from scamnet.detect.content.text.callback_lure import callback_lure_hit
from scamnet.detect.content.text.cues import CueHit, find_cues, likely_scam_type
from scamnet.detect.content.text.language import UNREAD_SCORE_CAP
from scamnet.detect.content.text.model import ALERT, HAM, NONE, SPAM, SUSPICIOUS, TextModel, load_text_model
from scamnet.detect.content.text.prize_lure import lure_hit
from scamnet.features.data import Data
from scamnet.features.runner import run_feature

SHIPPED_MODEL = "text_model.json.gz"
#: Classes of training sets that say "scam" without saying which; the cues then decide.
_GENERIC = {"smishing", ScamType.OTHER.value, ScamType.PHISHING.value}
#: The label of a message that is neither a scam nor marketing.
LEGITIMATE = "legitimate"
#: The label of a message in a language the model has not learned: no verdict.
UNKNOWN = "unknown"
_BATCH = 20_000


@dataclass(frozen=True)
class TextAssessment:
    """One message judged: score in [0, 1] (0.5 = the alert threshold), calibrated scam probability,
    band (``alert``, ``suspicious`` or ``none``), scam type, marketing or not, reasons."""

    text: str
    normalised: str
    score: float
    scam_type: str | None
    cues: list[CueHit] = field(default_factory=list)
    probability: float = 0.0
    band: str = NONE
    marketing: bool = False
    #: False for a language the model has not learned (``language.py``): "unknown", never an alert on the model alone.
    language_known: bool = True

    @property
    def is_scam(self) -> bool:
        return self.band == ALERT

    @property
    def label(self) -> str:
        """The scam type when it is an alert, ``unknown`` for a language the model has not learned, else ``spam``
        (marketing) or ``legitimate``."""
        if not self.language_known:
            return UNKNOWN
        if self.is_scam:
            return self.scam_type or ScamType.OTHER.value
        return SPAM if self.marketing else LEGITIMATE

    def reasons(self) -> list[str]:
        return list(self._worded)

    @cached_property
    def _worded(self) -> tuple[str, ...]:
        """The reasons, worded once per text (a campaign's text is decided again and again)."""
        head = f"text model score {self.score:.2f} (0.5 = alert threshold; scam probability {self.probability:.3f})"
        if not self.language_known:
            head = f"language unknown to the text model: its score {self.score:.2f} is no verdict (kept below 0.5)"
        if self.is_scam and self.scam_type:
            head += f"; looks like {self.scam_type.replace('_', ' ')}"
        elif self.band != NONE:
            head += "; suspicious, below the alert threshold"
        if self.marketing and not self.is_scam:
            head += "; reads as marketing (spam), not a scam"
        return (head, *(str(hit) for hit in self.cues))


def shipped_model_path() -> Path:
    return Path(str(resources.files("scamnet.detect.content") / "models" / SHIPPED_MODEL))


@lru_cache(maxsize=4)
def text_model(path: Path | None = None) -> TextModel:
    """The model at ``path`` (default: the one shipped in the package), loaded once."""
    return load_text_model(path or shipped_model_path())


def assess_texts(texts: list[str], model: TextModel) -> list[TextAssessment]:
    """Score, type and cues of every text, in order; a block threat with an ordinary number to call is an alert
    (``account_lure``), and so is a prize, premium-rate or callback lure the model reads as unwanted (``prize_lure``,
    ``callback_lure``)."""
    normalised = [normalise_text(t) for t in texts]
    hits = [find_cues(t) for t in normalised]
    judged = model.verdicts(normalised, hits)
    readable = model.reader().can_read(normalised)
    found = []
    for text, plain, score, kind, cues, p, band, ad, known in zip(
            texts, normalised, judged.score, judged.scam_kind, hits, judged.probability, judged.band,
            judged.marketing, readable, strict=True):
        if known:
            assessed = TextAssessment(text, plain, float(score), _scam_type(kind, cues), cues, float(p), band, bool(ad))
            found.append(with_lure(assessed, model.threshold))
        else:  # a language the model never learned: no verdict above the suspicious band, and no lure read
            found.append(TextAssessment(text, plain, min(float(score), UNREAD_SCORE_CAP), None, cues, float(p),
                                        SUSPICIOUS if band == ALERT else band, bool(ad), language_known=False))
    return found


def with_lure(assessed: TextAssessment, threshold: float) -> TextAssessment:
    """``assessed`` raised to an alert (the lure's type, its phrase a reason) when it is a block threat with an
    ordinary number to call (``account_lure``), whatever the model reads, or a prize or premium-rate lure
    (``prize_lure``) or a callback lure (``callback_lure``) the model reads as unwanted — marketing, or a scam below
    the alert threshold; an alert already keeps its type and gains the lure as a reason; anything else is unchanged."""
    found = account_lure_hit(assessed.normalised)
    if found is None:
        if assessed.band == NONE and not assessed.marketing:
            return assessed
        found = lure_hit(assessed.normalised, assessed.cues) or callback_lure_hit(assessed.normalised)
        if found is None:
            return assessed
    if assessed.band == ALERT:
        return replace(assessed, cues=[*assessed.cues, found])
    scam_type = (found.cue.scam_type or ScamType.PRIZE_LOTTERY).value
    return replace(assessed, score=max(assessed.score, 0.5), probability=max(assessed.probability, threshold),
                   band=ALERT, scam_type=scam_type, marketing=False, cues=[*assessed.cues, found])


def _scam_type(model_kind: str, hits: list[CueHit]) -> str:
    from_cues = likely_scam_type(hits)
    if model_kind in _GENERIC or model_kind == HAM:
        return (from_cues or _generic_type(model_kind)).value
    return model_kind


def _generic_type(kind: str) -> ScamType:
    return ScamType.PHISHING if kind in {"smishing", ScamType.PHISHING.value} else ScamType.OTHER


class ScamTextDetector(AssessedMixin[TextAssessment], Detector):
    name = "scam_text"
    entity_kinds = ("msg",)

    def __init__(self, *, seed: int = 0, model_path: Path | None = None) -> None:
        super().__init__(seed=seed)
        self.model_path = model_path

    def fit(self, data: Data) -> Self:
        # Supervised offline: the model ships trained; nothing here reads the data's labels.
        self.model_: TextModel = text_model(self.model_path)
        return self

    def score(self, data: Data) -> pa.Table:
        found = run_feature(data, "content/message_texts")
        rows = list(zip(found["msg_id"].to_pylist(), found["text"].to_pylist(), strict=True))
        judged = self._assess_distinct(sorted({text for _, text in rows}))
        return self.scored({f"msg:{msg_id}": judged[text] for msg_id, text in rows})

    def scam_type(self, entity: str) -> str | None:
        assessed = self._assessed.get(entity)
        return assessed.scam_type if assessed is not None else None

    def _assess_distinct(self, texts: list[str]) -> dict[str, TextAssessment]:
        # campaigns send one text thousands of times: each distinct text is judged once
        judged: dict[str, TextAssessment] = {}
        for start in range(0, len(texts), _BATCH):
            chunk = texts[start : start + _BATCH]
            judged.update(zip(chunk, assess_texts(chunk, self.model_), strict=True))
        return judged


    @classmethod
    def example_data(cls, seed: int) -> Data:
        return Data.from_tables(messages=example_messages(seed))


EXAMPLE_TEXTS = (
    "【工商银行】您尾号1234的卡于3月1日支出58.00元，余额3021.55元。",
    "您好，这里是上海公安局刑侦大队，您涉嫌洗钱，请立即将资金转入安全账户配合调查，不要告诉任何人。",
    "在家兼职，动动手指日赚500元，给视频点赞即可返佣，加V信：abc12345",
    "Are you home yet? Dinner is ready",
    "URGENT! You have won a £1000 prize. Claim now: call 09061701461 before midnight",
    "Meeting moved to 3pm, see you there",
)


def example_messages(seed: int) -> pa.Table:
    """A handful of Chinese and English messages, scams among them, in the canonical schema."""
    return message_table(EXAMPLE_TEXTS, seed, "m")
