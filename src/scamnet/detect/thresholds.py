"""Alert thresholds set by the share of normal items a detector may flag, one way for every model."""

from __future__ import annotations

import numpy as np


def threshold_flagging_at_most(normal_scores: np.ndarray, share: float) -> float:
    """The lowest threshold (flag at or above it) that flags at most ``share`` of ``normal_scores``.

    0.5 when there are no normal scores to set it on.

    >>> threshold_flagging_at_most(np.array([0.1, 0.2, 0.9, 0.3]), 0.25) > 0.3
    True
    >>> threshold_flagging_at_most(np.array([]), 0.001)
    0.5
    """
    ranked = np.sort(normal_scores)[::-1]
    allowed = int(np.floor(share * len(ranked)))
    return float(np.nextafter(ranked[allowed], 1.0)) if allowed < len(ranked) else 0.5
