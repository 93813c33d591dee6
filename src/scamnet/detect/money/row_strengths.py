"""``evidence.py``'s mule signs on one account's figures as Python floats: the online ``mule`` scores one account at a time.

Each function is the twin of the strength of the same name in ``evidence.py``: the same operations in
the same order, ``figure`` for ``column``, ``rank`` for ``amount_rank``, and NumPy's ``maximum``,
``minimum``, ``clip`` and ``exp`` as ``row_floats`` gives them, so the same strength to the last bit
(``tests/detect/money/test_row_strengths.py``).
"""

from __future__ import annotations

from collections.abc import Sequence

from scamnet.detect.evidence import Figures, RowStrength, figure, rank, raw_figure
from scamnet.detect.money.evidence import ONE_REPORT
from scamnet.detect.row_floats import clip, exp, maximum, minimum


def _passing(f: Figures, ref: Sequence[float]) -> float:
    hour = figure(f, "busiest_day_pass_through") * rank(figure(f, "max_day_passed_1h"), ref)
    day = figure(f, "busiest_day_pass_through_24h") * rank(figure(f, "max_day_passed_24h"), ref)
    return maximum(hour, 0.8 * day)


def _fast(f: Figures, _: Sequence[float]) -> float:
    minutes = raw_figure(f, "median_forward_minutes")
    if minutes != minutes:
        return 0.0
    return exp(-figure(f, "median_forward_minutes") / 180.0)  # ``nan_to_num`` of a number: ``figure``


def _named(f: Figures, _: Sequence[float]) -> float:
    times = figure(f, "victim_txns") + figure(f, "named_in_reports")
    reports = maximum(figure(f, "victim_txns"), figure(f, "named_in_reports"))
    return 1.0 if reports >= 2.0 else ONE_REPORT * minimum(1.0, times)


def _victim_share(f: Figures, _: Sequence[float]) -> float:
    payers = maximum(figure(f, "in_counterparties"), 1.0)
    return minimum(1.0, (figure(f, "victim_payers") + figure(f, "second_hop_victims")) / payers)


def _devices(f: Figures, _: Sequence[float]) -> float:
    holders = figure(f, "device_holder_peers") + minimum(1.0, figure(f, "ip_holder_peers") / 8.0)
    return clip((holders - 1.0) / 3.0, 0.0, 1.0)


def _groomed(f: Figures, _: Sequence[float]) -> float:
    share = figure(f, "groomed_payers") / maximum(figure(f, "person_payers"), 1.0)
    return share * clip((figure(f, "groomed_payers") - 1.0) / 2.0, 0.0, 1.0)


def _ring(f: Figures, ref: Sequence[float]) -> float:
    inflow, outflow = figure(f, "in_amount"), figure(f, "out_amount")
    matched = minimum(inflow, outflow) / maximum(maximum(inflow, outflow), 1e-9)
    ring = maximum(figure(f, "ring_in_share"), figure(f, "ring_out_share") * matched)
    return ring * figure(f, "busiest_day_pass_through_24h") * rank(figure(f, "max_day_passed_24h"), ref)


def _waking(f: Figures, _: Sequence[float]) -> float:
    dormant = minimum(1.0, figure(f, "dormant_days_before_burst") / 30.0)
    age = raw_figure(f, "age_days_at_first_in")
    new = 0.0 if age != age else clip(1.0 - figure(f, "age_days_at_first_in") / 30.0, 0.0, 1.0)
    passing = maximum(figure(f, "busiest_day_pass_through"), figure(f, "busiest_day_pass_through_24h"))
    return maximum(dormant, new) * passing


def _cashout(f: Figures, _: Sequence[float]) -> float:
    return figure(f, "cashout_share") * figure(f, "pass_through_24h")


def _shapes(f: Figures, _: Sequence[float]) -> float:
    cycles = minimum(1.0, figure(f, "cycles_2") + figure(f, "cycles_3"))
    scatter = clip((figure(f, "scatter_gather") - 1.0) / 3.0, 0.0, 1.0)
    return maximum(cycles, scatter)


def _habits(f: Figures, _: Sequence[float]) -> float:
    return maximum(figure(f, "just_under_limit_share"), figure(f, "night_share"))


#: each mule sign's ``RowStrength``, by the sign's name in ``evidence.EVIDENCE``
ROW_STRENGTHS: dict[str, RowStrength] = {
    "pass_through": _passing, "fast_forward": _fast, "named_by_victims": _named, "victim_payers": _victim_share,
    "shared_devices": _devices, "groomed_payers": _groomed, "ring_neighbours": _ring, "wakes_up": _waking,
    "cash_out": _cashout, "laundering_shapes": _shapes, "habits": _habits,
}
