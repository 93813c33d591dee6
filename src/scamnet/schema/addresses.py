"""Wallet addresses per chain: the checksums that tell a real address from characters that only look like one.

Indicator extraction (``detect.content.extract``) and the validation of the chain tables share
these checks: TRON (``T`` + Base58Check, version byte 0x41), Ethereum (``0x`` + 40 hex, the
EIP-55 mixed-case checksum when the address is written in mixed case), Bitcoin (Base58Check
``1…``/``3…`` or bech32/bech32m ``bc1…``).

>>> is_btc_address("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"), is_btc_address("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb")
(True, False)
>>> is_eth_address("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"), is_eth_address("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD")
(True, False)
>>> chain_of("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t")
'tron'
"""

from __future__ import annotations

import hashlib
import re

_B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_BECH32_CONSTANTS = (1, 0x2BC830A3)  # BIP-173 (segwit v0) and BIP-350 (bech32m, v1+)
_HEX40 = re.compile(r"^0x[0-9a-fA-F]{40}$")
CHAINS = ("tron", "ethereum", "bitcoin")


def base58check_payload(address: str) -> bytes | None:
    """The payload of a Base58Check string when its 4-byte double-SHA-256 checksum holds."""
    number = 0
    for char in address:
        if char not in _B58:
            return None
        number = number * 58 + _B58.index(char)
    raw = number.to_bytes((number.bit_length() + 7) // 8, "big")
    raw = b"\x00" * (len(address) - len(address.lstrip("1"))) + raw
    body, checksum = raw[:-4], raw[-4:]
    return body if len(raw) > 4 and hashlib.sha256(hashlib.sha256(body).digest()).digest()[:4] == checksum else None


def base58check_encode(payload: bytes) -> str:
    """Base58Check text of ``payload`` (the simulator makes TRON and Bitcoin addresses with it)."""
    raw = payload + hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4]
    number, out = int.from_bytes(raw, "big"), ""
    while number:
        number, rest = divmod(number, 58)
        out = _B58[rest] + out
    return "1" * (len(raw) - len(raw.lstrip(b"\x00"))) + out


def is_btc_address(address: str) -> bool:
    """A Bitcoin address: legacy (1…), script (3…) with a valid checksum, or bech32 (bc1…)."""
    if address.lower().startswith("bc1"):
        return (address == address.lower() or address == address.upper()) and _bech32_valid(address.lower())
    payload = base58check_payload(address)
    return payload is not None and len(payload) == 21 and payload[0] in (0x00, 0x05)


def is_tron_address(address: str) -> bool:
    """A TRON address: ``T`` + 33 Base58 characters, version byte 0x41, valid checksum."""
    payload = base58check_payload(address)
    return payload is not None and len(payload) == 21 and payload[0] == 0x41


def is_eth_address(address: str) -> bool:
    """``0x`` + 40 hex digits; written in mixed case, the EIP-55 checksum must hold."""
    if not _HEX40.match(address):
        return False
    digits = address[2:]
    if digits == digits.lower() or digits == digits.upper():
        return True
    return eip55(address) == address


def eip55(address: str) -> str:
    """The EIP-55 mixed-case form of an Ethereum address."""
    digits = address[2:].lower()
    mask = keccak256(digits.encode("ascii")).hex()
    return "0x" + "".join(c.upper() if c.isalpha() and int(m, 16) >= 8 else c for c, m in zip(digits, mask[:40], strict=True))


def chain_of(address: str) -> str:
    """The chain an address's shape belongs to: ``0x…`` ethereum, ``T…`` (34 characters) tron, else bitcoin."""
    if address.lower().startswith("0x"):
        return "ethereum"
    if address.startswith("T") and len(address) == 34:
        return "tron"
    return "bitcoin"


def valid_on(chain: str, address: str) -> bool:
    """Whether ``address`` is a valid address of ``chain``."""
    check = {"tron": is_tron_address, "ethereum": is_eth_address, "bitcoin": is_btc_address}.get(chain)
    return bool(check and address and check(address))


def canonical_address(chain: str, address: str) -> str:
    """The address as entity ids hold it: Ethereum and bech32 lower-cased, Base58 as written."""
    text = address.strip()
    return text.lower() if chain == "ethereum" or text.lower().startswith("bc1") else text


def _bech32_valid(address: str) -> bool:
    hrp, _, data = address.rpartition("1")
    if hrp != "bc" or len(data) < 7 or any(c not in _BECH32 for c in data):
        return False
    values = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp] + [_BECH32.index(c) for c in data]
    return _bech32_polymod(values) in _BECH32_CONSTANTS


def _bech32_polymod(values: list[int]) -> int:
    generator = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)
    check = 1
    for value in values:
        top = check >> 25
        check = (check & 0x1FFFFFF) << 5 ^ value
        for bit, gen in enumerate(generator):
            check ^= gen if (top >> bit) & 1 else 0
    return check


# Keccak-256 as Ethereum uses it (the original Keccak padding, not NIST SHA3-256's): hashlib lacks it.
_ROUNDS = [
    0x0000000000000001, 0x0000000000008082, 0x800000000000808A, 0x8000000080008000, 0x000000000000808B,
    0x0000000080000001, 0x8000000080008081, 0x8000000000008009, 0x000000000000008A, 0x0000000000000088,
    0x0000000080008009, 0x000000008000000A, 0x000000008000808B, 0x800000000000008B, 0x8000000000008089,
    0x8000000000008003, 0x8000000000008002, 0x8000000000000080, 0x000000000000800A, 0x800000008000000A,
    0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008,
]
_ROTATIONS = [[0, 36, 3, 41, 18], [1, 44, 10, 45, 2], [62, 6, 43, 15, 61], [28, 55, 25, 21, 56], [27, 20, 39, 8, 14]]
_MASK = (1 << 64) - 1


def _rotl(value: int, shift: int) -> int:
    return ((value << shift) | (value >> (64 - shift))) & _MASK if shift else value


def _keccak_f(state: list[list[int]]) -> None:
    for constant in _ROUNDS:
        c = [state[x][0] ^ state[x][1] ^ state[x][2] ^ state[x][3] ^ state[x][4] for x in range(5)]
        d = [c[(x - 1) % 5] ^ _rotl(c[(x + 1) % 5], 1) for x in range(5)]
        for x in range(5):
            for y in range(5):
                state[x][y] ^= d[x]
        b = [[0] * 5 for _ in range(5)]
        for x in range(5):
            for y in range(5):
                b[y][(2 * x + 3 * y) % 5] = _rotl(state[x][y], _ROTATIONS[x][y])
        for x in range(5):
            for y in range(5):
                state[x][y] = b[x][y] ^ (~b[(x + 1) % 5][y] & b[(x + 2) % 5][y])
        state[0][0] ^= constant


def keccak256(data: bytes) -> bytes:
    """Keccak-256 of ``data``.

    >>> keccak256(b"").hex()[:16]
    'c5d2460186f7233c'
    """
    rate = 136
    padded = bytearray(data) + b"\x00" * (rate - len(data) % rate)
    padded[len(data)] ^= 0x01
    padded[-1] ^= 0x80
    state = [[0] * 5 for _ in range(5)]
    for start in range(0, len(padded), rate):
        block = padded[start:start + rate]
        for i in range(rate // 8):
            state[i % 5][i // 5] ^= int.from_bytes(block[8 * i: 8 * i + 8], "little")
        _keccak_f(state)
    return b"".join(state[i % 5][i // 5].to_bytes(8, "little") for i in range(4))
