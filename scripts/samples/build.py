#!/usr/bin/env python3
"""Compile the labeled-sample sources into plain text and schema-v1 gold JSON.

Reads every ``tests/samples/src/<name>.annot`` and writes ``tests/samples/<name>.txt`` (the
article, markup removed) and ``tests/samples/<name>.gold.json`` (code-point offsets, end
exclusive). Standard library only. The authoring format is described in tests/samples/README.md.

Usage:
    python3 scripts/samples/build.py            # rebuild everything
    python3 scripts/samples/build.py NAME...    # rebuild some samples
    python3 scripts/samples/build.py --check    # fail if a generated file is stale
    python3 scripts/samples/build.py --show NAME  # print sentences, entities and quotes for review
"""

import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SAMPLES = os.path.join(ROOT, "tests", "samples")
SRC = os.path.join(SAMPLES, "src")

OPEN, CLOSE = "\u27e6", "\u27e7"  # ⟦ ⟧
ENTITY_LABELS = {"PER", "ORG", "LOC", "MISC"}
QUOTE_TYPES = {"direct", "indirect", "mixed"}
SPEAKER_LABELS = {"PER", "ORG"}
GENDERS = {"female", "male", "unknown", "neuter"}
BOILERPLATE_KINDS = {
    "newsletter", "comments", "account", "campaign", "share", "caption", "navigation", "header",
    "other",
}

# Tokens that end with a period without ending a sentence.
ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "st", "gen", "col", "lt", "capt", "sgt", "maj", "rev", "sen",
    "rep", "gov", "jr", "sr", "inc", "ltd", "co", "corp", "no", "vs", "etc", "cllr", "supt", "insp",
    "det", "cpl", "pte", "adm", "brig", "a.m", "p.m", "u.s", "u.k", "e.g", "i.e", "jan", "feb",
    "mar", "apr", "aug", "sept", "sep", "oct", "nov", "dec", "approx", "fig", "mt",
}
CLOSERS = "\u201d\u2019\"')]\u00bb"  # ” ’ " ' ) ] »
OPENERS = "\u201c\u2018\"'(\u00ab\u201e\u201a["  # “ ‘ " ' ( « „ ‚ [


class SourceError(Exception):
    pass


def parse_header(lines, name):
    speakers, speaker_index, quotes = [], {}, {}
    for raw in lines:
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("sp "):
            parts = [p.strip() for p in line[3:].split("|")]
            if len(parts) != 4:
                raise SourceError(f"{name}: bad speaker line: {raw!r}")
            key, sname, label, gender = parts
            if key in speaker_index:
                raise SourceError(f"{name}: duplicate speaker key {key}")
            if label not in SPEAKER_LABELS or gender not in GENDERS:
                raise SourceError(f"{name}: bad label/gender in {raw!r}")
            speaker_index[key] = len(speakers)
            speakers.append({"id": len(speakers), "name": sname, "label": label, "gender": gender})
        elif line.startswith("q "):
            parts = line[2:].split(None, 3)
            if len(parts) < 3:
                raise SourceError(f"{name}: bad quote line: {raw!r}")
            num, qtype, skey = parts[0], parts[1], parts[2]
            note = parts[3].strip() if len(parts) > 3 else None
            if qtype not in QUOTE_TYPES:
                raise SourceError(f"{name}: bad quote type in {raw!r}")
            if num in quotes:
                raise SourceError(f"{name}: duplicate quote number {num}")
            if skey != "-" and skey not in speaker_index:
                raise SourceError(f"{name}: unknown speaker key {skey}")
            quotes[num] = {"type": qtype, "speaker_key": skey, "note": note}
        else:
            raise SourceError(f"{name}: unknown header line: {raw!r}")
    return speakers, speaker_index, quotes


