"""ISO 20022 pacs.008 (FIToFICstmrCdtTrf) customer credit transfers as transfers rows.

Each ``CdtTrfTxInf`` becomes one transfer: transaction id (``TxId``, else ``UETR``, else the
end-to-end id) → txn_id; interbank settlement amount and its ``Ccy`` → amount, currency; debtor
and creditor account (IBAN or other id) → src_account, dst_account; acceptance time, else the
group header's creation time → ts; unstructured remittance information → memo. Any message
version (pacs.008.001.02 to .13) is read: elements are matched by local name.

The XML is parsed by defusedxml with DTDs forbidden, so entities (external or not) are never
resolved. Times without a zone are read as UTC.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as safe_xml
import pyarrow as pa
from defusedxml import DefusedXmlException

from scamnet.core.errors import InputError, Problem
from scamnet.ingest.readers import RawBatch, Reader

COLUMNS = ("txn_id", "ts", "src_account", "dst_account", "amount", "currency", "channel", "memo")
#: pacs.008 says nothing of the channel; interbank credit transfers are online payments unless a
#: mapping says otherwise (``channel = { value = "wire_abroad" }``).
DEFAULT_CHANNEL = "online"


class Pacs008Reader(Reader):
    columns = list(COLUMNS)

    def batches(self) -> Iterator[RawBatch]:
        root = self._parse()
        transfer = _first(root, "FIToFICstmrCdtTrf")
        if transfer is None:
            raise self.fail(None, _local(root.tag), "an ISO 20022 pacs.008 message (FIToFICstmrCdtTrf)")
        created = _text(_path(transfer, "GrpHdr", "CreDtTm"))
        rows = [_row(tx, created) for tx in transfer if _local(tx.tag) == "CdtTrfTxInf"]
        if not rows:
            raise self.fail(None, "no CdtTrfTxInf", "at least one credit transfer transaction (CdtTrfTxInf)")
        for start in range(0, len(rows), self.batch_rows):
            chunk = rows[start : start + self.batch_rows]
            table = pa.table({c: pa.array([r[c] for r in chunk], pa.string()) for c in COLUMNS})
            yield RawBatch(table, pa.array(range(start + 1, start + len(chunk) + 1), pa.int64()))

    def _parse(self) -> Element:
        opener = gzip.open if self.source.gzip else open
        try:
            with opener(self.source.path, "rb") as handle:
                return safe_xml.parse(handle, forbid_dtd=True).getroot()
        except DefusedXmlException as exc:
            raise InputError(
                [Problem(self.source.name, None, None, type(exc).__name__, "XML without a DTD or entity declarations")],
                hint="scamnet never resolves XML entities; send the message without a DOCTYPE",
            ) from exc
        except ParseError as exc:
            line, column = exc.position
            raise InputError(
                [Problem(self.source.name, line, None, str(exc), f"well-formed XML (the error is at column {column})")],
                hint="the file is not well-formed XML; check it was not cut short",
            ) from exc
        except (OSError, EOFError) as exc:
            raise self.fail(None, str(exc), "a readable (and, if .gz, complete) XML file") from exc

    def progress(self) -> tuple[int, int]:
        total = self.source.path.stat().st_size
        return total, total


def _row(tx: Element, created: str | None) -> dict[str, str | None]:
    amount = _path(tx, "IntrBkSttlmAmt")
    return {
        "txn_id": _text(_path(tx, "PmtId", "TxId")) or _text(_path(tx, "PmtId", "UETR")) or _end_to_end(tx),
        "ts": _text(_path(tx, "AccptncDtTm")) or created,
        "src_account": _account(_path(tx, "DbtrAcct")),
        "dst_account": _account(_path(tx, "CdtrAcct")),
        "amount": _text(amount),
        "currency": amount.get("Ccy") if amount is not None else None,
        "channel": DEFAULT_CHANNEL,
        "memo": _text(_path(tx, "RmtInf", "Ustrd")),
    }


def _end_to_end(tx: Element) -> str | None:
    value = _text(_path(tx, "PmtId", "EndToEndId"))
    return None if value == "NOTPROVIDED" else value


def _account(account: Element | None) -> str | None:
    if account is None:
        return None
    return _text(_path(account, "Id", "IBAN")) or _text(_path(account, "Id", "Othr", "Id"))


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _path(element: Element | None, *names: str) -> Element | None:
    for name in names:
        if element is None:
            return None
        element = next((child for child in element if _local(child.tag) == name), None)
    return element


def _first(root: Element, name: str) -> Element | None:
    return next((e for e in root.iter() if _local(e.tag) == name), None)


def _text(element: Element | None) -> str | None:
    if element is None or element.text is None:
        return None
    return element.text.strip() or None
