"""SIM banks seen live through their devices acting side by side (``telecom/_side_by_side.sql``).

A SIM bank that spoofs one IMEI per slot or per SIM still shows its devices acting in the same cell
hour after hour. Kept per device: the distinct (cell, hour) it acted in and how many on each UTC
day; per (cell, hour) the devices that acted there. When a device is scored, its links are worked
out as the batch query works them out — on days busy for both (4 or more cell-hours), at least 3
shared cell-hours and at least a quarter of the cell-hours either acted in — and its bank is named
as the batch query names it: each device of the linked group takes the smallest IMEI reachable in
six steps, and the bank is the devices with the device's own label.
"""

from __future__ import annotations

from collections import Counter

BUSY = 4
SHARED = 3
STEPS = 6


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
        """The device's bank as the batch query names it: itself, and the devices linked to it whose smallest
        IMEI reachable in ``STEPS`` steps is its own (``label6`` of ``_side_by_side.sql``)."""
        links: dict[str, list[str]] = {}
        todo = [imei]
        while todo:  # the devices reachable by links, each with its links
            device = todo.pop()
            links[device] = self.linked(device)
            todo += [peer for peer in links[device] if peer not in links and peer not in todo]
        if not links[imei]:
            return {imei}
        label = {device: device for device in links}
        for _ in range(STEPS):
            label = {device: min([label[device], *(label[p] for p in peers)]) for device, peers in links.items()}
        return {device for device in links if label[device] == label[imei]}

    def linked(self, imei: str) -> list[str]:
        """The devices side by side with ``imei``."""
        busy = self._busy(imei)
        if not busy:
            return []
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
