"""Block-explorer CSV exports read as ``chain_transfers``: the layout is told by the header.

- ``etherscan-tokens``: Etherscan's ERC-20 token transfer export (``Txhash``, ``Blockno``,
  ``UnixTimestamp``, ``From``, ``To``, ``TokenValue``, ``ContractAddress``, ``TokenSymbol``);
- ``etherscan-normal``: Etherscan's normal transaction export (``Txhash``, ``Blockno``,
  ``UnixTimestamp``, ``From``, ``To``, ``Value_IN(ETH)``, ``Value_OUT(ETH)``, ``Status``, ...);
- ``tronscan-trc20``: Tronscan's TRC20 transfer list (``transaction_id``, ``block_ts`` in
  milliseconds, ``block``, ``from_address``, ``to_address``, ``quant`` in the token's smallest unit,
  ``contract_address``, ``token_abbr`` or ``tokenAbbr``, ``token_decimal`` or ``tokenDecimal``).

Etherscan's exports carry no log index: the transfers of one transaction are numbered in file
order. A normal transaction's ETH value gets log index -1 (its token logs keep 0, 1, ...);
transactions that failed (``Status`` or ``ErrCode`` set) and zero-value calls are skipped. The
rows come out as canonical text columns, so types, addresses and keys are checked as for any
file; a value the layout cannot read is reported with file, line, field and value.

>>> explorer_layout(["Txhash", "Blockno", "UnixTimestamp", "DateTime (UTC)", "From", "To", "TokenValue",
...                  "USDValueDayOfTx", "ContractAddress", "TokenName", "TokenSymbol"])
'etherscan-tokens'
>>> explorer_layout(["caller", "callee"]) is None
True
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation

import pyarrow as pa

from scamnet.core.errors import Problem
from scamnet.ingest.readers import RawBatch, Reader
from scamnet.ingest.sources import Source

OUT = ("chain", "tx_hash", "log_index", "block", "ts", "from_address", "to_address", "token_contract",
       "token_symbol", "amount")
_LAYOUTS = {
    "etherscan-tokens": {"Txhash", "Blockno", "UnixTimestamp", "From", "To", "TokenValue", "ContractAddress", "TokenSymbol"},
    "etherscan-normal": {"Txhash", "Blockno", "UnixTimestamp", "From", "To", "Value_IN(ETH)", "Value_OUT(ETH)"},
    "tronscan-trc20": {"transaction_id", "block_ts", "block", "from_address", "to_address", "quant", "contract_address"},
}


class Unreadable(ValueError):
    """A value the layout cannot read: which field, and what was expected."""

    def __init__(self, field: str, value: object, expected: str) -> None:
        super().__init__(expected)
        self.field, self.value, self.expected = field, value, expected


def explorer_layout(header: list[str]) -> str | None:
    """The explorer export a CSV header belongs to, or None."""
    names = {h.strip() for h in header}
    for name, needed in _LAYOUTS.items():
        if needed <= names:
            return name
    return None


class ExplorerReader(Reader):
    """Reads one explorer export and yields its rows as canonical ``chain_transfers`` text columns."""

    def __init__(self, source: Source, batch_rows: int, layout: str, encoding: str = "utf-8") -> None:
        super().__init__(source, batch_rows)
        self.layout, self.encoding = layout, encoding
        self.columns = list(OUT)
        self._convert: Callable[[dict[str, str], dict[str, int]], list[dict[str, str | None]]] = _CONVERTERS[layout]

    def batches(self) -> Iterator[RawBatch]:
        with self._stream() as stream:
            text = io.TextIOWrapper(stream, encoding=self.encoding.replace("utf-8", "utf-8-sig"), newline="")
            reader = csv.DictReader(text)
            logs: dict[str, int] = {}
            rows: list[dict[str, str | None]] = []
            lines: list[int] = []
            problems: list[Problem] = []
            for record in reader:
                line = reader.line_num
                try:
                    made = self._convert({k.strip(): (v or "").strip() for k, v in record.items() if k}, logs)
                except Unreadable as bad:
                    problems.append(Problem(self.source.name, line, bad.field, bad.value, bad.expected, "line"))
                    continue
                rows += made
                lines += [line] * len(made)
                if len(rows) >= self.batch_rows:
                    yield _batch(rows, lines, problems)
                    rows, lines, problems = [], [], []
            if rows or problems:
                yield _batch(rows, lines, problems)


def _batch(rows: list[dict], lines: list[int], problems: list[Problem]) -> RawBatch:
    table = pa.table({name: pa.array([r[name] for r in rows], pa.string()) for name in OUT})
    return RawBatch(table, pa.array(lines, pa.int64()), problems, len(problems))


def _number(record: dict[str, str], field: str) -> Decimal:
    value = record.get(field, "")
    try:
        return Decimal(value.replace(",", ""))
    except InvalidOperation:
        raise Unreadable(field, value, "a number (thousands separators allowed)") from None


def _epoch(record: dict[str, str], field: str, per_second: int) -> str:
    seconds = _number(record, field) / per_second
    try:
        return datetime.fromtimestamp(float(seconds), UTC).isoformat()
    except (OverflowError, ValueError, OSError):
        raise Unreadable(field, record.get(field), "a time in seconds (or ms) since 1970-01-01 UTC") from None


def _next_log(logs: dict[str, int], tx_hash: str) -> str:
    logs[tx_hash] = logs.get(tx_hash, -1) + 1
    return str(logs[tx_hash])


def _etherscan_tokens(r: dict[str, str], logs: dict[str, int]) -> list[dict[str, str | None]]:
    return [{"chain": "ethereum", "tx_hash": r["Txhash"], "log_index": _next_log(logs, r["Txhash"]), "block": r["Blockno"],
             "ts": _epoch(r, "UnixTimestamp", 1), "from_address": r["From"], "to_address": r["To"],
             "token_contract": r["ContractAddress"] or None, "token_symbol": r.get("TokenSymbol") or None,
             "amount": str(_number(r, "TokenValue"))}]


def _etherscan_normal(r: dict[str, str], logs: dict[str, int]) -> list[dict[str, str | None]]:
    if r.get("Status") or r.get("ErrCode") or r.get("isError") == "1":
        return []
    value = max(_number(r, "Value_IN(ETH)"), _number(r, "Value_OUT(ETH)"))
    if value == 0 or not r["To"]:
        return []
    return [{"chain": "ethereum", "tx_hash": r["Txhash"], "log_index": "-1", "block": r["Blockno"],
             "ts": _epoch(r, "UnixTimestamp", 1), "from_address": r["From"], "to_address": r["To"],
             "token_contract": None, "token_symbol": "ETH", "amount": str(value)}]


def _tronscan_trc20(r: dict[str, str], logs: dict[str, int]) -> list[dict[str, str | None]]:
    decimals_text = r.get("token_decimal") or r.get("tokenDecimal") or "6"
    if not decimals_text.isdigit() or int(decimals_text) > 18:
        raise Unreadable("token_decimal", decimals_text, "the token's decimals, 0-18")
    amount = _number(r, "quant").scaleb(-int(decimals_text))
    return [{"chain": "tron", "tx_hash": r["transaction_id"], "log_index": _next_log(logs, r["transaction_id"]),
             "block": r["block"], "ts": _epoch(r, "block_ts", 1000), "from_address": r["from_address"],
             "to_address": r["to_address"], "token_contract": r["contract_address"] or None,
             "token_symbol": r.get("token_abbr") or r.get("tokenAbbr") or None, "amount": str(amount)}]


_CONVERTERS = {"etherscan-tokens": _etherscan_tokens, "etherscan-normal": _etherscan_normal,
               "tronscan-trc20": _tronscan_trc20}
