"""The web visits a telecom operator, ISP or bank app exports: who opened which site, and when (``link_visits``).

An operator's DNS resolver or web proxy logs the subscriber (``msisdn``) and the host (the path is
encrypted under HTTPS, so the URL is then ``scheme://host/``); a bank or wallet app's in-app browser
logs its device fingerprint and the full URL. Most visits are to honest sites; the export usually
leaves out the few hundred most popular domains, so what remains is the long tail: small shops,
car dealers, local services, and the scam sites among them.
"""

from __future__ import annotations

from scamnet.core.enums import VisitSource
from scamnet.schema.columns import E164, ID, TEXT, S
from scamnet.schema.columns import column as _f
from scamnet.schema.fields import TIMESTAMP, TableSpec, one_of

LINK_VISITS = TableSpec(
    "link_visits", "Web visits: one row per site opened, from an operator's DNS or proxy logs or an app's in-app "
    "browser.", "event",
    (
        _f("visit_id", S, "visit id", check=ID),
        _f("ts", TIMESTAMP, "when the site was opened"),
        _f("msisdn", S, "subscriber whose mobile data session opened it (operator logs; null from an app)",
           null=True, check=E164),
        _f("device_id", S, "device fingerprint of the app that opened it (in-app browser; null from operator logs)",
           null=True),
        _f("url", S, "the URL as logged: scheme and host only under HTTPS from operator logs, the full URL otherwise",
           check=TEXT),
        _f("domain", S, "registrable domain of the host", check=TEXT),
        _f("source", S, "where the visit was logged", check=one_of(VisitSource)),
    ),
    key=("visit_id",),
    time_field="ts",
)
