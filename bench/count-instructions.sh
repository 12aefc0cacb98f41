#!/usr/bin/env bash
# Instructions per decision, counted by valgrind's callgrind (repeatable whatever else the machine
# does, unlike rates and CPU times on a shared VM). Runs bench/instructions.ts twice under
# callgrind, with 100 and 1,100 measured decisions after the same 300 warm-up ones, and prints
# (I(1,100) - I(100)) / 1,000. Needs valgrind and the pw_bench data (npm run bench:generate); takes
# about five minutes (`send`) to fifteen (`http`).
#   bench/count-instructions.sh [send|declarations|http]   (default send: the runner's send)
# DIR=<a bench build> counts another build (a worktree's, for before/after).
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-send}"
dir="${DIR:-node_modules/.cache/probation-workflow-bench}"
if [ -z "${DIR:-}" ]; then npm run bench:build --silent; fi
count() {
  # --single-threaded: V8 compiles and collects on this thread, so its work is counted the same way each run.
  valgrind --tool=callgrind --smc-check=all-non-file --callgrind-out-file=/dev/null \
    node --single-threaded "$dir/bench/instructions.js" 300 "$1" "$mode" 2>&1 | sed -n 's/.*I *refs: *//p' | tr -d ','
}
small=$(count 100)
large=$(count 1100)
echo "$mode: instructions per decision: $(( (large - small) / 1000 )) (I(100) = $small, I(1100) = $large)"
