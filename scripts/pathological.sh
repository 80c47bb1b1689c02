#!/usr/bin/env bash
# Bounded cost on pathological inputs: runs the release binary on each input at two sizes and
# reports wall time, peak RSS and the growth ratios (size ×2 should give time ≈ ×2 and memory
# ≲ ×2: linear, no blow-up). A benchmark, not a test: nothing here is timed in `cargo test`.
#
#   scripts/pathological.sh            # every case (a few minutes on 1 core)
#   scripts/pathological.sh quotes     # cases whose name contains "quotes"
#   PATHOLOGICAL_ARGS="--attributions all" scripts/pathological.sh   # extra options for every run
#
# Cases (all text generated here, ASCII words and quotation marks):
#   line-25mb / line-50mb        one line of words, no newline (over the default 20 MB limit: run
#                                with --max-bytes 100000000 to process it)
#   line-50mb-default-limit      the 50 MB line with the default limit: refused with a clear error
#   html-nested-50k / -100k      <div> nested 50,000 / 100,000 deep around a paragraph
#   html-wide-10k / -20k         an article of 10,000 / 20,000 short paragraphs (0.6 / 1.1 MB)
#   quotes-10k / -20k            10,000 / 20,000 unbalanced quotation marks of mixed styles
#   paragraph-500k / -1m-words   one paragraph of 500,000 / 1,000,000 words, sentences but no line break
#   sentence-500k / -1m-words    one "sentence" of 500,000 / 1,000,000 words, no punctuation at all
#   open-quote-250k / -500k      one paragraph of 250,000 / 500,000 words opened by a quotation mark
#                                that never closes, every sentence ending ", said Ann."
#   gzip-bomb-text / -jsonl-line 290 KB of gzip that inflates to 200 MB (one text, one JSONL line):
#                                refused by the size limit after reading just past it
#
# The binary is target/release/newsquotes (built here with `cargo build --release`; set
# NEWSQUOTES_BIN to use another). Work files go to ${PATHOLOGICAL_DIR:-target/pathological}.
set -euo pipefail
cd "$(dirname "$0")/.."
work=${PATHOLOGICAL_DIR:-target/pathological}
mkdir -p "$work"
if [ -z "${NEWSQUOTES_BIN:-}" ]; then
  cargo build --release -q -p newsquotes-cli
  NEWSQUOTES_BIN=${CARGO_TARGET_DIR:-target}/release/newsquotes
fi
bin=$NEWSQUOTES_BIN
filter=${1:-}

python3 - "$work" <<'PY'
import os, sys, random
work = sys.argv[1]
rng = random.Random(7)
words = ("the mayor said council harbour workers strike would end soon according to union "
         "officials who met on friday after talks broke down again and again").split()

def wordstream(n, punct):
    out = []
    for i in range(n):
        w = words[rng.randrange(len(words))]
        if punct and i % 17 == 16:
            w += "."
        out.append(w)
    return " ".join(out)

def write(name, data):
    path = os.path.join(work, name)
    if not os.path.exists(path):
        with open(path, "w", encoding="utf-8") as f:
            f.write(data)

