"""Unique, realistic-looking identifiers: phone numbers, IMSIs, IMEIs, card numbers.

Each kind draws from one counter passed through an affine bijection of its number space, so
numbers never repeat and a gang's SIMs look like anybody else's.

>>> n = Numbering(seed=1)
>>> [len(x) for x in n.msisdns(3).to_pylist()]
[14, 14, 14]
>>> all(luhn_ok(x) for x in n.imeis(5).to_pylist())
True
"""

from __future__ import annotations

import math

import numpy as np
import pyarrow as pa

from scamnet.sim.columns import digit_matrix, fixed_width_strings

#: Chinese mobile number blocks (first three digits of the 11-digit number).
MOBILE_BLOCKS = np.array(
    [130, 131, 132, 133, 134, 135, 136, 137, 138, 139, 150, 151, 152, 153, 155, 156, 157, 158, 159, 166,
     170, 171, 173, 175, 176, 177, 178, 180, 181, 182, 183, 184, 185, 186, 187, 188, 189, 191, 198, 199],
    dtype=np.uint64,
)
#: Made-up type allocation codes (first 8 IMEI digits) standing in for handset models.
HANDSET_TACS = np.array(
    [35332510, 35391110, 35405908, 35925406, 86012303, 86120904, 86284104, 86391505, 86446603, 86769504,
     86891705, 35420211, 35697209, 86156003, 86247305, 35846110],
    dtype=np.uint64,
)
#: Banks and the six-digit card prefixes of their (made-up) account numbers.
BANKS = {
    "ICBC": 622202, "CCB": 621700, "ABC": 622848, "BOC": 621661, "BOCOM": 622262,
    "CMB": 621483, "PSBC": 621799, "CITIC": 621771, "SPDB": 622521, "CIB": 622909,
}
MOBILE_NETWORKS = np.array([0, 1, 11], dtype=np.uint64)  # China Mobile, Unicom, Telecom MNCs


def luhn_digit(body: np.ndarray) -> np.ndarray:
    """The Luhn check digit of each row of a digit matrix."""
    d = body.astype(np.int64)
    doubled = d[:, ::-1][:, 0::2] * 2
    total = (doubled // 10 + doubled % 10).sum(axis=1) + d[:, ::-1][:, 1::2].sum(axis=1)
    return ((10 - total % 10) % 10).astype(np.uint8)


def luhn_ok(number: str) -> bool:
    digits = np.frombuffer(number.encode(), dtype=np.uint8)[None, :-1] - 48
    return int(luhn_digit(digits)[0]) == int(number[-1])


class _Space:
    """An affine bijection of ``[0, size)``: ``k -> (a*k + b) mod size``."""

    def __init__(self, size: int, rng: np.random.Generator) -> None:
        self.size = size
        a = int(rng.integers(size // 3, size // 2)) | 1
        while math.gcd(a, size) != 1:
            a += 2
        self.a, self.b, self.used = a, int(rng.integers(0, size)), 0

    def take(self, n: int) -> np.ndarray:
        if self.used + n > self.size:
            raise ValueError("number space exhausted")
        first, self.used = self.used, self.used + n
        if (self.used * self.a + self.b) < 2**63:
            k = np.arange(first, self.used, dtype=np.uint64)
            return (k * np.uint64(self.a) + np.uint64(self.b)) % np.uint64(self.size)
        k = np.arange(first, self.used, dtype=object)  # Python integers: a*k passes 2**64
        return np.array((k * self.a + self.b) % self.size, dtype=np.uint64)


class Numbering:
    """Allocates every identifier of one world."""

    def __init__(self, seed: int) -> None:
        rng = np.random.default_rng([seed, 7001])
        self._msisdn = _Space(len(MOBILE_BLOCKS) * 10**8, rng)
        self._imsi = _Space(10**10, rng)
        self._imei = _Space(len(HANDSET_TACS) * 10**6, rng)
        self._card = _Space(10**12, rng)
        self._rng = rng

    def msisdns(self, n: int) -> pa.Array:
        y = self._msisdn.take(n)
        value = MOBILE_BLOCKS[y // np.uint64(10**8)] * np.uint64(10**8) + y % np.uint64(10**8)
        return fixed_width_strings(np.hstack([np.full((n, 3), [43, 56, 54], np.uint8), digit_matrix(value, 11) + 48]))

    def imsis(self, n: int) -> pa.Array:
        mnc = MOBILE_NETWORKS[self._rng.integers(0, len(MOBILE_NETWORKS), n)]
        value = (np.uint64(460) * np.uint64(100) + mnc) * np.uint64(10**10) + self._imsi.take(n)
        return fixed_width_strings(digit_matrix(value, 15) + 48)

    def imeis(self, n: int) -> pa.Array:
        y = self._imei.take(n)
        body = digit_matrix(HANDSET_TACS[y // np.uint64(10**6)] * np.uint64(10**6) + y % np.uint64(10**6), 14)
        return fixed_width_strings(np.hstack([body, luhn_digit(body)[:, None]]) + 48)

    def spoofed_imeis(self, n: int, tac: str, rng: np.random.Generator) -> pa.Array:
        """IMEIs a SIM bank makes up: a real model's TAC (``popular``) or an unallocated one (``random``).

        >>> from_box = Numbering(seed=1).spoofed_imeis(4, "random", np.random.default_rng(0)).to_pylist()
        >>> any(int(x[:8]) in HANDSET_TACS for x in from_box), all(luhn_ok(x) for x in from_box)
        (False, True)
        """
        if tac == "popular":
            return self.imeis(n)
        tacs = rng.integers(10**7, 10**8, n).astype(np.uint64)
        tacs = np.where(np.isin(tacs, HANDSET_TACS), tacs + np.uint64(1), tacs)
        body = digit_matrix(tacs * np.uint64(10**6) + rng.integers(0, 10**6, n).astype(np.uint64), 14)
        return fixed_width_strings(np.hstack([body, luhn_digit(body)[:, None]]) + 48)

    def cards(self, banks: np.ndarray) -> pa.Array:
        """19-digit account numbers; ``banks`` holds indexes into ``BANKS``."""
        prefixes = np.array(list(BANKS.values()), dtype=np.uint64)[banks]
        body = digit_matrix(prefixes * np.uint64(10**12) + self._card.take(len(banks)), 18)
        return fixed_width_strings(np.hstack([body, luhn_digit(body)[:, None]]) + 48)
