#!/usr/bin/env python3
"""Validate every gold file in tests/samples (standard library only).

Checks that each ``<name>.gold.json`` has a matching ``<name>.txt`` with exactly its text, that
every span slices to its ``text`` field by code points, lies in bounds and is sorted where the
layer is ordered, that sentences are trimmed, cover every non-blank character and never cross a
line, that entity spans follow the guideline (no leading title, no possessive ’s), that speaker ids
are valid and used, and that every quote is well formed: direct content carries its marks,
indirect content none, mixed content some; a quote without cue or speaker must carry a ``note``.

It also lists, as warnings, reporting verbs outside any annotated quote so a reviewer can confirm
they are not speech (``--lint``). Exit status 1 when any error is found.

``--matrix`` prints a Markdown coverage table computed from the gold (for the README).

Usage: python3 scripts/samples/check.py [--lint] [--matrix] [NAME...]
"""

import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SAMPLES = os.path.join(ROOT, "tests", "samples")

DOUBLE_MARKS = "\u201c\u201d\u201e\"\u00ab\u00bb"  # “ ” „ " « »
OPENING = "\u201c\u201e\u2018\u201a\"'\u00ab\u2039"  # “ „ ‘ ‚ " ' « ‹
CLOSING = "\u201d\u201c\u2019\u2018\"'\u00bb\u203a"  # ” “ ’ ‘ " ' » ›
TITLES = {"Mr", "Mrs", "Ms", "Miss", "Dr", "Prof", "President", "Judge", "Sgt", "Sir", "Lord",
          "Lady", "Gen", "Col", "Capt", "Justice", "Senator", "Chancellor", "Minister", "Mayor",
          "Cllr", "Inspector", "Det", "Rev", "Coach"}
REPORTING = re.compile(
    r"\b(said|says|say|saying|told|tells|tell|according to|claimed|claims|asked|asks|added|"
    r"warned|insisted|stated|announced|wrote|writes|replied|responded|estimated|argued|denied|"
    r"admitted|explained|urged|suggested|described|confirmed|reported|recalled|shouted|"
    r"testified|acknowledged|noted|predicted)\b")
GENDERS = {"female", "male", "unknown", "neuter"}


def check_span(errs, where, text, sp, need_text=True):
    s, e = sp.get("start"), sp.get("end")
    if not isinstance(s, int) or not isinstance(e, int) or not 0 <= s < e <= len(text):
        errs.append(f"{where}: bad bounds {s}..{e}")
        return False
    if need_text and sp.get("text") != text[s:e]:
        errs.append(f"{where}: text {sp.get('text')!r} != slice {text[s:e]!r}")
        return False
    return True


def sorted_disjoint(errs, where, spans):
    for a, b in zip(spans, spans[1:]):
        if (a["start"], a["end"]) > (b["start"], b["end"]):
            errs.append(f"{where}: not sorted at {a['start']}")
        if a["end"] > b["start"]:
            errs.append(f"{where}: overlap {a['start']}..{a['end']} / {b['start']}..{b['end']}")


