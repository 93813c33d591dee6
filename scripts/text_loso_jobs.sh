#!/usr/bin/env bash
# The leave-one-source-out rows of `scamnet bench text` over several seeds, one process per (source left out, seed):
# each trainable source left out in its own job, and one job per seed for the evaluation-only sources (scored by the
# model trained on every trainable source, the shipped recipe). Every job writes its own JSON into OUT.
#
#   scripts/text_loso_jobs.sh DATASETS OUT SEEDS [REPEATS] [JOBS]
#   scripts/text_loso_jobs.sh ../shared/datasets /tmp/loso 0,1,2 3 16
#
# SEEDS: comma-separated; REPEATS: --out-of-fold-repeats (default 1, the shipped recipe); JOBS: processes at once
# (default: the cores). SCAMNET: the command to run (default: `python -m scamnet` of this checkout's .venv).
set -euo pipefail
datasets=$1 out=$2 seeds=$3 repeats=${4:-1} jobs=${5:-$(nproc)}
here=$(cd "$(dirname "$0")/.." && pwd)
scamnet=${SCAMNET:-"$here/.venv/bin/python -m scamnet"}
mkdir -p "$out"
for seed in ${seeds//,/ }; do
  for only in uci mendeley thai sim zh_project en_project super,zh; do
    echo "$seed ${only}"
  done
done | OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 xargs -P "$jobs" -L 1 sh -c \
  "$scamnet bench text --datasets '$datasets' --only \"\$1\" --seed \"\$0\" --loso-only --no-in-source \
   --out-of-fold-repeats $repeats --json '$out'/loso_seed\"\$0\"_\$(echo \"\$1\" | tr , _).json > '$out'/loso_seed\"\$0\"_\$(echo \"\$1\" | tr , _).log 2>&1 \
   && echo \"done seed \$0 \$1\" || echo \"FAILED seed \$0 \$1\""
