#!/usr/bin/env bash
# Builds the cargo-fuzz (libFuzzer) targets in fuzz/ and runs each for a given time, one after the
# other, then prints executions, coverage and crashes per target.
#
#   scripts/fuzz.sh                      # every target, 10 minutes each
#   scripts/fuzz.sh 60                   # every target, 60 s each (a smoke test)
#   scripts/fuzz.sh 3600 pipeline segment
#   FUZZ_SANITIZER=address scripts/fuzz.sh 600 ingest_html
#
# Targets: ingest_text ingest_html ingest_jsonl segment attribution pipeline (see fuzz/fuzz_targets).
#
# Toolchain: cargo-fuzz passes nightly-only flags to rustc. On a stable toolchain,
# RUSTC_BOOTSTRAP=1 makes rustc accept them; that is all this script needs (cargo install
# cargo-fuzz once). The default sanitizer is `none`: our crates forbid `unsafe`, and without
# AddressSanitizer the targets run about twice as fast; set FUZZ_SANITIZER=address for a round
# with it. Builds are release builds with debug assertions and overflow checks (cargo-fuzz's
# default), in fuzz/target.
#
# Corpora grow in fuzz/corpus/<target> (not committed), starting from the seeds in
# fuzz/seeds/<target>. A crash leaves its input in fuzz/artifacts/<target>/; minimise it with
#   RUSTC_BOOTSTRAP=1 cargo fuzz tmin -s none <target> fuzz/artifacts/<target>/crash-...
# (from fuzz/), then copy the minimised input to fuzz/regressions/<target>/ so that
# `cargo test -p newsquotes-tests --test e2e fuzz_regressions` replays it forever.
#
# Runs at nice 10, one target at a time; logs in fuzz/logs/<target>.log. Exit status 1 if any
# target crashed.
set -euo pipefail

SECONDS_PER_TARGET=${1:-600}
shift || true
ALL=(ingest_text ingest_html ingest_jsonl segment attribution pipeline)
if [ $# -gt 0 ]; then TARGETS=("$@"); else TARGETS=("${ALL[@]}"); fi
SANITIZER=${FUZZ_SANITIZER:-none}
MAX_LEN=${FUZZ_MAX_LEN:-65536}

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT/fuzz"
export RUSTC_BOOTSTRAP=1
unset CARGO_TARGET_DIR # cargo-fuzz builds in fuzz/target

echo "== building ${#TARGETS[@]} fuzz targets (sanitizer: $SANITIZER)" >&2
nice -n 10 cargo fuzz build -s "$SANITIZER" >&2

mkdir -p logs
crashed=()
printf '%-14s %8s %12s %10s %8s %8s %s\n' target seconds executions exec/s cov corpus result
for t in "${TARGETS[@]}"; do
    mkdir -p "corpus/$t" "artifacts/$t"
    log="logs/$t.log"
    status=ok
    # -timeout: one input taking over 30 s is a hang; -rss_limit_mb: memory blow-up is a crash.
    if ! nice -n 10 cargo fuzz run -s "$SANITIZER" "$t" "corpus/$t" "seeds/$t" -- \
        -max_total_time="$SECONDS_PER_TARGET" -max_len="$MAX_LEN" -timeout=30 \
        -rss_limit_mb=4096 -print_final_stats=1 >"$log" 2>&1; then
        status="CRASH (see $log and fuzz/artifacts/$t)"
        crashed+=("$t")
    fi
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
    rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*')
    corpus=$(find "corpus/$t" -type f | wc -l)
    printf '%-14s %8s %12s %10s %8s %8s %s\n' "$t" "$SECONDS_PER_TARGET" "${execs:-?}" "${rate:-?}" \
        "${cov:-?}" "$corpus" "$status"
done
if [ ${#crashed[@]} -gt 0 ]; then
    echo "crashed: ${crashed[*]}" >&2
    exit 1
fi
