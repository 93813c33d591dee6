"""Views of a simulated world folder for the benches: the same world with a table taken away.

A view is a folder of links to the world's files, so it costs nothing to make and the world is
never copied or changed. A table without a file reads as empty (``Data.from_dir``).
"""

from __future__ import annotations

from pathlib import Path

from scamnet.core.errors import NotFoundError

#: The victims' side of a world: what a detector may not lean on alone, since most victims never report.
REPORT_TABLES = ("reports", "report_items")


def world_without(world_dir: Path, into: Path, tables: tuple[str, ...]) -> Path:
    """A folder in ``into`` that holds every file of ``world_dir`` but those of ``tables``.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     world = Path(tmp, "w"); world.mkdir()
    ...     for name in ("calls", "reports", "report_items"):
    ...         _ = (world / f"{name}.parquet").write_bytes(b"")
    ...     sorted(p.name for p in world_without(world, Path(tmp), REPORT_TABLES).iterdir())
    ['calls.parquet']
    """
    world_dir = Path(world_dir)
    if not world_dir.is_dir():
        raise NotFoundError(f"no world folder at {world_dir}", hint="make one with scamnet simulate --out DIR")
    view = Path(into) / f"{world_dir.name}-without-{'-'.join(tables)}"
    view.mkdir(parents=True)
    for path in sorted(world_dir.iterdir()):
        if path.is_file() and path.name.split(".")[0] not in tables:
            (view / path.name).symlink_to(path.resolve())
    return view


def world_without_reports(world_dir: Path, into: Path) -> Path:
    """``world_dir`` with its victim reports and their items removed."""
    return world_without(world_dir, into, REPORT_TABLES)
