"""The world's reference data while it is being built: SIMs, handsets, accounts, devices.

Population, confounders and gangs all add rows here; once ``freeze`` is called the columns
are single arrays that the daily generators index into.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa


@dataclass
class Registry:
    """Rows added in batches; ``add`` returns the row numbers of the batch."""

    columns: tuple[str, ...]
    _chunks: dict[str, list] = field(default_factory=dict)
    _frozen: dict[str, object] = field(default_factory=dict)
    size: int = 0

    def add(self, **values: object) -> np.ndarray:
        if set(values) != set(self.columns):
            raise ValueError(f"registry rows need {self.columns}, got {tuple(values)}")
        n = len(next(iter(values.values())))
        for name, column in values.items():
            self._chunks.setdefault(name, []).append(column)
        self._frozen.clear()
        start, self.size = self.size, self.size + n
        return np.arange(start, self.size)

    def __getitem__(self, name: str):
        if name not in self._frozen:
            chunks = self._chunks.get(name, [])
            if chunks and isinstance(chunks[0], pa.Array | pa.ChunkedArray):
                self._frozen[name] = pa.chunked_array(chunks).combine_chunks()
            else:
                self._frozen[name] = np.concatenate(chunks) if chunks else np.array([])
        return self._frozen[name]


def sims_registry() -> Registry:
    """SIM cards: number, IMSI, holder (person or business id, or null), activation, plan, region."""
    return Registry(("msisdn", "imsi", "holder", "activated_us", "plan", "region"))


def handsets_registry() -> Registry:
    return Registry(("imei",))


def accounts_registry() -> Registry:
    """Accounts: id, bank, holder, holder type, opened, region, registered phone number."""
    return Registry(("account_id", "bank", "holder", "holder_type", "opened_us", "region", "msisdn"))
