"""scamnet: an open platform against telecom and internet fraud."""

__version__ = "0.1.0"
