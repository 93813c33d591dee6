"""The world simulator: labelled multi-channel telecom-fraud worlds."""