def parse_body(body, name):
    """Strip the markup; return text, spans [(tag, start, end)], marks {pos: kind}, bp lines."""
    out = []
    spans = []
    stack = []  # (tag, start)
    breaks = {}  # position -> "break" | "nobreak"
    bp_positions = []  # (position, kind)
    i = 0
    n = len(body)
    while i < n:
        ch = body[i]
        if ch == OPEN:
            j = i + 1
            m = re.match(r"([A-Za-z]+[0-9]*|\||-)(:)?", body[j:])
            if not m:
                raise SourceError(f"{name}: bad markup at {body[i:i+30]!r}")
            tag = m.group(1)
            pos = len(out)
            if tag == "|":
                if body[j + 1] != CLOSE:
                    raise SourceError(f"{name}: bad break mark at {body[i:i+30]!r}")
                breaks[pos] = "break"
                i = j + 2
                continue
            if tag == "-":
                if body[j + 1] != CLOSE:
                    raise SourceError(f"{name}: bad no-break mark at {body[i:i+30]!r}")
                breaks[pos] = "nobreak"
                i = j + 2
                continue
            if tag == "bp":
                k = body.index(CLOSE, j)
                kind = body[j + 3:k]
                if kind not in BOILERPLATE_KINDS:
                    raise SourceError(f"{name}: bad boilerplate kind {kind!r}")
                bp_positions.append((pos, kind))
                i = k + 1
                continue
            if not m.group(2):
                raise SourceError(f"{name}: markup without ':' at {body[i:i+30]!r}")
            stack.append((tag, pos))
            i = j + len(m.group(0))
            continue
        if ch == CLOSE:
            if not stack:
                raise SourceError(f"{name}: unbalanced {CLOSE} near {body[max(0,i-30):i+1]!r}")
            tag, start = stack.pop()
            spans.append((tag, start, len(out)))
            i += 1
            continue
        out.append(ch)
        i += 1
    if stack:
        raise SourceError(f"{name}: unclosed markup {stack}")
    return "".join(out), spans, breaks, bp_positions


def line_spans(text):
    """Trimmed spans of the non-blank lines."""
    res = []
    pos = 0
    for line in text.split("\n"):
        s = len(line) - len(line.lstrip())
        e = len(line.rstrip())
        if e > s:
            res.append((pos + s, pos + e))
        pos += len(line) + 1
    return res


def sentence_spans(text, breaks):
    sents = []
    for ls, le in line_spans(text):
        start = ls
        i = ls
        while i < le:
            cut = None
            ch = text[i]
            if ch in ".!?\u2026":
                j = i + 1
                while j < le and text[j] in ".!?\u2026":
                    j += 1
                while j < le and text[j] in CLOSERS:
                    j += 1
                k = j
                while k < le and text[k] in " \t":
                    k += 1
                if k > j and k < le:
                    nxt = text[k]
                    if nxt.isupper() or nxt.isdigit() or nxt in OPENERS or nxt in "\u2014\u2013":
                        cut = (j, k)
                        if ch == ".":
                            w = re.search(r"([A-Za-z.]+)$", text[start:i])
                            word = w.group(1).lower() if w else ""
                            if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                                cut = None
                if cut and breaks.get(cut[0]) == "nobreak":
                    cut = None
            if cut is None:
                # forced breaks: mark sits at the end of the sentence
                if breaks.get(i) == "break" and i > start:
                    e = i
                    while text[e - 1] in " \t":
                        e -= 1
                    sents.append((start, e))
                    k = i
                    while k < le and text[k] in " \t":
                        k += 1
                    start = i = k
                    continue
                i += 1
                continue
            sents.append((start, cut[0]))
            start = i = cut[1]
        if start < le:
            sents.append((start, le))
    for pos, kind in breaks.items():
        if kind == "nobreak" and not any(s < pos < e for s, e in sents):
            raise SourceError(f"no-break mark at {pos} is not inside a sentence")
    return sents


