#!/usr/bin/env bash
# Run scamnet's whole test suite, installing whatever it needs first.
# Extra arguments go to pytest (e.g. scripts/test.sh -k ingest).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
echo "== import layers (DESIGN.md)"
.venv/bin/lint-imports --config pyproject.toml
echo "== lint"
.venv/bin/ruff check src tests bench
echo "== tests"
.venv/bin/python -m pytest -q "$@"
