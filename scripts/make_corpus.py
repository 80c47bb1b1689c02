#!/usr/bin/env python3
"""Build a JSONL benchmark corpus of plain-text news articles.

Sources, in order of preference: ../shared/data/polnear/{train,dev}/text/*.txt (read at run time,
never copied into the repository), else our own tests/samples/*.txt and examples/*.txt.
The articles are repeated with fresh ids until the corpus reaches --mb megabytes.

usage: make_corpus.py OUT.jsonl [--mb N] [--own-only]
"""
import argparse
import glob
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def sources(own_only):
    shared = os.path.join(ROOT, "..", "shared", "data", "polnear")
    files = []
    if not own_only:
        files = sorted(glob.glob(os.path.join(shared, "train", "text", "*.txt")))
        files += sorted(glob.glob(os.path.join(shared, "dev", "text", "*.txt")))
    label = "PolNeAR train+dev texts (../shared)"
    if not files:
        files = sorted(glob.glob(os.path.join(ROOT, "tests", "samples", "*.txt")))
        files += sorted(glob.glob(os.path.join(ROOT, "examples", "*.txt")))
        label = "our own tests/samples + examples"
    return label, files


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--mb", type=float, default=5.0)
    ap.add_argument("--own-only", action="store_true")
    a = ap.parse_args()
    label, files = sources(a.own_only)
    if not files:
        sys.exit("no source texts found")
    texts = [open(f, encoding="utf-8").read() for f in files]
    target = int(a.mb * 1024 * 1024)
    size = 0
    n = 0
    with open(a.out, "w", encoding="utf-8") as out:
        while size < target:
            t = texts[n % len(texts)]
            line = json.dumps({"id": f"doc{n:07d}", "text": t}, ensure_ascii=False) + "\n"
            out.write(line)
            size += len(line.encode("utf-8"))
            n += 1
    print(f"{a.out}: {n} documents, {size / 1e6:.1f} MB, from {len(files)} files of {label}", file=sys.stderr)


if __name__ == "__main__":
    main()
