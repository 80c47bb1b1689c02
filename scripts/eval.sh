#!/usr/bin/env bash
# Runs every evaluation of newsquotes and prints one summary table at the end.
#
#   scripts/eval.sh            # from anywhere; works in a fresh clone (samples only)
#   scripts/eval.sh --json     # one JSON report instead of tables
#
# Always scored: tests/samples (quotes, entities, sentences). Scored when ../shared/data is
# present, else reported as skipped: PolNeAR dev (quotes), CoNLL-2003 dev and UNER EWT dev (ner),
# UD EWT documents (sentences, with the sentencex baseline), the article benchmark (ingest, per
# HTML extractor). See docs/EVALUATION.md.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q -p newsquotes-cli --bin newsquotes
target_dir="${CARGO_TARGET_DIR:-target}"
exec "$target_dir/release/newsquotes" eval all "$@"
