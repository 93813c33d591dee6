"""Features: named SQL queries over the canonical tables, and the runner that executes them."""

from scamnet.features.data import Data

__all__ = ["Data"]
