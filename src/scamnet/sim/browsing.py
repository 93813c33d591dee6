"""Web visits as an operator's web proxy logs them: honest people on the long tail of the web, victims on scam sites.

The export (``link_visits``) leaves out the most popular domains, so what it holds is the long tail:
small shops, car dealers, clinics, estate agents, local news (``traffic.web_visits_per_person_day``).
Victims open the links the gangs sent them (``victims.link_open_share``, in ``victims.py``), and honest
buyers open their seller's site (``lookalikes.py``): a visit is no sign by itself, a visit to a site
the detectors or the watchlist know as a scam's is.

The proxy sees the host only under HTTPS (``https://host/``) and the whole URL over plain HTTP.

>>> logged_url("https://icbc-verify.top/a7k"), logged_url("http://icbc-verify.top/a7k")
('https://icbc-verify.top/', 'http://icbc-verify.top/a7k')
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import pyarrow as pa

from scamnet.core.enums import VisitSource
from scamnet.schema.entities import registrable_domain
from scamnet.sim import events
from scamnet.sim.setup import Setup
from scamnet.sim.social import times_in_day

_TOWNS = ("bj", "sh", "gz", "sz", "hz", "cd", "wuhan", "nanjing", "xian", "suzhou", "tianjin", "qingdao", "xiamen",
          "kunming", "changsha", "hefei", "jinan", "dalian", "ningbo", "fuzhou")
_TRADES = ("auto", "motors", "car", "4s", "shop", "mall", "mart", "store", "food", "cafe", "kitchen", "clinic",
           "dental", "health", "home", "realty", "estate", "school", "edu", "learn", "news", "daily", "travel",
           "hotel", "flower", "pet", "sport", "tea", "wine", "baby")
#: Trades a big purchase is made in: the car dealer's, the estate agent's, the school's site.
SELLER_TRADES = ("auto", "motors", "car", "4s", "home", "realty", "estate", "school", "edu")
_TLDS = ("com", "cn", "com.cn", "net")
SITES = 3000


def logged_url(url: str) -> str:
    """The URL as an operator's proxy logs it: scheme and host only under HTTPS."""
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0]}/" if scheme == "https" else url


@lru_cache(maxsize=8)
def honest_sites(seed: int, trades: tuple[str, ...] = _TRADES) -> tuple[str, ...]:
    """The honest long-tail sites of a world (``https://host/`` or ``http://host/path``), the same every day."""
    rng = np.random.default_rng([seed, 4242])
    sites = []
    for _ in range(SITES):
        host = f"{rng.choice(_TOWNS)}{rng.choice(trades)}{int(rng.integers(1, 99)) if rng.random() < 0.5 else ''}"
        host = f"{'www.' if rng.random() < 0.5 else ''}{host}.{rng.choice(_TLDS)}"
        sites.append(f"https://{host}/" if rng.random() < 0.8 else f"http://{host}/p/{int(rng.integers(1, 999))}")
    return tuple(dict.fromkeys(sites))


def visits(setup: Setup, ids: events.Ids, ts_us: np.ndarray, person: np.ndarray, urls: Sequence[str]) -> pa.Table:
    """Visits by ``person`` (rows of the population) to ``urls`` at ``ts_us``, from their main number, as the proxy logs them."""
    logged = [logged_url(u) for u in urls]
    return events.link_visits(ids, np.asarray(ts_us, dtype=np.int64), setup.number_of(np.asarray(person)), logged,
                              [registrable_domain(u) for u in logged], VisitSource.PROXY.value)


def honest_visits(setup: Setup, day: int) -> list[pa.Table]:
    """Today's visits of honest people to the long tail of honest sites (``traffic.web_visits_per_person_day``)."""
    rate = setup.scenario.traffic.web_visits_per_person_day
    if rate <= 0:
        return []
    rng = setup.rng(day, "web")
    n = int(rng.poisson(setup.people.size * rate * setup.weekday_factor(day)))
    sites = honest_sites(setup.seed)
    person = rng.integers(0, setup.people.size, n)
    ts = times_in_day(rng, n, setup.day_us(day), setup.scenario.world.utc_offset_hours)
    return [visits(setup, setup.ids(day, "web", 0), ts, person, [sites[i] for i in rng.integers(0, len(sites), n)])]


def seller_site(rng: np.random.Generator, seed: int) -> str:
    """A site an honest seller of something big has: a car dealer, an estate agent, a school."""
    return str(rng.choice(honest_sites(seed, SELLER_TRADES)))
