"""The service's policies from the settings: the tiers and floors of its decisions, and the victim-risk tiers."""

from __future__ import annotations

from scamnet.core.enums import Action
from scamnet.core.settings import Settings
from scamnet.online.decider import Policy
from scamnet.online.dissuasion import VictimPolicy
from scamnet.service.alerts import tier_lines, tier_on


def victim_policy(settings: Settings) -> VictimPolicy:
    """The victim-risk tiers of the settings ``victim_risk_*`` and ``victim_exposure_alert``."""
    return VictimPolicy(settings.victim_risk_high, settings.victim_risk_medium, settings.victim_risk_low,
                        settings.victim_exposure_alert)


def decision_policy(settings: Settings) -> Policy:
    """Tiers as the alerts' (settings ``tier_*``); each action's floor score is the tier it belongs to."""
    floors = {Action.ALLOW: 0.0, Action.WARN: settings.tier_medium, Action.HOLD: settings.tier_high,
              Action.BLOCK: settings.tier_critical}
    lines = tier_lines(settings)  # read once: a setting's read costs more than the test
    return Policy(lambda score: tier_on(score, lines).value, floors, block_score=settings.tier_high)
