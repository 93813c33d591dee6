"""Fitted detectors applied per partition with ``mapInArrow`` (``mapInPandas`` without the pandas step).

A detector is fitted on the driver (``fit_features`` over the collected feature table, or a
sample of it: its reference is a median and MAD), shipped to the executors by pickling, and
scores each partition of the feature frame there. The rows at or above the alert line get their
reasons in the same pass, while the detector still holds that partition's features, so only
alerts travel back to the driver.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import pyarrow as pa

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

#: What each partition returns: every scored entity, reasons only for those over the alert line.
SCORED_DDL = "entity string, score double, reasons array<string>, scam_type string"

ScoreBatch = Callable[[Any, pa.Table], pa.Table]


def scored_frame(features: DataFrame, detector: Any, score_batch: ScoreBatch, alert_threshold: float) -> DataFrame:
    """``(entity, score, reasons, scam_type)`` of every row of ``features``, scored where it lies.

    ``score_batch(detector, table)`` scores one Arrow table of features with the fitted detector
    (``score_features``); reasons come from ``detector.explain`` for scores at or above ``alert_threshold``.
    """

    def score_partition(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        table = pa.Table.from_batches(list(batches), schema=features_schema)
        if table.num_rows == 0:
            return
        scores = score_batch(detector, table)
        entities, values = scores["entity"].to_pylist(), scores["score"].to_pylist()
        flagged = [v >= alert_threshold for v in values]
        reasons = [detector.explain(e) if f else None for e, f in zip(entities, flagged, strict=True)]
        kinds = [detector.scam_type(e) if f else None for e, f in zip(entities, flagged, strict=True)]
        yield from pa.table({"entity": entities, "score": values, "reasons": pa.array(reasons, pa.list_(pa.string())),
                             "scam_type": pa.array(kinds, pa.string())}).to_batches()

    features_schema = _arrow_schema(features)
    return features.mapInArrow(score_partition, SCORED_DDL)


def _arrow_schema(frame: DataFrame) -> pa.Schema:
    from pyspark.sql.pandas.types import to_arrow_schema

    return to_arrow_schema(frame.schema)