def build_one(path):
    name = os.path.basename(path)[: -len(".annot")]
    with open(path, encoding="utf-8") as f:
        src = f.read()
    if "\n---\n" not in src:
        raise SourceError(f"{name}: missing '---' separator between header and body")
    header, body = src.split("\n---\n", 1)
    speakers, speaker_index, qdecl = parse_header(header.split("\n"), name)
    text, spans, breaks, bp_positions = parse_body(body, name)

    def span(s, e):
        return {"start": s, "end": e, "text": text[s:e]}

    entities = []
    parts = {}  # quote number -> {"c": [...], "v": [...], "s": [...]}
    for tag, s, e in spans:
        if s >= e:
            raise SourceError(f"{name}: empty span {tag}")
        if text[s] in " \n" or text[e - 1] in " \n":
            raise SourceError(f"{name}: span {tag} {text[s:e]!r} has edge whitespace")
        if tag in ENTITY_LABELS:
            entities.append({"start": s, "end": e, "label": tag, "text": text[s:e]})
            continue
        m = re.fullmatch(r"([cvs])([0-9]+)", tag)
        if not m:
            raise SourceError(f"{name}: unknown tag {tag}")
        parts.setdefault(m.group(2), {"c": [], "v": [], "s": []})[m.group(1)].append((s, e))
    entities.sort(key=lambda x: (x["start"], x["end"]))

    for num in parts:
        if num not in qdecl:
            raise SourceError(f"{name}: quote {num} used in the body but not declared")
    quotes = []
    for num, decl in qdecl.items():
        p = parts.get(num)
        if not p or not p["c"]:
            raise SourceError(f"{name}: quote {num} has no content")
        if len(p["v"]) > 1 or len(p["s"]) > 1:
            raise SourceError(f"{name}: quote {num} has several cues or speakers")
        q = {"type": decl["type"], "content": [span(s, e) for s, e in sorted(p["c"])]}
        q["cue"] = span(*p["v"][0]) if p["v"] else None
        if decl["speaker_key"] == "-":
            if p["s"]:
                raise SourceError(f"{name}: quote {num} has a speaker mention but speaker '-'")
            q["speaker"] = None
        else:
            if not p["s"]:
                raise SourceError(f"{name}: quote {num} names a speaker but marks no mention")
            sp = span(*p["s"][0])
            sp["speaker_id"] = speaker_index[decl["speaker_key"]]
            q["speaker"] = sp
        if (q["cue"] is None or q["speaker"] is None) and not decl["note"]:
            raise SourceError(f"{name}: quote {num} lacks a cue or speaker: add a note")
        if decl["note"]:
            q["note"] = decl["note"]
        quotes.append(q)
    quotes.sort(key=lambda q: q["content"][0]["start"])

    lines = line_spans(text)
    boilerplate = []
    for pos, kind in bp_positions:
        ln = [l for l in lines if l[0] == pos]
        if not ln:
            raise SourceError(f"{name}: boilerplate mark not at a line start")
        boilerplate.append({"start": ln[0][0], "end": ln[0][1], "kind": kind})
    boilerplate.sort(key=lambda b: b["start"])

    gold = {
        "schema_version": 1,
        "id": name,
        "text": text,
        "offset_unit": "char",
        "paragraphs": [{"start": s, "end": e} for s, e in lines],
        "boilerplate": boilerplate,
        "sentences": [{"start": s, "end": e} for s, e in sentence_spans(text, breaks)],
        "entities": entities,
        "speakers": speakers,
        "quotes": quotes,
    }
    gold_text = json.dumps(gold, ensure_ascii=False, indent=1) + "\n"
    return name, text, gold_text, gold


def show(gold):
    t = gold["text"]
    print("== sentences")
    for s in gold["sentences"]:
        print("  |" + t[s["start"]:s["end"]] + "|")
    print("== entities")
    print("  " + "; ".join(f"{e['text']}/{e['label']}" for e in gold["entities"]))
    print("== speakers")
    for s in gold["speakers"]:
        print(f"  {s['id']}: {s['name']} {s['label']} {s['gender']}")
    print("== quotes")
    for q in gold["quotes"]:
        sp = q["speaker"]
        print(f"  [{q['type']}] speaker={sp['text'] + '->' + str(sp['speaker_id']) if sp else None}"
              f" cue={q['cue']['text'] if q['cue'] else None} note={q.get('note')}")
        for c in q["content"]:
            print("     <" + c["text"] + ">")
    print("== boilerplate")
    for b in gold["boilerplate"]:
        print(f"  {b['kind']}: {t[b['start']:b['end']][:70]}")


def main(argv):
    check = "--check" in argv
    do_show = "--show" in argv
    names = [a for a in argv if not a.startswith("--")]
    files = sorted(f for f in os.listdir(SRC) if f.endswith(".annot"))
    if names:
        files = [f"{n}.annot" for n in names]
    stale = []
    for f in files:
        try:
            name, text, gold_text, gold = build_one(os.path.join(SRC, f))
        except SourceError as e:
            print(f"error: {e}", file=sys.stderr)
            return 1
        if do_show:
            print(f"######## {name}")
            show(gold)
            continue
        targets = {os.path.join(SAMPLES, f"{name}.txt"): text,
                   os.path.join(SAMPLES, f"{name}.gold.json"): gold_text}
        for p, content in targets.items():
            if check:
                try:
                    with open(p, encoding="utf-8") as fh:
                        if fh.read() != content:
                            stale.append(p)
                except FileNotFoundError:
                    stale.append(p)
            else:
                with open(p, "w", encoding="utf-8") as fh:
                    fh.write(content)
    if check and not names:
        sources = {f[: -len(".annot")] for f in files}
        for f in sorted(os.listdir(SAMPLES)):
            for ext in (".gold.json", ".txt"):
                if f.endswith(ext) and f[: -len(ext)] not in sources:
                    stale.append(os.path.join(SAMPLES, f) + " (no source)")
    if check:
        if stale:
            for p in stale:
                print(f"stale: {os.path.relpath(p, ROOT)}", file=sys.stderr)
            return 1
        print(f"{len(files)} samples up to date")
    elif not do_show:
        print(f"built {len(files)} samples")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
