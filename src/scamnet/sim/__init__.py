"""The world simulator: labelled multi-channel telecom-fraud worlds.

``simulate(scenario, seed, people, days)`` builds a world in memory; ``simulate_to(out_dir, ...)``
writes one day by day. See docs/simulator.md for the typology and every knob.
"""

from scamnet.sim.scenario import Scenario, load_scenario
from scamnet.sim.world import Generated, World, simulate, simulate_to

__all__ = ["Generated", "Scenario", "World", "load_scenario", "simulate", "simulate_to"]
