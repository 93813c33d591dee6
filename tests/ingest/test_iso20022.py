from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from scamnet.core.errors import InputError
from scamnet.core.settings import Settings
from scamnet.service.ingest import ingest_files
from scamnet.store import open_store
from tests.ingest.sample import write_text

NS = "urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"


def _tx(tx_id: str, amount: str, debtor: str, creditor: str, accepted: str | None = None) -> str:
    when = f"<AccptncDtTm>{accepted}</AccptncDtTm>" if accepted else ""
    return f"""
    <CdtTrfTxInf>
      <PmtId><InstrId>I-{tx_id}</InstrId><EndToEndId>E2E-{tx_id}</EndToEndId><TxId>{tx_id}</TxId></PmtId>
      <IntrBkSttlmAmt Ccy="EUR">{amount}</IntrBkSttlmAmt>
      <IntrBkSttlmDt>2026-03-01</IntrBkSttlmDt>{when}
      <ChrgBr>SLEV</ChrgBr>
      <Dbtr><Nm>Victim</Nm></Dbtr>
      <DbtrAcct><Id><IBAN>{debtor}</IBAN></Id></DbtrAcct>
      <DbtrAgt><FinInstnId><BICFI>BANKDEFFXXX</BICFI></FinInstnId></DbtrAgt>
      <CdtrAgt><FinInstnId><BICFI>BANKNL2AXXX</BICFI></FinInstnId></CdtrAgt>
      <Cdtr><Nm>Mule</Nm></Cdtr>
      <CdtrAcct><Id><Othr><Id>{creditor}</Id></Othr></Id></CdtrAcct>
      <RmtInf><Ustrd>invoice {tx_id}</Ustrd></RmtInf>
    </CdtTrfTxInf>"""


def _message(*transactions: str) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="{NS}">
  <FIToFICstmrCdtTrf>
    <GrpHdr><MsgId>M1</MsgId><CreDtTm>2026-03-01T10:00:00</CreDtTm><NbOfTxs>{len(transactions)}</NbOfTxs>
      <SttlmInf><SttlmMtd>CLRG</SttlmMtd></SttlmInf></GrpHdr>{''.join(transactions)}
  </FIToFICstmrCdtTrf>
</Document>
"""


def test_a_pacs008_message_becomes_one_transfer_per_transaction(tmp_path: Path) -> None:
    xml = _message(_tx("TX1", "1000.00", "DE89370400440532013000", "NL-7788", "2026-03-01T09:30:00+01:00"),
                   _tx("TX2", "250.5", "DE89370400440532013000", "NL-9911"))
    ingest_files([write_text(tmp_path / "pacs008.xml", xml)], tmp_path / "s.db", Settings())
    with open_store(tmp_path / "s.db", read_only=True) as store:
        rows = store.con.execute(
            "SELECT txn_id, ts, src_account, dst_account, amount, currency, channel, memo FROM transfers ORDER BY txn_id"
        ).fetchall()
    assert rows == [
        ("TX1", datetime(2026, 3, 1, 8, 30, tzinfo=UTC), "DE89370400440532013000", "NL-7788", Decimal("1000.00"), "EUR",
         "online", "invoice TX1"),
        # no acceptance time: the group header's creation time, read as UTC
        ("TX2", datetime(2026, 3, 1, 10, 0, tzinfo=UTC), "DE89370400440532013000", "NL-9911", Decimal("250.50"), "EUR",
         "online", "invoice TX2"),
    ]


def test_a_negative_amount_in_a_transaction_names_the_transaction(tmp_path: Path) -> None:
    xml = _message(_tx("TX1", "10", "A1", "B1"), _tx("TX2", "-10", "A1", "B1"))
    with pytest.raises(InputError) as caught:
        ingest_files([write_text(tmp_path / "pacs008.xml", xml)], tmp_path / "s.db", Settings())
    assert "transaction 2, column 'amount'" in str(caught.value.problems[0])


def test_malformed_xml_names_the_line(tmp_path: Path) -> None:
    xml = _message(_tx("TX1", "10", "A1", "B1")).replace("</Dbtr>", "</Debtor>", 1)
    with pytest.raises(InputError) as caught:
        ingest_files([write_text(tmp_path / "pacs008.xml", xml)], tmp_path / "s.db", Settings())
    problem = caught.value.problems[0]
    assert problem.row == 11 and "well-formed XML" in problem.expected


def test_an_external_entity_is_never_resolved(tmp_path: Path) -> None:
    secret = write_text(tmp_path / "secret.txt", "TOP-SECRET")
    xml = _message(_tx("TX1", "10", "A1", "B1")).replace(
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY xxe SYSTEM "file://{secret}">]>',
    ).replace("invoice TX1", "&xxe;")
    with pytest.raises(InputError) as caught:
        ingest_files([write_text(tmp_path / "pacs008.xml", xml)], tmp_path / "s.db", Settings())
    assert "DTD" in caught.value.problems[0].expected and "TOP-SECRET" not in caught.value.message
    assert not (tmp_path / "s.db").exists()  # nothing written: no store made either


def test_an_xml_file_that_is_not_pacs008_says_what_was_expected(tmp_path: Path) -> None:
    path = write_text(tmp_path / "camt053.xml", '<Document xmlns="urn:x"><BkToCstmrStmt/></Document>')
    with pytest.raises(InputError, match="pacs.008"):
        ingest_files([path], tmp_path / "s.db", Settings())
