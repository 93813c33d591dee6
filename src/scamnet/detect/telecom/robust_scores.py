"""Robust unsupervised scores: how far an entity's signals sit beyond the typical subscriber's.

Each signal is measured in robust standard deviations (median and MAD of the reference
population, so a handful of gateways cannot hide themselves by inflating the spread), only on
its suspicious side, capped so that no single signal decides alone. A weighted sum of these
deviations goes through a logistic into [0, 1]: ``centre`` deviations score 0.5.

Shares measured on few calls are noisy, so a share is first pulled towards the typical value
in proportion to how little evidence it rests on (``support``: ten calls count as much as the
population's prior).

>>> sig = Signal("calls_out", weight=1.0, floor=1.0)
>>> ref = fit_reference({"calls_out": np.array([2.0, 3.0, 3.0, 4.0, 40.0])}, [sig])
>>> ref.centre["calls_out"], round(ref.scale["calls_out"], 3)
(3.0, 1.483)
>>> signal_deviations({"calls_out": np.array([3.0, 9.0])}, [sig], ref)["calls_out"].round(2).tolist()
[0.0, 4.05]
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MAD_TO_SD = 1.4826  # the MAD of a normal distribution is 0.674 of its standard deviation
PRIOR_WEIGHT = 10.0  # a share resting on this many observations is trusted as much as the typical value
#: Up to this many entities, the deviations are worked out as one array (its temporaries stay small).
STACKED_ROWS = 4096


@dataclass(frozen=True)
class Signal:
    """One suspicious direction of one feature column (higher is suspicious unless ``lower``)."""

    name: str
    weight: float
    #: the smallest meaningful unit: one robust SD is never taken smaller than this
    floor: float
    lower: bool = False
    cap: float = 6.0
    #: column counting the observations a share rests on (shrunk towards typical when few)
    support: str | None = None
    #: signals of one family add up; a family's total can be capped (``weighted_evidence``)
    family: str = ""


@dataclass(frozen=True)
class Reference:
    """The typical value (median) and spread (robust SD) of each signal in a population."""

    centre: dict[str, float]
    scale: dict[str, float]


def fit_reference(columns: dict[str, np.ndarray], signals: list[Signal]) -> Reference:
    """Median and robust SD (MAD × 1.4826, at least the signal's floor) of every signal."""
    centre, scale = {}, {}
    for sig in signals:
        values = np.asarray(columns[sig.name], dtype=float)
        values = values[np.isfinite(values)]
        median = float(np.median(values)) if values.size else 0.0
        mad = float(np.median(np.abs(values - median))) if values.size else 0.0
        centre[sig.name], scale[sig.name] = median, max(MAD_TO_SD * mad, sig.floor)
    return Reference(centre, scale)


def signal_deviations(columns: dict[str, np.ndarray], signals: list[Signal], ref: Reference) -> dict[str, np.ndarray]:
    """Per signal, the capped one-sided robust deviation of every entity (0 = typical or better).

    A few entities (the online detectors score one to a few hundred at once) are taken as one
    (entities x signals) array, a handful of NumPy calls instead of a handful per signal; the
    same operations on each value, so the same deviations to the last bit.
    """
    if signals and len(columns[signals[0].name]) <= STACKED_ROWS:
        return _stacked_deviations(columns, signals, ref)
    found = {}
    for sig in signals:
        values = np.asarray(columns[sig.name], dtype=float)
        centre = ref.centre[sig.name]
        values = np.where(np.isfinite(values), values, centre)
        if sig.support is not None:
            n = np.asarray(columns[sig.support], dtype=float)
            values = (n * values + PRIOR_WEIGHT * centre) / (n + PRIOR_WEIGHT)
        z = (values - centre) / ref.scale[sig.name]
        found[sig.name] = np.clip(-z if sig.lower else z, 0.0, sig.cap)
    return found


def _stacked_deviations(columns: dict[str, np.ndarray], signals: list[Signal], ref: Reference) -> dict[str, np.ndarray]:
    """``signal_deviations`` on every signal at once: one row of a (signals x entities) array each."""
    names, centre, scale, lower, cap, shrunk, supports = _stacked_constants(signals, ref)
    values = np.array([columns[name] for name in names], dtype=float)
    values = np.where(np.isfinite(values), values, centre)
    if len(shrunk):
        n = np.array([columns[support] for support in supports], dtype=float)
        values[shrunk] = (n * values[shrunk] + PRIOR_WEIGHT * centre[shrunk]) / (n + PRIOR_WEIGHT)
    z = (values - centre) / scale
    z = np.where(lower, -z, z)
    capped = np.clip(z, 0.0, cap)
    return dict(zip(names, capped, strict=True))


_Constants = tuple[list[str], np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, list[str]]


def _stacked_constants(signals: list[Signal], ref: Reference) -> _Constants:
    """The signals' names and, as (signals x 1) arrays, their centres, scales, sides and caps; the rows of the shared
    signals and their support columns. Made once per reference and signals (an online detector scores one entity at
    a time with the same ones) and kept on the reference, which ``fit_reference`` made and nothing changes."""
    kept = ref.__dict__.get("_stacked")
    if kept is not None and len(kept[0]) == len(signals) and all(a is b for a, b in zip(kept[0], signals, strict=True)):
        return kept[1]
    names = [sig.name for sig in signals]
    shrunk = [i for i, sig in enumerate(signals) if sig.support is not None]
    made = (names, np.array([ref.centre[name] for name in names])[:, None],
            np.array([ref.scale[name] for name in names])[:, None], np.array([sig.lower for sig in signals])[:, None],
            np.array([sig.cap for sig in signals])[:, None], np.array(shrunk, dtype=np.intp),
            [str(signals[i].support) for i in shrunk])
    object.__setattr__(ref, "_stacked", (tuple(signals), made))  # a frozen dataclass: set past its guard
    return made


def weighted_evidence(
    deviations: dict[str, np.ndarray], signals: list[Signal], ceilings: dict[str, float] | None = None
) -> np.ndarray:
    """The weighted sum of the signals' deviations, one value per entity; a family's part at most its ceiling.

    >>> signals = [Signal("a", 1.0, 1.0, family="calls"), Signal("b", 2.0, 1.0, family="calls"), Signal("c", 1.0, 1.0)]
    >>> deviations = {"a": np.array([3.0, 1.0]), "b": np.array([3.0, 0.0]), "c": np.array([2.0, 0.0])}
    >>> weighted_evidence(deviations, signals, {"calls": 5.0}).tolist()
    [7.0, 1.0]
    """
    ceilings = ceilings or {}
    parts: dict[str, np.ndarray] = {}
    for sig in signals:
        parts[sig.family] = parts.get(sig.family, 0.0) + sig.weight * deviations[sig.name]
    total = np.zeros(len(next(iter(deviations.values()))) if deviations else 0)
    for family, part in parts.items():
        total = total + np.minimum(part, ceilings.get(family, np.inf))
    return total


def logistic_scores(evidence: np.ndarray, centre: float, width: float) -> np.ndarray:
    """Evidence mapped into [0, 1]: ``centre`` scores 0.5, each ``width`` more multiplies the odds by e.

    >>> logistic_scores(np.array([0.0, 12.0, 24.0]), centre=12.0, width=3.0).round(3).tolist()
    [0.018, 0.5, 0.982]
    """
    return 1.0 / (1.0 + np.exp(-(np.asarray(evidence, dtype=float) - centre) / width))


def strongest_signals(deviations: dict[str, np.ndarray], signals: list[Signal], row: int, top: int = 6) -> list[str]:
    """Names of the signals contributing most to entity ``row``'s evidence, strongest first."""
    weighted = [(sig.weight * deviations[sig.name][row], sig.name) for sig in signals]
    return [name for value, name in sorted(weighted, key=lambda p: (-p[0], p[1])) if value > 0][:top]
