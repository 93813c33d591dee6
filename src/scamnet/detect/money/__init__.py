"""Money detectors: ``mule`` (accounts that pass scam money on)."""

from scamnet.detect.money.mule import MuleDetector

__all__ = ["MuleDetector"]
