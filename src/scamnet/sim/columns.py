"""Arrow columns built straight from NumPy arrays: ids, digit strings, timestamps, money.

Building strings one Python object at a time would cap the simulator at a few hundred thousand
events per second, so ids and numbers are written as fixed-width byte matrices and handed to
Arrow as buffers.

>>> digit_strings(np.array([7, 42]), 4, "+86").to_pylist()
['+860007', '+860042']
>>> money(np.array([12345, 5])).to_pylist()
[Decimal('123.45'), Decimal('0.05')]
>>> len(set(event_ids("c", stream=3, count=1000, key=9).to_pylist()))
1000
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from scamnet.schema.fields import MONEY, TIMESTAMP

_HEX = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)
#: The two hex digits of every byte value, as one 16-bit word each.
_HEX_PAIRS = np.ascontiguousarray(np.stack([_HEX[np.arange(256) >> 4], _HEX[np.arange(256) & 15]], axis=1)).view(np.uint16)[:, 0]
US_PER_S = 1_000_000
US_PER_DAY = 86_400 * US_PER_S


def fixed_width_strings(chars: np.ndarray) -> pa.Array:
    """An Arrow string array from an ``(n, width)`` matrix of ASCII codes."""
    n, width = chars.shape
    offsets = np.arange(0, (n + 1) * width, width, dtype=np.int32)
    data = np.ascontiguousarray(chars, dtype=np.uint8)
    return pa.Array.from_buffers(pa.string(), n, [None, pa.py_buffer(offsets), pa.py_buffer(data)])


def _with_prefix(prefix: str, chars: np.ndarray) -> np.ndarray:
    if not prefix:
        return chars
    head = np.frombuffer(prefix.encode("ascii"), dtype=np.uint8)
    return np.hstack([np.broadcast_to(head, (len(chars), len(head))), chars])


def digit_matrix(values: np.ndarray, width: int) -> np.ndarray:
    """The decimal digits of ``values``, zero-padded to ``width`` columns."""
    powers = np.uint64(10) ** np.arange(width - 1, -1, -1, dtype=np.uint64)
    return ((np.asarray(values, dtype=np.uint64)[:, None] // powers) % np.uint64(10)).astype(np.uint8)


def digit_strings(values: np.ndarray, width: int, prefix: str = "") -> pa.Array:
    """``prefix`` then ``values`` zero-padded to ``width`` digits."""
    return fixed_width_strings(_with_prefix(prefix, digit_matrix(values, width) + 48))


def mix64(values: np.ndarray) -> np.ndarray:
    """A bijection of 64-bit integers that looks random (the splitmix64 finaliser)."""
    x = np.asarray(values, dtype=np.uint64)
    x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def hex_strings(values: np.ndarray, prefix: str = "") -> pa.Array:
    """``prefix`` then 16 lower-case hex digits of each 64-bit value."""
    big_endian = np.asarray(values, dtype=">u8").view(np.uint8).reshape(-1, 8)
    head = len(prefix)
    chars = np.empty((len(big_endian), head + 16), dtype=np.uint8)
    chars[:, :head] = np.frombuffer(prefix.encode("ascii"), dtype=np.uint8)
    chars[:, head:] = _HEX_PAIRS[big_endian].view(np.uint8)
    return fixed_width_strings(chars)


def event_ids(prefix: str, stream: int, count: int, key: int) -> pa.Array:
    """``count`` unique ids for one generator call; distinct ``stream`` numbers never collide.

    The ids are scrambled, so their order says nothing about where or when a row was made.
    """
    seq = (np.uint64(stream) << np.uint64(32)) | np.arange(count, dtype=np.uint64)
    return hex_strings(mix64(seq ^ np.uint64(key % 2**64)), prefix)


def timestamps(us: np.ndarray) -> pa.Array:
    """UTC timestamps from microseconds since the epoch."""
    return pa.array(np.asarray(us, dtype=np.int64), type=TIMESTAMP)


def money(cents: np.ndarray) -> pa.Array:
    """``DECIMAL(18,2)`` amounts from whole cents, exactly."""
    c = np.asarray(cents, dtype=np.int64)
    words = np.empty((len(c), 2), dtype=np.int64)
    words[:, 0] = c
    words[:, 1] = c >> 63
    return pa.Array.from_buffers(MONEY, len(c), [None, pa.py_buffer(words)])


def strings(values: list[str] | np.ndarray) -> pa.Array:
    return pa.array(list(values) if not isinstance(values, list) else values, type=pa.string())
