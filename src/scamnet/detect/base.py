"""The one contract every detector keeps, and the registry that lists them.

- constructors only store their parameters (``seed`` among them), each as an attribute of the
  same name, as scikit-learn's estimators do: nothing is learned or loaded there;
- ``fit(data)`` learns what it needs (unsupervised by default) and returns ``self``; what it
  learns (or loads, like a shipped model) goes into attributes whose names end in ``_``
  (``reference_``, ``model_``), set in ``fit`` and nowhere else;
- ``score(data)`` returns an Arrow table ``(entity, score)``, one row per entity scored,
  ``score`` in [0, 1] with high meaning suspicious, sorted by score descending then entity;
  what it keeps for ``explain`` is private (a leading ``_``);
- ``explain(entity)`` returns reasons a person can read (at least one) for an entity of the last
  ``score``. Any other entity — never scored, or scored by an earlier ``score`` call — raises
  ``NotFoundError`` naming the entity and the detector (``not_scored_error``): an analyst
  asking "why is this flagged?" must never read an empty answer as "no reason".
- ``scam_type(entity)`` (optional) names the scam type the detector reads in it, else None.

Ground truth never reaches a score: labels are an explicit argument of ``fit`` where a detector
can learn from them, never read from ``data`` (its ``labels`` table may be empty or wrong).
``example_data(seed)`` gives a small world the shared conformance test runs every detector on.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import ClassVar, Self

import pyarrow as pa
import pyarrow.compute as pc

from scamnet.core.errors import NotFoundError
from scamnet.features.data import Data

SCORES_SCHEMA = pa.schema([pa.field("entity", pa.string(), nullable=False), pa.field("score", pa.float64(), nullable=False)])

_REGISTRY: dict[str, type[Detector]] = {}


class Detector(ABC):
    name: ClassVar[str]
    #: Entity kinds this detector scores (``phone``, ``imei``, ``account``, ``msg``, ``url``...).
    entity_kinds: ClassVar[tuple[str, ...]]

    def __init__(self, *, seed: int = 0) -> None:
        self.seed = seed

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if getattr(cls, "__abstractmethods__", None) or "name" not in vars(cls):
            return  # an abstract base (``EvidenceDetector``) names no detector
        if cls.name in _REGISTRY:
            raise TypeError(f"two detectors are named {cls.name!r}: {_REGISTRY[cls.name]} and {cls}")
        _REGISTRY[cls.name] = cls

    @abstractmethod
    def fit(self, data: Data) -> Self: ...

    @abstractmethod
    def score(self, data: Data) -> pa.Table: ...

    @abstractmethod
    def explain(self, entity: str) -> list[str]: ...

    def scam_type(self, entity: str) -> str | None:
        """The scam type this detector reads in ``entity`` (of the last ``score``); None when it does not say."""
        return None

    @classmethod
    @abstractmethod
    def example_data(cls, seed: int) -> Data: ...


def scores_table(entities: list[str] | pa.Array, scores: list[float] | pa.Array) -> pa.Table:
    """The canonical ``(entity, score)`` result: clipped to [0, 1], highest first, ties by entity."""
    result = pa.table({"entity": pa.array(entities, pa.string()), "score": pa.array(scores, pa.float64())})
    clipped = pc.min_element_wise(pc.max_element_wise(pc.fill_null(result["score"], 0.0), 0.0), 1.0)
    result = result.set_column(1, "score", clipped).cast(SCORES_SCHEMA)
    return result.sort_by([("score", "descending"), ("entity", "ascending")])


def not_scored_error(detector: str, entity: str) -> NotFoundError:
    """What ``explain`` raises for an entity that its detector's last ``score`` did not return.

    >>> not_scored_error("goip", "imei:000").message
    "goip has not scored 'imei:000'"
    """
    return NotFoundError(f"{detector} has not scored {entity!r}",
                         hint="score data holding it first: explain gives the reasons of the last score")


def detectors() -> dict[str, type[Detector]]:
    """Every registered detector by name (importing the detector modules registers them)."""
    _import_builtin()
    return dict(sorted(_REGISTRY.items()))


def detector(name: str) -> type[Detector]:
    found = detectors()
    if name not in found:
        raise NotFoundError(f"no detector named {name!r}", hint="one of: " + ", ".join(found))
    return found[name]


def _import_builtin() -> None:
    import importlib
    import pkgutil

    import scamnet.detect as package

    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        if info.name != __name__:
            importlib.import_module(info.name)
