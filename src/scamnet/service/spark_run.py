"""``scamnet run --engine spark``: the batch path over a Parquet world on Apache Spark.

The steps and their order are the embedded run's (``service.run.run_steps``): telecom, content,
money, wallets, then traces and gangs. Spark does what grows with the data: the feature SQL (the
shipped files, transpiled), scoring with the fitted detectors per partition, judging each
distinct text and link with the shipped content models per partition, the entity graph's links
and components, and the iterative joins that find the transfers a fund trace can reach. The
driver does what stays small: fitting a detector's reference on its feature table, weighing the
messages in context, one Leiden per linked group of flagged entities, and the traces of the
reports over their neighbourhood, with the same code as the embedded path (``scamnet.graph``,
``service.money.trace_report``). The driver keeps the alerts in a scratch store as they come,
so later steps read them as on the embedded path (flagged senders, the wallets' watchlist).

Outputs are Parquet files in ``output``: ``alerts``, ``traces``, ``trace_edges``,
``freeze_requests``, ``gangs``, ``gang_members``, ``gang_links`` (``<name>.parquet``, the
canonical output schemas).
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from scamnet.core.clock import Clock
from scamnet.core.enums import AlertStatus
from scamnet.core.settings import Settings
from scamnet.detect.content.links_in_context import LinksInContext
from scamnet.detect.content.messages_in_context import MessagesInContext
from scamnet.detect.content.text.scam_text import ScamTextDetector
from scamnet.detect.content.url.url_risk import UrlRiskDetector
from scamnet.detect.crypto import WalletRiskDetector
from scamnet.detect.money import MuleDetector
from scamnet.engines.spark.content import link_assessments, text_assessments
from scamnet.engines.spark.features import share_fragments, spark_feature, spark_feature_driver_sorted
from scamnet.engines.spark.graph import edge_frame, seeded_links
from scamnet.engines.spark.money import sequence_frame, trace_neighbourhood
from scamnet.engines.spark.scoring import scored_frame
from scamnet.engines.spark.session import materialised, spark_session
from scamnet.engines.spark.tables import register_world
from scamnet.features.data import Data
from scamnet.features.runner import included_queries
from scamnet.graph.entity_graph import build_entity_graph
from scamnet.graph.gang_profiles import gang_tables, member_links
from scamnet.graph.gangs import gang_communities
from scamnet.graph.trace import TraceLimits
from scamnet.schema import TableSpec, table
from scamnet.service.alerts import alerts_from_scores, tier_of
from scamnet.service.linking import gang_params
from scamnet.service.money import DEFAULT_LOOKBACK, store_index, trace_report
from scamnet.service.telecom import telecom_detectors
from scamnet.store import Store, open_store
from scamnet.store.alerts import flagged_numbers, replace_alerts
from scamnet.store.repo import read_table, replace_rows
from scamnet.store.reports import LOSS_LOOKBACK, report_ids
from scamnet.store.watchlist import watchlist_entries

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

__all__ = ["SparkRunResult", "run_spark"]

OUTPUTS = ("alerts", "traces", "trace_edges", "freeze_requests", "gangs", "gang_members", "gang_links")


@dataclass
class SparkRunResult:
    """Figures per step, seconds per step, and the tables written (also returned, for tests)."""

    steps: dict[str, dict[str, Any]] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    tables: dict[str, pa.Table] = field(default_factory=dict)


def run_spark(input_dir: str, output_dir: str, settings: Settings, clock: Clock, *, master: str | None = None,
              spark: SparkSession | None = None, on_step: Callable[[str], None] | None = None) -> SparkRunResult:
    """Run the batch path over the Parquet world ``input_dir`` on Spark; write its outputs to ``output_dir``."""
    spark = spark or spark_session(master or settings.spark_master)
    result = SparkRunResult()
    register_world(spark, input_dir)
    alerts: list[pa.Table] = []

    def step(name: str, run: Callable[[], dict[str, Any]]) -> None:
        if on_step:
            on_step(name)
        started = time.perf_counter()
        result.steps[name] = run()
        result.seconds[name] = time.perf_counter() - started

    with tempfile.TemporaryDirectory(prefix="scamnet-spark-") as scratch, \
            open_store(Path(scratch) / "driver.duckdb") as store:
        step("telecom", lambda: _telecom(spark, store, settings, clock, alerts))
        step("content", lambda: _content(spark, store, settings, clock, alerts))
        step("money", lambda: _mules(spark, store, settings, clock, alerts))
        step("wallets", lambda: _wallets(spark, store, settings, clock, alerts))
        result.tables["alerts"] = _sorted_alerts(alerts)
        step("traces", lambda: _traces(spark, store, settings, clock, result.tables))
        step("linking", lambda: _gangs(spark, settings, clock, result.tables))
    step("write", lambda: write_outputs(result.tables, output_dir))
    return result


# -- detectors ------------------------------------------------------------------------------
def _telecom(spark: SparkSession, store: Store, settings: Settings, clock: Clock, alerts: list[pa.Table]) -> dict[str, Any]:
    days = _period_days(spark)
    summary = {}
    detectors = telecom_detectors(settings)
    # the whole queries the detectors' feature queries include (read by both): computed once
    included = dict.fromkeys(query for detector in detectors for query in included_queries(detector.feature_query))
    share_fragments(spark, list(included), utc_offset_hours=settings.utc_offset_hours)  # the period's calls, once
    shared = {query: materialised(spark_feature(spark, query, utc_offset_hours=settings.utc_offset_hours))
              for query in included}
    for detector in detectors:
        found = spark_feature_driver_sorted(spark, detector.feature_query, utc_offset_hours=settings.utc_offset_hours,
                                            computed=shared).cached()
        features = found.frame
        detector.fit_features(found.rows())
        scored = scored_frame(features, detector, lambda d, t: d.score_features(t, days), settings.alert_threshold)
        _keep_alerts(store, alerts, _alert_rows(detector.name, scored, settings, clock))
        summary[detector.name] = {"scored": features.count(), "alerts": alerts[-1].num_rows}
        features.unpersist()
    return summary


def _mules(spark: SparkSession, store: Store, settings: Settings, clock: Clock, alerts: list[pa.Table]) -> dict[str, Any]:
    found = spark_feature_driver_sorted(spark, "money/mule_features", utc_offset_hours=settings.utc_offset_hours,
                                        tables={"account_sequence": sequence_frame(spark)}).cached()
    features = found.frame
    text_model = Path(settings.text_model) if settings.text_model else None
    detector = MuleDetector(seed=settings.seed, utc_offset_hours=settings.utc_offset_hours,
                            text_model_path=text_model).fit_features(found.rows())
    scored = scored_frame(features, detector, lambda d, t: d.score_features(t), settings.alert_threshold)
    _keep_alerts(store, alerts, _alert_rows(detector.name, scored, settings, clock))
    summary = {"accounts_scored": features.count(), "mule_alerts": alerts[-1].num_rows}
    features.unpersist()
    return summary


def _content(spark: SparkSession, store: Store, settings: Settings, clock: Clock, alerts: list[pa.Table]) -> dict[str, Any]:
    """Texts and links judged on the executors; messages weighed in context on the driver (``service.content``'s order)."""
    in_context = spark_feature_driver_sorted(spark, "content/message_context").cached()
    messages = in_context.frame
    brands = Path(settings.protected_brands_file) if settings.protected_brands_file else None
    model = Path(settings.text_model) if settings.text_model else None
    links = UrlRiskDetector(seed=settings.seed, brands_path=brands)
    link_scores = links.scored(link_assessments(spark, messages, brands))
    by_text = text_assessments(messages, model)
    found = in_context.rows()
    text = ScamTextDetector(seed=settings.seed, model_path=model)
    text.scored({f"msg:{m}": by_text[t] for m, t in zip(found["msg_id"].to_pylist(), found["text"].to_pylist(), strict=True)})
    messages.unpersist()
    judged = MessagesInContext(text, links, flagged_numbers(store, other_than=text.name))
    scores = judged.score_messages(found)
    _keep_alerts(store, alerts, alerts_from_scores(judged, scores, settings, clock))
    message_alerts = alerts[-1].num_rows
    carried = LinksInContext(links, judged)
    raised = carried.raise_carried(link_scores)
    _keep_alerts(store, alerts, alerts_from_scores(carried, raised, settings, clock))
    return {text.name: {"scored": scores.num_rows, "alerts": message_alerts},
            links.name: {"scored": raised.num_rows, "alerts": alerts[-1].num_rows}}


def _wallets(spark: SparkSession, store: Store, settings: Settings, clock: Clock, alerts: list[pa.Table]) -> dict[str, Any]:
    """``wallet_risk`` over the transpiled wallet features, fitted on the driver, scored per partition."""
    detector = WalletRiskDetector(seed=settings.seed)
    listed = [x for x in watchlist_entries(store) if x.entity.startswith("wallet:") and x.source != detector.name]
    watchlist = spark.createDataFrame([(x.entity, x.score) for x in listed], "entity string, score double")
    found = spark_feature_driver_sorted(spark, "crypto/wallet_features", params={"hub_min_payers": detector.hub_min_payers},
                                        tables={"watchlist": watchlist}).cached()
    features = found.frame
    detector.fit_features(found.rows())
    scored = scored_frame(features, detector, lambda d, t: d.score_features(t), settings.alert_threshold)
    _keep_alerts(store, alerts, _alert_rows(detector.name, scored, settings, clock))
    summary = {"wallets_scored": features.count(), "wallet_alerts": alerts[-1].num_rows}
    features.unpersist()
    return summary


def _keep_alerts(store: Store, alerts: list[pa.Table], rows: pa.Table) -> None:
    """``rows`` (one detector's alerts) kept for the output and in the driver's store, where the
    later steps read them as on the embedded path (flagged senders, the wallets' watchlist)."""
    alerts.append(rows)
    if rows.num_rows:
        replace_alerts(store, rows["detector"][0].as_py(), rows)


def _period_days(spark: SparkSession) -> float:
    span = spark_feature(spark, "telecom/call_span").toArrow().to_pylist()[0]
    if span["first_at"] is None or span["last_at"] is None:
        return 0.0
    return max((span["last_at"] - span["first_at"]).total_seconds() / 86_400, 0.0)


def _alert_rows(detector: str, scored: Any, settings: Settings, clock: Clock) -> pa.Table:
    flagged = scored.where(f"score >= {float(settings.alert_threshold)!r}").toArrow().to_pylist()
    now = clock.now()
    rows = [{"entity": r["entity"], "detector": detector, "score": r["score"],
             "tier": tier_of(r["score"], settings).value, "reasons": r["reasons"],
             "status": AlertStatus.OPEN.value, "created_at": now, "scam_type": r["scam_type"]} for r in flagged]
    return pa.Table.from_pylist(rows, schema=table("alerts").schema)


def _sorted_alerts(parts: list[pa.Table]) -> pa.Table:
    alerts = pa.concat_tables(parts) if parts else table("alerts").empty()
    return alerts.sort_by([("detector", "ascending"), ("score", "descending"), ("entity", "ascending")])


# -- traces ---------------------------------------------------------------------------------
def _traces(spark: SparkSession, store: Store, settings: Settings, clock: Clock, out: dict[str, pa.Table]) -> dict[str, Any]:
    """Every report traced on the driver over the transfers Spark found within its reach."""
    reports, items = spark.table("reports").toArrow(), spark.table("report_items").toArrow()
    horizon = timedelta(hours=settings.trace_horizon_hours)
    until = max(reports["reported_at"].to_pylist(), default=None)
    nearby = pa.table({c: [] for c in ("txn_id",)})
    if until is not None:
        starts = _trace_starts(spark, horizon)
        # a trace follows the money up to its horizon, which may end after the report
        nearby = trace_neighbourhood(spark, starts, until + horizon, settings.trace_max_hops).toArrow()
    accounts = _accounts_of(spark, nearby)
    # the chain leg (OTC trades and the coins after them) is read whole: a trace follows money onto chain
    chain = {name: spark.table(name).toArrow() for name in ("chain_transfers", "otc_trades")}
    chain["wallets"] = spark.table("wallets").where("owner IS NOT NULL").toArrow()
    with store.transaction() as con:
        for name, rows in (("reports", reports), ("report_items", items), ("transfers", nearby), ("accounts", accounts),
                           *chain.items()):
            replace_rows(con, table(name), canonical(rows, table(name)))
    index = store_index(store)
    traced = [trace_report(store, r, settings, clock, index=index) for r in report_ids(store)]
    for name in ("traces", "trace_edges", "freeze_requests"):
        out[name] = read_table(store, name)
    return {"reports_traced": len(traced), "transfers_read": nearby.num_rows,
            "located": float(sum(t.trace["located_amount"] for t in traced)),
            "cashed_out": float(sum(t.trace["cashout_amount"] for t in traced)),
            "freeze_requests": sum(len(t.freeze) for t in traced)}


def _trace_starts(spark: SparkSession, horizon: timedelta) -> list[tuple[str, Any, Any]]:
    """``(account, since, stop)`` where a report's money can start and how long it can be followed:
    the victim's account over the lookback before the report (a payment then is followed until the
    report's time plus the horizon), and each transfer the victim named, from its time; both reach a
    further episode back, where the tracer looks for the victim's other payments into the same laundering."""
    rows = spark_feature(spark, "money/trace_starts").toArrow().to_pylist()
    # the tracer also follows the victim's other payments into the same laundering, up to an episode before
    episode = timedelta(seconds=TraceLimits().episode_s)
    # a report's payments reach back the loss lookback when those it points to fall short of its loss
    back = max(LOSS_LOOKBACK, DEFAULT_LOOKBACK) + episode
    return [(r["account"], r["at"] - episode, r["at"] + horizon) if r["named"]
            else (r["account"], r["at"] - back, r["at"] + horizon) for r in rows]


def _accounts_of(spark: SparkSession, transfers: pa.Table) -> pa.Table:
    if transfers.num_rows == 0:
        return table("accounts").empty()
    ids = pc.unique(pa.concat_arrays([transfers["dst_account"].combine_chunks(), transfers["src_account"].combine_chunks()]))
    wanted = spark.createDataFrame([(a,) for a in ids.drop_null().to_pylist()], "account_id string")
    return spark.table("accounts").join(wanted, "account_id", "left_semi").toArrow()


def canonical(rows: pa.Table, spec: TableSpec) -> pa.Table:
    """``rows`` with the columns and types of ``spec`` (a missing column all null)."""
    columns = [rows[f.name].cast(f.type) if f.name in rows.column_names else pa.nulls(rows.num_rows, f.type)
               for f in spec.fields]
    return pa.Table.from_arrays(columns, schema=spec.schema)


# -- gangs ----------------------------------------------------------------------------------
def _gangs(spark: SparkSession, settings: Settings, clock: Clock, out: dict[str, pa.Table]) -> dict[str, Any]:
    """Components of the strong links on Spark; Leiden on the driver over the components holding a seed."""
    flagged = sorted(set(out["alerts"]["entity"].to_pylist()))
    params = gang_params(settings, expand_hops=0 if flagged else 2)
    edges = edge_frame(spark, settings.default_region)
    local, rounds = seeded_links(spark, edges, flagged, params.hub_degree)
    graph = build_entity_graph(local)
    reports = Data.from_tables(reports=spark.table("reports").toArrow(), report_items=spark.table("report_items").toArrow())
    gangs, members = gang_tables(graph, gang_communities(graph, flagged, params), reports, clock.now())
    links = member_links(graph, members)
    out.update(gangs=gangs, gang_members=members, gang_links=links)
    return {"graph_edges_read": local.num_rows, "component_rounds": rounds, "flagged": len(flagged),
            "gangs": gangs.num_rows, "gang_members": members.num_rows, "gang_links": links.num_rows}


# -- output ---------------------------------------------------------------------------------
def write_outputs(tables: dict[str, pa.Table], output_dir: str) -> dict[str, Any]:
    """``<name>.parquet`` per output table in ``output_dir`` (a folder, or any URI PyArrow writes: s3://, hdfs://)."""
    from pyarrow import fs

    if "://" in output_dir:
        filesystem, root = fs.FileSystem.from_uri(output_dir)
    else:
        filesystem, root = fs.LocalFileSystem(), str(Path(output_dir).resolve())
    filesystem.create_dir(root, recursive=True)
    for name in OUTPUTS:
        rows = tables.get(name, table(name).empty())
        pq.write_table(canonical(rows, table(name)), f"{root}/{name}.parquet", filesystem=filesystem)
    return {name: tables[name].num_rows for name in OUTPUTS if name in tables}