def check_doc(name, gold, raw, lint):
    errs, warns = [], []
    text = gold.get("text", "")
    if gold.get("schema_version") != 1 or gold.get("offset_unit") != "char":
        errs.append("schema_version must be 1 and offset_unit 'char'")
    if gold.get("id") != name:
        errs.append(f"id {gold.get('id')!r} != file stem {name!r}")
    if raw != text:
        errs.append(".txt differs from gold text")
    if "\u27e6" in text or "\u27e7" in text:
        errs.append("authoring markup left in text")

    for layer in ("paragraphs", "boilerplate", "sentences"):
        for i, sp in enumerate(gold.get(layer, [])):
            check_span(errs, f"{layer}[{i}]", text, sp, need_text=False)
        sorted_disjoint(errs, layer, gold.get(layer, []))
    covered = [False] * len(text)
    for i, sp in enumerate(gold.get("sentences", [])):
        seg = text[sp["start"]:sp["end"]]
        if seg != seg.strip():
            errs.append(f"sentences[{i}] not trimmed: {seg[:40]!r}")
        if "\n" in seg:
            errs.append(f"sentences[{i}] crosses a line: {seg[:40]!r}")
        for k in range(sp["start"], sp["end"]):
            covered[k] = True
    for k, ch in enumerate(text):
        if not ch.isspace() and not covered[k]:
            errs.append(f"character {k} {ch!r} outside every sentence")
            break
    bps = gold.get("boilerplate", [])

    def in_boilerplate(pos):
        return any(b["start"] <= pos < b["end"] for b in bps)

    ents = gold.get("entities", [])
    for i, en in enumerate(ents):
        if not check_span(errs, f"entities[{i}]", text, en):
            continue
        if en.get("label") not in {"PER", "ORG", "LOC", "MISC"}:
            errs.append(f"entities[{i}]: bad label {en.get('label')}")
        t = en["text"]
        if t.split()[0].rstrip(".") in TITLES and en["label"] == "PER":
            errs.append(f"entities[{i}]: title inside PER span {t!r}")
        if re.search(r"['\u2019]s?$", t):
            errs.append(f"entities[{i}]: possessive inside span {t!r}")
        if t != t.strip(" ,.;:"):
            errs.append(f"entities[{i}]: edge punctuation {t!r}")
        s, e = en["start"], en["end"]
        if (s > 0 and text[s - 1].isalnum()) or (e < len(text) and text[e].isalnum()):
            errs.append(f"entities[{i}]: cuts a word {t!r}")
    sorted_disjoint(errs, "entities", ents)

    speakers = gold.get("speakers", [])
    used = set()
    for i, sp in enumerate(speakers):
        if sp.get("id") != i:
            errs.append(f"speakers[{i}]: id {sp.get('id')} != index")
        if sp.get("label") not in {"PER", "ORG"}:
            errs.append(f"speakers[{i}]: bad label")
        if sp.get("gender") not in GENDERS:
            errs.append(f"speakers[{i}]: bad gender")
        if not sp.get("name"):
            errs.append(f"speakers[{i}]: empty name")
        elif sp["name"].lower() not in text.lower():
            errs.append(f"speakers[{i}]: name {sp['name']!r} does not occur in the text")

    words = len(text.split())
    if not 150 <= words <= 600:
        errs.append(f"{words} words: articles must have 150-600 words")
    quotes = gold.get("quotes", [])
    firsts = []
    for i, q in enumerate(quotes):
        w = f"quotes[{i}]"
        qt = q.get("type")
        if qt not in {"direct", "indirect", "mixed"}:
            errs.append(f"{w}: bad type {qt}")
        content = q.get("content") or []
        if not content:
            errs.append(f"{w}: no content")
            continue
        ok = all(check_span(errs, f"{w}.content[{k}]", text, c) for k, c in enumerate(content))
        if not ok:
            continue
        sorted_disjoint(errs, f"{w}.content", content)
        firsts.append(content[0]["start"])
        joined = "".join(c["text"] for c in content)
        has_double = any(m in joined for m in DOUBLE_MARKS)
        has_any = has_double or any(m in joined for m in "\u2018\u2019'\u201a\u2039\u203a")
        for k, c in enumerate(content):
            t = c["text"]
            if t != t.strip():
                errs.append(f"{w}.content[{k}]: edge whitespace")
            if "\n" in t:
                errs.append(f"{w}.content[{k}]: a piece crosses a paragraph")
            if in_boilerplate(c["start"]):
                errs.append(f"{w}.content[{k}]: inside boilerplate")
            if qt == "direct" and t[0] not in OPENING:
                errs.append(f"{w}.content[{k}]: direct piece does not start with a mark: {t[:30]!r}")
        if qt == "direct" and content[-1]["text"][-1] not in CLOSING:
            errs.append(f"{w}: direct content does not end with a closing mark")
        if qt == "indirect" and has_double:
            errs.append(f"{w}: indirect content contains a double quotation mark (mixed?)")
        if qt == "mixed" and not has_any:
            errs.append(f"{w}: mixed content has no quotation mark")
        if qt == "indirect" and content[-1]["text"][-1] in ".,;:":
            errs.append(f"{w}: indirect content ends with punctuation")
        cue, spk = q.get("cue"), q.get("speaker")
        if (cue is None or spk is None) and not q.get("note"):
            errs.append(f"{w}: null cue or speaker without a note")
        for part, sp in (("cue", cue), ("speaker", spk)):
            if sp is None:
                continue
            if not check_span(errs, f"{w}.{part}", text, sp):
                continue
            for c in content:
                if sp["start"] < c["end"] and c["start"] < sp["end"]:
                    errs.append(f"{w}.{part} overlaps the content")
            if in_boilerplate(sp["start"]):
                errs.append(f"{w}.{part}: inside boilerplate")
        if spk is not None:
            sid = spk.get("speaker_id")
            if not isinstance(sid, int) or not 0 <= sid < len(speakers):
                errs.append(f"{w}: bad speaker_id {sid}")
            else:
                used.add(sid)
                words = spk["text"].split()
                if len(words) > 1 and words[0] in TITLES:
                    errs.append(f"{w}: title inside speaker mention {spk['text']!r}")
    if firsts != sorted(firsts):
        errs.append("quotes not sorted by first content start")
    for i in range(len(speakers)):
        if i not in used:
            errs.append(f"speakers[{i}] is never used by a quote")

    if lint:
        cues = [(q["cue"]["start"], q["cue"]["end"]) for q in quotes if q.get("cue")]
        for m in REPORTING.finditer(text):
            if in_boilerplate(m.start()):
                continue
            if not any(s <= m.start() < e for s, e in cues):
                line = text.rfind("\n", 0, m.start()) + 1
                warns.append(f"unannotated {m.group(0)!r}: …{text[max(line, m.start()-50):m.end()+30]}…")
    return errs, warns


