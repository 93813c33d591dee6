"""Journal lines whose id the store or the journal already holds with other content, set aside before a fold.

The service refuses an id it remembers with other content (``event_ids``), but it remembers the newest 500,000.
An older id reused with other content was accepted, and ingest then refused the whole fold ("a changed row is a
conflict"): the journal stayed out of the store, at every fold, until someone removed the row by hand. Such a line
is now moved to ``<journal>/rejected/`` (each line the row as it came and why it was set aside) and the rest is
folded. Nothing is lost: the line is kept there for the person who fixes it, and the store keeps its own row.

The same holds inside the journal. Worker processes of one service each keep their own memory of ids (without
``state_url``), so two of them can accept one id, with other content or word for word (a retry the load balancer
handed to the other worker). At the next start the fold reads every worker's file at once, and ingest refuses a key
used twice. The first line of the journal holding the id (files in name order, lines in order) is folded; a later
line with other content is set aside the same way, and a later copy word for word is dropped: it is the same event.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import orjson

from scamnet.online.events import KINDS
from scamnet.service.event_ids import KEY_FIELDS
from scamnet.service.journal import journal_lines
from scamnet.store import Store
from scamnet.store.repo import rows_with_ids

log = logging.getLogger("scamnet.serve")
#: The fields that make a row of each event table one event: its id, or a login session's account, time and device.
_KEY_OF = {KINDS[kind]: fields for kind, fields in KEY_FIELDS.items()}


def set_clashes_aside(store: Store, files: list[Path], rejected: Path) -> int:
    """Move the lines of journal ``files`` whose id ``store`` holds with other content, or an earlier line of the
    journal holds with other content (two workers given one id), to ``rejected`` (a folder); a line repeating an
    earlier one word for word is dropped (one event, accepted twice). How many lines were moved."""
    moved = 0
    earlier: dict[tuple[str, tuple[str, ...]], bytes] = {}  # (table, key) -> the first line of the journal holding it
    for path in files:
        name = path.stem.split("-")[0]
        fields = _KEY_OF.get(name)
        if fields is None:
            continue
        lines = [line for line in path.read_bytes().splitlines() if line.strip()]
        keys = [_key_of(line, fields) for line in lines]
        stored = _stored_lines(store, name, fields, keys)
        label = " + ".join(fields)
        why: dict[int, str] = {}
        repeated: set[int] = set()
        for n, (line, key) in enumerate(zip(lines, keys, strict=True)):
            first = earlier.setdefault((name, key), line)
            if stored.get(key, line) != line:
                why[n] = f"{label} stored with other content (a changed row is a conflict)"
            elif first is not line:  # not the journal's first line of this key (that one is ``first`` itself)
                if first == line:
                    repeated.add(n)
                else:
                    why[n] = f"{label} already in the journal with other content (another worker accepted it first)"
        if why or repeated:
            _move(path, lines, why, repeated, rejected)
        if why:
            log.warning("%d journal line(s) of %s reuse an id held with other content: set aside in %s",
                        len(why), path.name, rejected)
            moved += len(why)
    return moved


def _key_of(line: bytes, fields: tuple[str, ...]) -> tuple[str, ...]:
    row = orjson.loads(line)
    return tuple(str(row.get(field)) for field in fields)


def _stored_lines(store: Store, name: str, fields: tuple[str, ...], keys: list[tuple[str, ...]]
                  ) -> dict[tuple[str, ...], bytes]:
    """The journal line each of ``keys`` would have, made from the row the store holds under it (looked up by the
    key's first field)."""
    found = rows_with_ids(store, name, fields[0], [key[0] for key in keys]).to_pylist()
    lines = journal_lines([(name, row) for row in found])
    return {_key_of(line, fields): line for line in lines}


def _move(path: Path, lines: list[bytes], why: dict[int, str], repeated: set[int], rejected: Path) -> None:
    """Write the lines ``why`` names to ``rejected`` with their reasons (on disk first), then the file again without
    them and without the ``repeated`` ones."""
    if why:
        rejected.mkdir(parents=True, exist_ok=True)
        with (rejected / path.name).open("ab") as kept:
            kept.write(b"".join(orjson.dumps({"why": reason, "line": lines[n].decode()}) + b"\n" for n, reason in why.items()))
            kept.flush()
            os.fsync(kept.fileno())
    skip = set(why) | repeated
    rest = path.with_name(f".{path.name}.rest")
    with rest.open("wb") as kept_rest:
        kept_rest.write(b"".join(line + b"\n" for n, line in enumerate(lines) if n not in skip))
        kept_rest.flush()
        os.fsync(kept_rest.fileno())
    os.replace(rest, path)
