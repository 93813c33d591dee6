"""SIM banks seen live through their devices acting side by side (``telecom/_side_by_side.sql``).

A SIM bank that spoofs one IMEI per slot or per SIM still shows its devices acting in the same cell
hour after hour. Kept per device: the distinct (cell, hour) it acted in and how many on each UTC
day; per (cell, hour) the devices that acted there. When a device is scored, its links are worked
out as the batch query works them out — on days busy for both (4 or more cell-hours), at least 3
shared cell-hours and at least 15 % of the cell-hours either acted in — and its bank is named
as the batch query names it: each device of the linked group takes the smallest IMEI reachable in
six steps, and the bank is the devices with the device's own label. A device linked to none that
lived under 3 days of a history of a week or more, and reached strangers (at most a quarter of
them ever called one of its numbers), joins the bank whose cell-hours hold at least 2 and at least
half of its own (the most; on a tie the smallest label).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

BUSY = 4
SHARED = 3
STEPS = 6
#: side by side: the shared cell-hours' least share of those either acted in on days busy for both
JACCARD = 0.15
#: a device linked to none joins a bank when it lived under this many days of a history of at least HISTORY_DAYS
SHORT_LIFE_DAYS, HISTORY_DAYS = 3.0, 7.0
#: ... and at least 2 and this share of its cell-hours are the bank's
JOINED_SHARE = 0.5
#: ... and at most this share of the people it reached ever called one of its numbers
CALLED_BACK_SHARE = 0.25


class SimBanks:
    """Devices' cell-hours, and the devices side by side with a device."""

    def __init__(self) -> None:
        self.windows: dict[str, set[tuple[str, int]]] = {}
        self.day_windows: dict[str, dict[int, int]] = {}  # imei -> UTC day -> its cell-hours
        self.cell_hours: dict[tuple[str, int], set[str]] = {}
        self.lives: dict[str, tuple[float, float]] = {}  # imei -> first and last act, with or without a cell
        self.history: tuple[float, float] | None = None

    def seen(self, imei: str, t: float) -> None:
        """Device ``imei`` acted at ``t`` (seconds since 1970), in a known cell or not."""
        life = self.lives.get(imei)
        if life is None:
            self.lives[imei] = (t, t)
        elif t < life[0] or t > life[1]:
            self.lives[imei] = (min(life[0], t), max(life[1], t))
        history = self.history
        if history is None:
            self.history = (t, t)
        elif t < history[0] or t > history[1]:
            self.history = (min(history[0], t), max(history[1], t))

    def add(self, imei: str, cell: str, t: float) -> None:
        """Device ``imei`` acted (called or texted) in ``cell`` at ``t`` (seconds since 1970)."""
        hour = int(t // 3600)
        window = (cell, hour)
        known = self.windows.get(imei)
        if known is None:
            known = self.windows[imei] = set()
            self.day_windows[imei] = {}
        elif window in known:
            return
        known.add(window)
        days = self.day_windows[imei]
        days[hour // 24] = days.get(hour // 24, 0) + 1
        devices = self.cell_hours.get(window)
        if devices is None:
            self.cell_hours[window] = {imei}
        else:
            devices.add(imei)

    def bank(self, imei: str, one_way: Callable[[], bool] = lambda: True) -> set[str]:
        """The device's bank as the batch query names it: itself, and the devices linked to it whose smallest
        IMEI reachable in ``STEPS`` steps is its own (``label6`` of ``_side_by_side.sql``); for a short-lived
        device linked to none that reached strangers (``one_way``: at most a quarter of them ever called one
        of its numbers), itself and the bank it joins (``attached``)."""
        labels = self._labels(imei)
        if labels is None:
            return {imei} | self._joined(imei, one_way)
        return {device for device, label in labels.items() if label == labels[imei]}

    def _labels(self, imei: str) -> dict[str, str] | None:
        """Each device of ``imei``'s linked group with its label (None when ``imei`` is linked to none)."""
        links: dict[str, list[str]] = {}
        todo = [imei]
        while todo:  # the devices reachable by links, each with its links
            device = todo.pop()
            links[device] = self.linked(device)
            todo += [peer for peer in links[device] if peer not in links and peer not in todo]
        if not links[imei]:
            return None
        label = {device: device for device in links}
        for _ in range(STEPS):
            label = {device: min([label[device], *(label[p] for p in peers)]) for device, peers in links.items()}
        return label

    def _joined(self, imei: str, one_way: Callable[[], bool]) -> set[str]:
        """The members of the bank a short-lived device linked to none joins (none: empty)."""
        first, last = self.lives.get(imei, (0.0, 0.0))
        low, high = self.history or (0.0, 0.0)
        windows = self.windows.get(imei, set())
        if not windows or (last - first) / 86400 >= SHORT_LIFE_DAYS or (high - low) / 86400 < HISTORY_DAYS:
            return set()
        if not one_way():
            return set()
        groups: dict[str, dict[str, str]] = {}  # a linked device -> its group's labels
        shared: Counter[str] = Counter()
        members: dict[str, set[str]] = {}
        for window in windows:
            here = set()
            for peer in self.cell_hours[window] - {imei}:
                if peer not in groups:
                    found = self._labels(peer)
                    for device in found or {peer: ""}:
                        groups[device] = found or {}
                label = groups[peer].get(peer)
                if label is not None:
                    here.add(label)
                    members.setdefault(label, set()).update(d for d, x in groups[peer].items() if x == label)
            shared.update(here)
        best = sorted(((-n, label) for label, n in shared.items() if n >= 2 and n >= JOINED_SHARE * len(windows)))
        return members[best[0][1]] if best else set()

    def linked(self, imei: str) -> list[str]:
        """The devices side by side with ``imei``."""
        busy = self._busy(imei)
        if not busy:
            return []
        shared: dict[str, dict[int, int]] = {}  # a device -> per day busy for ``imei``, the cell-hours they shared
        for window in self.windows.get(imei, ()):
            day = window[1] // 24
            if day in busy:
                for peer in self.cell_hours[window]:
                    days = shared.get(peer)
                    if days is None:
                        shared[peer] = {day: 1}
                    else:
                        days[day] = days.get(day, 0) + 1
        shared.pop(imei, None)
        found = []
        for peer, days in shared.items():
            if sum(days.values()) < SHARED:
                continue
            peer_busy = self._busy(peer)
            # the shared cell-hours lie on days busy for the peer too (its own busy windows only)
            together = sum(n for day, n in days.items() if day in peer_busy)
            both = sum(busy[d] + peer_busy[d] for d in busy.keys() & peer_busy.keys())
            if together >= SHARED and together >= JACCARD * (both - together):
                found.append(peer)
        return found

    def _busy(self, imei: str) -> dict[int, int]:
        counts = self.day_windows.get(imei)
        return {day: n for day, n in counts.items() if n >= BUSY} if counts else {}
