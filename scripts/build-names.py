#!/usr/bin/env python3
"""Build models/attribution/first_names.tsv from the US SSA first-name counts.

Usage (from the repository root):
    python3 scripts/build-names.py ../shared/data/names/ssa_name_gender_counts_1880_2023.tsv \
        models/attribution/first_names.tsv

Keeps names given to at least MIN_TOTAL people whose majority gender holds at least MIN_SHARE of
the uses, and writes `name<TAB>F|M<TAB>share` (lower-case name, share in per mille), sorted by name.
"""
import csv
import sys

MIN_TOTAL = 500
MIN_SHARE = 0.95


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    src, dst = sys.argv[1], sys.argv[2]
    rows = []
    with open(src, encoding="utf-8") as f:
        for rec in csv.DictReader(f, delimiter="\t"):
            fem, mal = int(rec["female_count"]), int(rec["male_count"])
            total = fem + mal
            if total < MIN_TOTAL:
                continue
            share = max(fem, mal) / total
            if share < MIN_SHARE:
                continue
            rows.append((rec["name"].lower(), "F" if fem > mal else "M", round(share * 1000)))
    rows.sort()
    with open(dst, "w", encoding="utf-8") as out:
        out.write("# first name, gender (F/M), share of the majority gender in per mille; see README.md\n")
        for name, g, share in rows:
            out.write(f"{name}\t{g}\t{share}\n")
    print(f"wrote {len(rows)} names to {dst}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
