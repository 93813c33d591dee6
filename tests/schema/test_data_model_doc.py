from pathlib import Path

from scamnet.schema import INPUT_TABLES, OUTPUT_TABLES
from scamnet.schema.docs import data_model_markdown

DOC = Path(__file__).resolve().parents[2] / "docs" / "data-model.md"


def test_docs_data_model_is_what_the_schema_generates() -> None:
    assert DOC.read_text(encoding="utf-8") == data_model_markdown(), (
        "docs/data-model.md is stale: run python -m scamnet.schema.docs > docs/data-model.md"
    )


def test_every_table_of_the_design_is_declared() -> None:
    names = {t.name for t in INPUT_TABLES + OUTPUT_TABLES}
    assert names == {
        "persons", "subscribers", "accounts", "sessions", "calls", "messages", "transfers", "reports",
        "report_items", "labels", "alerts", "decisions", "traces", "trace_edges", "freeze_requests",
        "gangs", "gang_members", "gang_links", "dissuasion_tasks", "indicators", "api_keys", "alert_reviews",
        "quarantined_rows", "trace_versions", "bank_freeze_requests", "freeze_status_changes", "wallets",
        "chain_transfers", "otc_trades", "link_visits",
    }


def test_every_field_has_a_description() -> None:
    blank = [f"{t.name}.{f.name}" for t in INPUT_TABLES + OUTPUT_TABLES for f in t.fields if not f.doc.strip()]
    assert blank == []
