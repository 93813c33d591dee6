"""Settings, declared once: name, type, default and help.

Read from an optional TOML file (``scamnet.toml`` in the working directory, or ``--config``),
then from explicit overrides. Unknown keys are errors, so a typo never silently does nothing.
Nothing here reads the environment at import time.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any

from scamnet.core.errors import ConfigError


@dataclass(frozen=True)
class Setting:
    name: str
    type: type
    default: Any
    help: str
    low: float | None = None  #: smallest value accepted (numbers)
    high: float | None = None  #: largest value accepted (numbers)


SETTINGS: tuple[Setting, ...] = (
    Setting("db", str, "scamnet.db", "path of the DuckDB store file"),
    Setting("default_region", str, "CN", "ISO 3166 region used to read phone numbers written without a country code"),
    Setting("default_currency", str, "CNY", "ISO 4217 currency assumed where an input gives none"),
    Setting("ingest_batch_rows", int, 200_000, "rows read, validated and written per batch during ingest", 1, 50_000_000),
    Setting("ingest_memory_mb", int, 1024, "memory the store may use for an ingest's key checks and inserts (it spills to disk beyond)", 16),
    Setting("event_earliest", str, "1990-01-01", "earliest date an event (call, message, transfer, report) may carry; older times are refused at ingest"),
    Setting("event_future_hours", float, 24.0, "how far past the present an ingested time may lie (clock drift); later times are refused", 0, 24 * 366),
    Setting("tier_medium", float, 0.5, "lowest score of a medium-tier alert", 0, 1),
    Setting("tier_high", float, 0.8, "lowest score of a high-tier alert", 0, 1),
    Setting("tier_critical", float, 0.95, "lowest score of a critical-tier alert", 0, 1),
    Setting("alert_threshold", float, 0.5, "scores at or above this become alerts", 0, 1),
    Setting("trace_policy", str, "fifo", "attribution policy of fund traces: fifo, lifo, haircut or poison"),
    Setting("trace_max_hops", int, 6, "how many transfers deep a fund trace follows the money", 1, 100),
    Setting("trace_horizon_hours", float, 72.0, "how long after the victim's payment a trace follows the money", 0),
    Setting("trace_min_amount", float, 1.0, "traced amounts below this are dropped from a trace", 0),
    Setting("freeze_min_amount", float, 500.0, "materiality of a freeze: an account holding less traced money (and less than half of it) is listed as passed through, not to freeze, and the trace does not follow money on from it; 0 freezes and follows every amount", 0),
    Setting("freeze_deadline_hours", float, 24.0, "hours a bank is given to act on a freeze request, from when the request is drafted (its deadline)", 0),
    Setting("fit_min_confirmed", int, 20, "confirmed alerts of a detector (mule, goip, fraud_number) needed before scamnet run trains it on analysts' verdicts (confirmed = positive, dismissed = negative); 0 never does", 0),
    Setting("leiden_resolution", float, 0.005, "modularity resolution of Leiden inside each linked group of flagged entities: higher splits more; 0.005 splits a group only where a thin link joins two large parts"),
    Setting("seed", int, 0, "seed of every random choice a run makes"),
    Setting("protected_brands_file", str, "", "JSON list of the brands whose lookalike links url_risk flags (empty: the list shipped with scamnet)"),
    Setting("text_model", str, "", "message model file written by scamnet train text, used by scam_text; empty = the model shipped with scamnet"),
    Setting("utc_offset_hours", float, 8.0, "subscribers' local time minus UTC (China: 8), for night and office-hour features", -12, 14),
    Setting("state_url", str, "", "where scamnet serve keeps its live state: empty = in the process; redis://host:port/db = a Redis server that several instances share"),
    Setting("retry_memory_s", float, 600.0, "how long (seconds) instances sharing state_url remember in Redis the id of an event one of them accepted, so that a retry handed to another instance is counted once (each instance also remembers its newest 500,000 itself)", 1),
    Setting("state_windows", str, "1h,24h,7d", "sliding windows of the live state, comma-separated lengths (s, m, h, d); each is counted in 60 buckets, so its far edge is exact to 1/60 of its length"),
    Setting("online_detectors", bool, True, "scamnet serve scores numbers (fraud_number), devices (goip) and accounts (mule) from their live state, with the detectors fitted on the store at start"),
    Setting("auth", str, "on", "on: every API endpoint but the health checks and the API description needs a key (scamnet keys create); off: none does, and scamnet serve warns loudly at start"),
    Setting("rules_file", str, "", "rule file (TOML) scamnet serve decides with; empty = the starter set shipped with scamnet"),
    Setting("watchlist_refresh_s", float, 5.0, "how often (seconds) scamnet serve checks the store for new or changed alerts and partners' indicators", 0),
    Setting("journal_fold_s", float, 60.0, "how often (seconds) scamnet serve folds the events it accepted into the store while it runs, so that batch runs, traces and the console see them (0: only at its next start)", 0),
    Setting("serve_max_body_kb", int, 1024, "largest request body scamnet serve accepts, in KiB (larger: 413)", 1),
    Setting("serve_max_events", int, 1000, "most events one POST /v1/events may carry", 1),
    Setting("serve_gc_every_s", float, 0.25, "how often (seconds), between two groups of events, scamnet serve collects its garbage and freezes what survived out of the collector's later passes, so that no full pass walks the whole live state (0: Python's collector alone)", 0),
    Setting("victim_risk_high", float, 0.5, "victim risk at which scamnet serve holds a transfer and opens a dissuasion task (a call from the anti-fraud centre)", 0, 1),
    Setting("victim_risk_medium", float, 0.35, "victim risk at which the payer gets an in-app warning to acknowledge", 0, 1),
    Setting("victim_risk_low", float, 0.25, "victim risk at which the payer gets an SMS warning", 0, 1),
    Setting("victim_exposure_alert", float, 0.8, "how worked-on by scammers a person must be (signs alone, before any payment) to get a dissuasion task", 0, 1),
    Setting("share_secret_file", str, "", "file holding the secret shared with partners who send keyed hashes; when set, scamnet serve matches live entities against their hashed indicators"),
    Setting("engine", str, "embedded", "engine of scamnet run: embedded (the DuckDB store) or spark (a Parquet world, see docs/scale.md)"),
    Setting("spark_master", str, "local[2]", "Spark master URL of scamnet run --engine spark (local[N], spark://host:7077, k8s://..., yarn); spark-submit's own wins"),
    Setting("spark_input", str, "", "folder (or any path Spark reads) of the Parquet world scamnet run --engine spark reads, one <table>.parquet per canonical table"),
    Setting("spark_output", str, "", "folder (or s3://, hdfs:// URI) where scamnet run --engine spark writes alerts, traces, trace_edges, freeze_requests and gangs as Parquet"),
)

_BY_NAME = MappingProxyType({s.name: s for s in SETTINGS})


class Settings:
    """Resolved settings; attribute access by name (``settings.db``)."""

    def __init__(self, values: dict[str, Any] | None = None) -> None:
        merged = {s.name: s.default for s in SETTINGS}
        for key, value in (values or {}).items():
            merged[key] = _coerce(key, value)
        self._values = MappingProxyType(merged)

    def __getattr__(self, name: str) -> Any:
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(name) from None

    def replace(self, **overrides: Any) -> Settings:
        """A copy with some values changed (``None`` keeps the current value)."""
        given = {k: v for k, v in overrides.items() if v is not None}
        return Settings({**self._values, **given})

    def as_dict(self) -> dict[str, Any]:
        return dict(self._values)


def _coerce(key: str, value: Any) -> Any:
    setting = _BY_NAME.get(key)
    if setting is None:
        known = ", ".join(sorted(_BY_NAME))
        raise ConfigError(f"unknown setting {key!r}", hint=f"known settings: {known}")
    if setting.type is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if not isinstance(value, setting.type) or isinstance(value, bool) != (setting.type is bool):
        raise ConfigError(
            f"setting {key!r} is {value!r}, expected a {setting.type.__name__}", hint=setting.help
        )
    _in_range(setting, value)
    return value


def _in_range(setting: Setting, value: Any) -> None:
    """Numbers within the setting's bounds (NaN never is); ``event_earliest`` a real date."""
    if setting.type in (int, float):
        low = -float("inf") if setting.low is None else setting.low
        high = float("inf") if setting.high is None else setting.high
        if not low <= value <= high:
            bounds = (f"at least {low:g}" if setting.high is None else f"at most {high:g}" if setting.low is None
                      else f"{low:g} to {high:g}")
            raise ConfigError(f"setting {setting.name!r} is {value!r}, expected {bounds}", hint=setting.help)
    if setting.name == "event_earliest":
        try:
            date.fromisoformat(value)
        except ValueError:
            raise ConfigError(f"setting 'event_earliest' is {value!r}, expected a date like 1990-01-01",
                              hint=setting.help) from None


def load_settings(path: Path | None = None, **overrides: Any) -> Settings:
    """Settings from ``path`` (or ``./scamnet.toml`` when it exists), then ``overrides``."""
    values: dict[str, Any] = {}
    candidate = path or Path("scamnet.toml")
    if path is not None and not path.exists():
        raise ConfigError(f"settings file {path} does not exist", hint="pass an existing --config file")
    if candidate.exists():
        try:
            values = tomllib.loads(candidate.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{candidate}: not valid TOML ({exc})", hint="fix the settings file") from exc
        values = values.get("scamnet", values)
    return Settings(values).replace(**overrides)
