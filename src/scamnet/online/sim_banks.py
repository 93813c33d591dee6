"""SIM banks seen live through their devices acting side by side (``telecom/_side_by_side.sql``).

A SIM bank that spoofs one IMEI per slot or per SIM still shows its devices acting in the same cell
hour after hour. Kept per device: the distinct (cell, hour) it acted in and how many on each UTC
day; per (cell, hour) the devices that acted there. When a device is scored, its links are worked
out as the batch query works them out — on days busy for both (4 or more cell-hours), at least 3
shared cell-hours and at least a quarter of the cell-hours either acted in — and its bank is every
device reachable by links. The batch query labels a bank by the smallest IMEI reachable in six
steps; a chain longer than that splits there and not here (the only difference).
"""

from __future__ import annotations

from collections import Counter

BUSY = 4
SHARED = 3


class SimBanks:
    """Devices' cell-hours, and the devices side by side with a device."""

    def __init__(self) -> None:
        self.windows: dict[str, set[tuple[str, int]]] = {}
        self.day_windows: dict[str, Counter[int]] = {}
        self.cell_hours: dict[tuple[str, int], set[str]] = {}

    def add(self, imei: str, cell: str, t: float) -> None:
        """Device ``imei`` acted (called or texted) in ``cell`` at ``t`` (seconds since 1970)."""
        window = (cell, int(t // 3600))
        known = self.windows.setdefault(imei, set())
        if window in known:
            return
        known.add(window)
        self.day_windows.setdefault(imei, Counter())[window[1] // 24] += 1
        self.cell_hours.setdefault(window, set()).add(imei)

    def bank(self, imei: str) -> set[str]:
        """Every device linked to ``imei`` through devices side by side, itself included."""
        members, todo = {imei}, [imei]
        while todo:
            for peer in self.linked(todo.pop()):
                if peer not in members:
                    members.add(peer)
                    todo.append(peer)
        return members

    def linked(self, imei: str) -> list[str]:
        """The devices side by side with ``imei``."""
        busy = self._busy(imei)
        shared: Counter[str] = Counter()
        for window in self.windows.get(imei, ()):
            if window[1] // 24 in busy:
                shared.update(self.cell_hours[window])
        del shared[imei]
        found = []
        for peer, n in shared.items():
            if n < SHARED:
                continue
            peer_busy = self._busy(peer)
            # the shared cell-hours lie on days busy for the peer too (its own busy windows only)
            together = sum(1 for w in self.windows[imei] if w[1] // 24 in busy and w[1] // 24 in peer_busy
                           and peer in self.cell_hours[w])
            both = sum(busy[d] + peer_busy[d] for d in busy.keys() & peer_busy.keys())
            if together >= SHARED and together >= 0.25 * (both - together):
                found.append(peer)
        return found

    def _busy(self, imei: str) -> dict[int, int]:
        return {day: n for day, n in self.day_windows.get(imei, Counter()).items() if n >= BUSY}
