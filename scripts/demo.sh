#!/usr/bin/env bash
# scamnet's main job on the embedded default: simulate the demo world, ingest it, run every
# detector, the fund traces and the gang discovery, and write the investigation report.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/scamnet demo "$@"
