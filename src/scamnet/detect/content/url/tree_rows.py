"""The link model's trees on a few rows, one row at a time through LightGBM's single-row prediction.

``Booster.predict`` on a one-row array costs about a quarter of a millisecond whatever the row: a
predictor is set up, the array checked and laid out, the parameters parsed, on every call. LightGBM's
C API has a path for one row that does this once (``LGBM_BoosterPredictForMatSingleRowFastInit``) and
then only walks the trees; the Python package does not wrap it, so ``TreeRows`` calls it through
``ctypes`` as the package calls the rest of its library. The same C++ predictor reads the same row
(its non-zero and NaN values), walks the same trees and applies the same sigmoid: a row's output is
``Booster.predict``'s, bit for bit (``tests/detect/content/url/test_tree_rows.py``).
"""

from __future__ import annotations

import ctypes
import threading
import weakref

import lightgbm as lgb
from lightgbm.basic import _LIB, _safe_call

#: ``Booster.predict``'s parameters where the link model calls it (``UrlModel.outputs``).
PARAMETERS = "num_threads=1"
_PREDICT_NORMAL = 0  # LightGBM's C_API_PREDICT_NORMAL: the transformed output (a probability for ``binary``)
_FLOAT64 = 1  # C_API_DTYPE_FLOAT64
_MADE: weakref.WeakKeyDictionary[lgb.Booster, TreeRows] = weakref.WeakKeyDictionary()


class TreeRows:
    """A booster set up for one row at a time (one output per row: a binary or regression model).

    Set up from the booster's handle and keeping no reference to the booster: ``tree_rows`` hands it out only while
    the booster lives.
    """

    def __init__(self, booster: lgb.Booster) -> None:
        self.columns = booster.num_feature()
        self._config = ctypes.c_void_p()
        _safe_call(
            _LIB.LGBM_BoosterPredictForMatSingleRowFastInit(
                booster._handle,
                ctypes.c_int(_PREDICT_NORMAL),
                ctypes.c_int(0),
                ctypes.c_int(booster.best_iteration),
                ctypes.c_int(_FLOAT64),
                ctypes.c_int32(self.columns),
                ctypes.c_char_p(PARAMETERS.encode()),
                ctypes.byref(self._config),
            )
        )
        weakref.finalize(self, _LIB.LGBM_FastConfigFree, self._config)
        self._row_type = ctypes.c_double * self.columns
        self._out = ctypes.c_double(0.0)
        self._length = ctypes.c_int64(0)
        self._lock = threading.Lock()  # one predictor per booster, and one output buffer

    def predict(self, rows: list[list[float]]) -> list[float]:
        """Each row's output (rows of ``columns`` floats), as ``Booster.predict`` gives it."""
        with self._lock:
            return [self._one(row) for row in rows]

    def _one(self, row: list[float]) -> float:
        if len(row) != self.columns:
            raise ValueError(f"a row of {len(row)} values for a model of {self.columns} features")
        _safe_call(
            _LIB.LGBM_BoosterPredictForMatSingleRowFast(
                self._config, self._row_type(*row), ctypes.byref(self._length), ctypes.byref(self._out)
            )
        )
        return self._out.value


def tree_rows(booster: lgb.Booster) -> TreeRows | None:
    """``booster`` set up for one row at a time, made once per booster; None for a model of several outputs a row."""
    if booster.num_model_per_iteration() != 1:
        return None
    made = _MADE.get(booster)
    if made is None:
        made = _MADE[booster] = TreeRows(booster)
    return made
