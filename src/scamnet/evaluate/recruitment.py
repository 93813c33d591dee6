"""Recall and false alarms of the recruitment scam types, and what judging messages in context changes.

- **Texts**: ``per_type`` renderings per recruitment type and language of the simulator's scripts,
  with a seed the shipped model's simulator corpus does not use (``TEXT_SEED``), scored at the
  shipped threshold: recall, and the share given the right type (the model's, or the recruitment
  cues' when the model names another). Hard negatives: every distinct genuine job advert and
  card-renting warning of a world's pools: the share flagged.
- **World**: a simulated world run through ``scamnet run`` in a temporary store: ``scam_text``
  recall on the labelled scam messages and the share of unlabelled messages flagged, by the text
  alone and as stored (in context); the mule alerts on true mules that name a recruitment offer,
  and alerts on other accounts that do (false reasons).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import numpy as np

from scamnet.core.clock import Clock
from scamnet.core.enums import RECRUITMENT_TYPES
from scamnet.core.settings import Settings
from scamnet.detect.content.text.scam_text import ScamTextDetector, assess_texts, text_model
from scamnet.detect.money.recruited import recruitment_type
from scamnet.features.data import Data
from scamnet.service.ingest import ingest_files, world_files
from scamnet.service.run import run_all
from scamnet.sim.scripts import render_script
from scamnet.sim.texts import text_pools
from scamnet.store import open_store
from scamnet.store.alerts import top_alerts
from scamnet.store.labels import labelled_entities

TEXT_SEED = 2027
MULE_ROLES = ["mule_l1", "mule_l2", "mule_l3", "cashout"]


def recruitment_text_figures(model_path: Path | None = None, per_type: int = 300, seed: int = TEXT_SEED) -> dict[str, Any]:
    """Per recruitment type and language: recall and right type; per hard-negative kind: share flagged."""
    model = text_model(model_path)
    rng = np.random.default_rng([seed, 31])
    figures: dict[str, Any] = {}
    for scam_type in sorted(RECRUITMENT_TYPES):
        for english in (False, True):
            texts = [render_script(scam_type.value, rng, english=english) for _ in range(per_type)]
            judged = assess_texts(texts, model)
            flagged = [j for j in judged if j.is_scam]
            figures[f"{scam_type.value}/{'en' if english else 'zh'}"] = {
                "texts": len(texts), "recall": round(len(flagged) / len(texts), 3),
                "typed_right": round(sum(recruitment_type(j) is scam_type for j in flagged) / max(1, len(flagged)), 3)}
    pools = text_pools(seed)
    for kind in ("job_advert", "card_warning"):
        texts = sorted(set(pools.texts[kind].to_pylist()))
        judged = assess_texts(texts, model)
        figures[f"legitimate {kind}"] = {"texts": len(texts), "flagged": round(sum(j.is_scam for j in judged) / len(texts), 4)}
    return figures


def world_figures(world_dir: Path, settings: Settings, clock: Clock) -> dict[str, Any]:
    """``scam_text`` by the text alone and in context, and recruitment reasons on mule alerts, on one world."""
    world = Data.from_dir(world_dir)
    scams = labelled_entities(world, ["scam_message"])
    mules = labelled_entities(world, MULE_ROLES)
    model_path = Path(settings.text_model) if settings.text_model else None
    alone = ScamTextDetector(seed=settings.seed, model_path=model_path).fit(world).score(world).to_pydict()
    text_alone = dict(zip(alone["entity"], alone["score"], strict=True))
    with tempfile.TemporaryDirectory(prefix="scamnet-recruitment-") as tmp:
        db = Path(tmp) / "scamnet.db"
        ingest_files(world_files(world_dir), db, settings)
        run_all(db, settings, clock)
        with open_store(db) as store:
            in_context = {a.entity: a.score for a in top_alerts(store, 10**9, "scam_text")}
            mule_alerts = top_alerts(store, 10**9, "mule")
    legit = text_alone.keys() - scams
    recruited = [a for a in mule_alerts if any(r.startswith("holder received") for r in a.reasons)]
    return {
        "messages": len(text_alone), "scam_messages": len(scams & text_alone.keys()),
        "text alone": _flags({e for e, s in text_alone.items() if s >= 0.5}, scams, legit),
        "in context": _flags(set(in_context), scams, legit),
        "mule alerts": len(mule_alerts), "on true mules": sum(a.entity in mules for a in mule_alerts),
        "true-mule alerts naming a recruitment offer": sum(a.entity in mules for a in recruited),
        "other alerts naming a recruitment offer": sum(a.entity not in mules for a in recruited),
    }


def _flags(flagged: set[str], scams: set[str], legit: set[str]) -> dict[str, float]:
    return {"recall": round(len(flagged & scams) / max(1, len(scams)), 4),
            "legitimate flagged": round(len(flagged & legit) / max(1, len(legit)), 5)}
