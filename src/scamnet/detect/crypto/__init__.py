"""Virtual-currency detectors: ``wallet_risk`` (wallets that launder scam proceeds on chain)."""

from scamnet.detect.crypto.wallet_risk import WalletRiskDetector

__all__ = ["WalletRiskDetector"]