def line(mb):
    s = wordstream(mb * 1024 * 1024 // 4, True)
    return s[: mb * 1024 * 1024]

write("line-25mb.txt", line(25))
write("line-50mb.txt", line(50))
for n, name in [(50_000, "html-nested-50k.html"), (100_000, "html-nested-100k.html")]:
    write(name, "<!DOCTYPE html><html><head><title>Deep</title></head><body>" + "<div>" * n
          + "<p>“We went all the way down,” the diver said on Friday.</p>" + "</div>" * n
          + "</body></html>\n")
for n, name in [(10_000, "html-wide-10k.html"), (20_000, "html-wide-20k.html")]:
    write(name, "<!DOCTYPE html><html><head><title>Wide</title></head><body><article>"
          + "".join(f"<p>“Point {i} stands,” the mayor said on Friday.</p>" for i in range(n))
          + "</article></body></html>\n")
marks = ["“", "”", "\"", "‘", "’", "«", "»", "„", "'"]
for n, name in [(10_000, "quotes-10k.txt"), (20_000, "quotes-20k.txt")]:
    parts = []
    for i in range(n):
        parts.append(marks[(i * 7 + i // 13) % len(marks)])
        parts.append(" said Hugh. " if i % 5 == 0 else "word ")
    write(name, "".join(parts))
import gzip
bomb = os.path.join(work, "bomb-200mb.txt.gz")
if not os.path.exists(bomb):
    with gzip.open(bomb, "wb", compresslevel=9) as f:
        for _ in range(200):
            f.write(b"word " * 200_000)
    import shutil
    shutil.copy(bomb, os.path.join(work, "bomb-200mb.jsonl.gz"))
write("paragraph-500k-words.txt", wordstream(500_000, True) + ".\n")
write("paragraph-1m-words.txt", wordstream(1_000_000, True) + ".\n")
write("sentence-500k-words.txt", wordstream(500_000, False) + "\n")
write("sentence-1m-words.txt", wordstream(1_000_000, False) + "\n")
for n, name in [(250_000, "open-quote-250k-words.txt"), (500_000, "open-quote-500k-words.txt")]:
    write(name, "“" + " ".join(wordstream(14, False) + ", said Ann." for _ in range(n // 16)) + "\n")
PY

results="$work/results.tsv"
: > "$results"
measure() { # name file [extra args...]
  local name=$1 file=$2
  shift 2
  if [ -n "$filter" ] && [[ $name != *$filter* ]]; then return; fi
  local code=0
  /usr/bin/time -f '%e %M' -o "$work/time.txt" \
    "$bin" run "$work/$file" --format jsonl -j 1 -o "$work/out.jsonl" --errors "$work/errors.jsonl" \
    ${PATHOLOGICAL_ARGS:-} "$@" 2> "$work/stderr.txt" || code=$?
  # GNU time writes "Command exited with non-zero status N" first when the exit code is not 0.
  read -r secs rss_kb < <(tail -1 "$work/time.txt")
  local size words outcome
  size=$(stat -c %s "$work/$file")
  words=$(grep -o '; [0-9]* words in' "$work/stderr.txt" | grep -o '[0-9]*' || echo 0)
  if [ "$code" = 0 ]; then
    outcome="processed"
  else
    outcome="exit $code: $(grep -o '"reason":"[^"]*"' "$work/errors.jsonl" 2>/dev/null | head -1 || true)"
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$size" "$words" "$secs" "$rss_kb" "$outcome" >> "$results"
  printf '%-26s %10.1f MB %9s words %8.2f s %8.1f MB RSS  %s\n' "$name" \
    "$(echo "$size / 1048576" | bc -l)" "$words" "$secs" "$(echo "$rss_kb / 1024" | bc -l)" "$outcome"
}

echo "== $("$bin" --version 2>/dev/null || echo newsquotes) on $(nproc) cores, -j 1"
measure line-50mb-default-limit line-50mb.txt
measure line-25mb line-25mb.txt --max-bytes 100000000
measure line-50mb line-50mb.txt --max-bytes 100000000
measure gzip-bomb-text bomb-200mb.txt.gz
measure gzip-bomb-jsonl-line bomb-200mb.jsonl.gz
measure html-nested-50k html-nested-50k.html
measure html-nested-100k html-nested-100k.html
measure html-wide-10k html-wide-10k.html
measure html-wide-20k html-wide-20k.html
measure quotes-10k quotes-10k.txt
measure quotes-20k quotes-20k.txt
measure paragraph-500k-words paragraph-500k-words.txt
measure paragraph-1m-words paragraph-1m-words.txt
measure sentence-500k-words sentence-500k-words.txt
measure sentence-1m-words sentence-1m-words.txt
measure open-quote-250k-words open-quote-250k-words.txt
measure open-quote-500k-words open-quote-500k-words.txt

echo "== scaling (size ×2): time ratio, peak-RSS ratio; linear is about 2.0 / at most 2.0"
python3 - "$results" <<'PY'
import sys
rows = {}
for line in open(sys.argv[1]):
    name, size, words, secs, rss, outcome = line.rstrip("\n").split("\t")
    rows[name] = (int(size), float(secs), int(rss))
pairs = [("line-25mb", "line-50mb"), ("html-nested-50k", "html-nested-100k"),
         ("html-wide-10k", "html-wide-20k"),
         ("quotes-10k", "quotes-20k"), ("paragraph-500k-words", "paragraph-1m-words"),
         ("sentence-500k-words", "sentence-1m-words"),
         ("open-quote-250k-words", "open-quote-500k-words")]
for small, big in pairs:
    if small in rows and big in rows:
        (s1, t1, r1), (s2, t2, r2) = rows[small], rows[big]
        print(f"{big:<22} size ×{s2 / s1:.2f}  time ×{t2 / max(t1, 0.01):.2f}  peak RSS ×{r2 / r1:.2f}")
PY
