#!/usr/bin/env bash
# Trains the default NER model (models/ner/ner-conll-en.bin) on CoNLL-2003 English.
#
#   scripts/train-ner.sh                                   # the shipped model
#   OUT=/tmp/ablation.bin scripts/train-ner.sh --no-clusters   # extra flags go to `newsquotes train ner`
#   SEED=2 OUT=/tmp/seed2.bin scripts/train-ner.sh
#
# Needs ../shared/data/conll2003 (not part of the repository; research-only Reuters text).
# The word-cluster table models/ner/word-clusters.tsv.gz comes from scripts/word-clusters.py.
# Deterministic: same data, seed and flags give the same model file. About 30 s on one core.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=../shared/data
if [[ ! -f $DATA/conll2003/conll2003_train.iob2 ]]; then
    echo "train-ner: $DATA/conll2003 not found; nothing to do" >&2
    exit 0
fi
EVAL=()
if [[ -f $DATA/uner_en_ewt/uner_en_ewt_dev.iob2 ]]; then
    EVAL=(--eval "$DATA/uner_en_ewt/uner_en_ewt_dev.iob2")
fi
cargo build --release -q -p newsquotes-cli
exec "${CARGO_TARGET_DIR:-target}/release/newsquotes" train ner \
    --train "$DATA/conll2003/conll2003_train.iob2" \
    --dev "$DATA/conll2003/conll2003_dev.iob2" \
    --clusters models/ner/word-clusters.tsv.gz \
    --epochs 15 --seed "${SEED:-1}" \
    -o "${OUT:-models/ner/ner-conll-en.bin}" \
    "${EVAL[@]}" "$@"