PRONOUNS = {"he", "she", "they", "it", "him", "her", "we", "i"}
MARK_NAMES = [("\u201c\u201d", "“ ”"), ("\u2018\u2019", "‘ ’"), ("\u201e", "„ “"),
              ("\u00ab", "« »"), ('"', '" "')]


def matrix_row(name, gold):
    """One Markdown table row summarising what a gold file exercises."""
    text = gold["text"]
    qs = gold["quotes"]
    by = {t: sum(q["type"] == t for q in qs) for t in ("direct", "indirect", "mixed")}
    marks = []
    for chars, label in MARK_NAMES:
        first = "".join(c["text"][0] for q in qs if q["type"] == "direct" for c in q["content"])
        if any(ch in first for ch in chars[:1]) or (chars == '"' and '"' in first):
            marks.append(label)
    split = sum(1 for q in qs if len(q["content"]) > 1
                and len({text.count("\n", 0, c["start"]) for c in q["content"]}) == 1)
    multi = sum(1 for q in qs if len({text.count("\n", 0, c["start"]) for c in q["content"]}) > 1)
    spk = [q["speaker"]["text"] for q in qs if q["speaker"]]
    pron = sum(1 for s in spk if s.lower() in PRONOUNS)
    org = sum(1 for q in qs if q["speaker"] and
              gold["speakers"][q["speaker"]["speaker_id"]]["label"] == "ORG")
    nominal = sum(1 for t in spk if t.lower() not in PRONOUNS and (
        t[0].islower() or t.split()[0] in ("The", "A", "An", "His", "Her", "One", "Its")))
    no_cue = sum(1 for q in qs if q["cue"] is None)
    no_spk = sum(1 for q in qs if q["speaker"] is None)
    acc = sum(1 for q in qs if q["cue"] and q["cue"]["text"].lower() == "according to")
    style = "blank" if "\n\n" in text else "single"
    bp = len(gold.get("boilerplate", []))
    return (f"| {name} | {len(text.split())} | {by['direct']}/{by['indirect']}/{by['mixed']} | "
            f"{' '.join(marks) or '–'} | {split} | {multi} | {pron} | {nominal} | {org} | {acc} | "
            f"{no_cue} | {no_spk} | {bp} | {style} |")


def main(argv):
    if "--matrix" in argv:
        print("| sample | words | direct/indirect/mixed | marks | split | multi-para | pronoun spk "
              "| NP spk | ORG spk | according to | no cue | no speaker | boilerplate lines "
              "| paragraphs |")
        print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
        for f in sorted(os.listdir(SAMPLES)):
            if f.endswith(".gold.json"):
                with open(os.path.join(SAMPLES, f), encoding="utf-8") as fh:
                    print(matrix_row(f[: -len(".gold.json")], json.load(fh)))
        return 0
    lint = "--lint" in argv
    names = [a for a in argv if not a.startswith("--")]
    if not names:
        names = sorted(f[: -len(".gold.json")] for f in os.listdir(SAMPLES)
                       if f.endswith(".gold.json"))
    total_err = 0
    counts = {"articles": 0, "direct": 0, "indirect": 0, "mixed": 0, "speakers": 0,
              "entities": 0, "sentences": 0, "words": 0}
    for name in names:
        try:
            with open(os.path.join(SAMPLES, f"{name}.gold.json"), encoding="utf-8") as f:
                gold = json.load(f)
        except (OSError, ValueError) as e:
            print(f"{name}: error: cannot read gold: {e}")
            total_err += 1
            continue
        try:
            with open(os.path.join(SAMPLES, f"{name}.txt"), encoding="utf-8") as f:
                raw = f.read()
        except FileNotFoundError:
            raw = None
        errs, warns = check_doc(name, gold, raw, lint)
        for e in errs:
            print(f"{name}: error: {e}")
        for w in warns:
            print(f"{name}: warning: {w}")
        total_err += len(errs)
        counts["articles"] += 1
        for q in gold.get("quotes", []):
            counts[q.get("type")] = counts.get(q.get("type"), 0) + 1
        counts["speakers"] += len(gold.get("speakers", []))
        counts["entities"] += len(gold.get("entities", []))
        counts["sentences"] += len(gold.get("sentences", []))
        counts["words"] += len(gold.get("text", "").split())
    print(", ".join(f"{k}: {v}" for k, v in counts.items()))
    print(f"{total_err} errors")
    return 1 if total_err else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
