#!/usr/bin/env bash
# Run scamnet's whole test suite, installing whatever it needs first.
# Extra arguments go to pytest (e.g. scripts/test.sh -k ingest).
set -euo pipefail
cd "$(dirname "$0")/.."
# Chromium (Debian's) and a CJK font for the browser tests; Redis for the scale-out tests; Java for
# the Spark parity tests (tests/engines).
bash scripts/setup.sh --system chromium fonts-wqy-microhei redis-server openjdk-17-jre-headless
echo "== import layers (DESIGN.md)"
.venv/bin/lint-imports pyproject.toml
echo "== types (mypy, on the floors listed in pyproject.toml)"
.venv/bin/mypy
echo "== lint"
.venv/bin/ruff check src tests bench
echo "== tests"
.venv/bin/python -m pytest -q -n 2 "$@"
