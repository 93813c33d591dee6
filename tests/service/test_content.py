from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa

from scamnet.core.settings import Settings
from scamnet.detect.content.text.scam_text import EXAMPLE_TEXTS
from scamnet.schema import table
from scamnet.service.content import inspect_text, run_content
from scamnet.store import open_store
from scamnet.store.alerts import top_alerts
from scamnet.store.repo import append_rows

POLICE, REBATE, BANK_NOTICE = EXAMPLE_TEXTS[1], EXAMPLE_TEXTS[2], EXAMPLE_TEXTS[0]


def _messages(texts: list[str]) -> pa.Table:
    at = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    rows = [{"msg_id": f"m{i}", "sent_at": at, "sender": "+8613800000001", "recipient": "+8613900000002",
             "channel": "sms", "text": text} for i, text in enumerate(texts)]
    return pa.Table.from_pylist(rows, schema=table("messages").schema)


def test_a_scam_text_alert_carries_the_scam_type_its_message_reads_as(tmp_path: Path, clock) -> None:
    with open_store(tmp_path / "s.db") as store:
        with store.transaction() as con:
            append_rows(con, table("messages"), _messages([POLICE, REBATE, BANK_NOTICE]))
        run_content(store, Settings(), clock)
        types = {a.entity: a.scam_type for a in top_alerts(store, 10, "scam_text")}
    assert types == {"msg:m0": inspect_text(POLICE)["scam_type"], "msg:m1": inspect_text(REBATE)["scam_type"]}
    assert types["msg:m0"] == "government_impersonation"
