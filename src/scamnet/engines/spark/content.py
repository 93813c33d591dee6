"""The content models on Spark: each distinct text and each link judged on the executors.

The shipped text and link models (``scam_text``, ``url_risk``) are applied per partition with
``mapInArrow``, by the same functions the embedded path calls (``assess_texts``,
``assess_urls``); each judged item travels back pickled, so the driver weighs the messages in
context (``MessagesInContext``: senders, links and campaigns, a global count) with the same code
too. Campaigns repeat texts, so the texts are made distinct on Spark first, for the text model and for
reading the links out of them (each message then takes its text's links in a join).

Which written form of a link is judged matters (its reasons quote it): as on the embedded path
(``store_links``), it is the form in the first message by id, at the first place in its text,
else the first report item that names it.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from scamnet.detect.content.text.scam_text import TextAssessment, assess_texts, text_model
from scamnet.detect.content.url.url_risk import (
    UrlAssessment,
    assess_urls,
    link_entities,
    links_in_text,
    protected_brands,
    url_model,
)
from scamnet.engines.spark.features import spark_feature

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

_JUDGED_DDL = "key string, judged binary"
_WRITTEN_DDL = "text string, entity string, given string, place int"
_WRITTEN = pa.schema([("text", pa.string()), ("entity", pa.string()), ("given", pa.string()), ("place", pa.int32())])


def text_assessments(texts: DataFrame, model_path: Path | None) -> dict[str, TextAssessment]:
    """Each distinct ``text`` of ``texts`` judged by the text model at ``model_path`` (shipped when None)."""

    def judge(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        model = text_model(model_path)  # loaded once per Python worker
        for batch in batches:
            found = batch.column(0).to_pylist()
            yield _judged_batch(found, assess_texts(found, model))

    distinct = texts.select("text").where("text IS NOT NULL").distinct()
    return _collected(distinct.mapInArrow(judge, _JUDGED_DDL))


def link_assessments(spark: SparkSession, texts: DataFrame, brands_path: Path | None) -> dict[str, UrlAssessment]:
    """Every link written in ``texts`` (``msg_id``, ``text``) or named in a report, and each one's
    domain, judged by the shipped link model: entity (``url:``, ``domain:``) → judged item."""
    from pyspark.sql import functions as F

    def written(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            rows: dict[str, list[Any]] = {"text": [], "entity": [], "given": [], "place": []}
            for text in batch.column("text").to_pylist():
                for place, link in enumerate(links_in_text(text)):
                    for entity, given in link_entities("url", link):
                        for key, value in zip(rows, (text, entity, given, place), strict=True):
                            rows[key].append(value)
            yield pa.RecordBatch.from_pydict(rows, schema=_WRITTEN)

    def judge(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        model, brands = url_model(None), protected_brands(brands_path)
        for batch in batches:
            entities, given = batch.column(0).to_pylist(), batch.column(1).to_pylist()
            yield _judged_batch(entities, assess_urls(given, model, brands))

    # campaigns repeat texts: links are read once per distinct text, then each message takes its text's
    in_texts = texts.select("text").where("text IS NOT NULL").distinct().mapInArrow(written, _WRITTEN_DDL)
    in_messages = (texts.select("msg_id", "text").join(in_texts, "text").groupBy("entity")
                   .agg(F.min_by("given", F.struct("msg_id", "place")).alias("given")))
    reported = _reported_links(spark)
    if reported:
        named = spark.createDataFrame(reported, "entity string, given string")
        in_messages = in_messages.unionByName(named.join(in_messages, "entity", "left_anti"))
    return _collected(in_messages.select("entity", "given").mapInArrow(judge, _JUDGED_DDL))


def _reported_links(spark: SparkSession) -> list[tuple[str, str]]:
    """``(entity, given)`` of the links and domains victims named, first report item first (few: read on the driver)."""
    found: dict[str, str] = {}
    for row in spark_feature(spark, "content/reported_links").toArrow().to_pylist():
        for entity, given in link_entities(row["kind"], row["value"]):
            found.setdefault(entity, given)
    return list(found.items())


def _judged_batch(keys: list[str], judged: list[Any]) -> pa.RecordBatch:
    return pa.RecordBatch.from_arrays([pa.array(keys, pa.string()), pa.array([pickle.dumps(j) for j in judged], pa.binary())],
                                      names=["key", "judged"])


def _collected(frame: DataFrame) -> dict[str, Any]:
    table = frame.toArrow()
    return {key: pickle.loads(blob) for key, blob in zip(table["key"].to_pylist(), table["judged"].to_pylist(), strict=True)}
