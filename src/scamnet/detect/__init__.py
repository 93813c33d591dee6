"""Detectors: telecom, money, content and web, all behind one contract (``detect.base``)."""
