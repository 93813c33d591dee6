"""Simulator text for the message model: the legitimate notices and the scam scripts of ``scamnet.sim``.

The simulator's templates were written for scamnet, so training on them is licence-clean. They
teach the model the short-code notices every phone receives (one-time codes, bank debits,
parcels, shop coupons with links, job adverts, the banks' warnings against renting out cards) —
which the public SMS sets hold few of — next to the gangs' scripts in Chinese and English with
their obfuscation and lookalike links, the recruitment scripts (jobs abroad, card renting) among them. A world simulated
later renders the same templates, so figures measured on simulated worlds are in-distribution
for this part of the training data; the public-data figures of ``scamnet bench text`` are not.
"""

from __future__ import annotations

import numpy as np

from scamnet.core.enums import ScamType
from scamnet.detect.content.text.model import HAM
from scamnet.sim.catalogue import CATALOGUE
from scamnet.sim.gangs import lookalike_urls
from scamnet.sim.scripts import SCRIPTS_ZH, render_script
from scamnet.sim.texts import text_pools


def simulator_corpus(seed: int, per_type: int = 150) -> tuple[list[str], list[str]]:
    """``(texts, labels)``: every distinct legitimate text of one world's pools, ``per_type`` scripts per type and language."""
    ham = sorted({text for pool in text_pools(seed).texts.values() for text in pool.to_pylist()})
    rng = np.random.default_rng([seed, 4117])
    scams, kinds = [], []
    for scam_type in sorted(SCRIPTS_ZH):
        # recruitment scripts carry no link (they move the talk to a chat app): no brand to imitate
        urls = lookalike_urls(rng, ScamType(scam_type)) if ScamType(scam_type) in CATALOGUE else [""]
        for index in range(2 * per_type):
            scams.append(render_script(scam_type, rng, english=index % 2 == 1, url=urls[index % len(urls)]))
            kinds.append(scam_type)
    return ham + scams, [HAM] * len(ham) + kinds
