"""The labels a batch run's supervised fit learns from: analysts' verdicts on a detector's alerts.

Confirmed alerts are the positives and dismissed ones known negatives (``store.verdicts``). For
the mule detector, dissuasion outcomes count too: the account a settled victim's payment was going
to is a positive, the payee of a false alarm a known negative (an alert's verdict wins). The
fit turns supervised only once ``fit_min_confirmed`` alerts of the detector are confirmed, so one
early verdict does not swing every score. Below that the detector stays unsupervised.
"""

from __future__ import annotations

import pyarrow as pa

from scamnet.store import Store
from scamnet.store.verdicts import payees_of_settled_payments, verdict_labels

MULE = "mule"


def fit_verdicts(store: Store, detector: str, min_confirmed: int) -> dict[str, bool] | None:
    """Entity → True (confirmed) or False (dismissed) for ``detector``'s alerts; None while too few are confirmed."""
    found = {v.entity: v.positive for v in verdict_labels(store) if v.detector == detector}
    if detector == MULE:
        found = payees_of_settled_payments(store) | found
    return found if min_confirmed > 0 and sum(found.values()) >= min_confirmed else None


def label_rows(verdicts: dict[str, bool] | None, role: str) -> pa.Table | None:
    """The confirmed entities as ``(entity, label)`` rows of ``role``, as a detector's ``fit`` takes labels."""
    if verdicts is None:
        return None
    positives = sorted(e for e, positive in verdicts.items() if positive)
    return pa.table({"entity": pa.array(positives, pa.string()), "label": pa.array([role] * len(positives), pa.string())})
