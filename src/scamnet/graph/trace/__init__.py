"""Fund tracing: where a victim's money went, under four attribution policies.

``transfer_index`` builds the one-off index; ``trace_funds`` follows the money; ``flow_edges``,
``cashout_points``, ``freeze_list`` and ``passed_through`` read the result back in account ids and amounts.
"""

from scamnet.graph.trace.flows import cashout_points, flow_edges, freeze_list, money, passed_through
from scamnet.graph.trace.index import TransferIndex, transfer_index
from scamnet.graph.trace.tracer import FundTrace, TraceLimits, trace_funds

__all__ = [
    "FundTrace", "TraceLimits", "TransferIndex", "cashout_points", "flow_edges", "freeze_list", "money",
    "passed_through", "trace_funds", "transfer_index",
]
