#!/usr/bin/env bash
# Attribution's share of the pipeline (issue 7: ≤ 20%): per-stage seconds over a directory of
# texts (default: the 840 PolNeAR train texts), for both attribution scopes, RUNS times each
# (default 5), alternating, with the median share per scope.
#
#   scripts/attribution-share.sh [DIR] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-../shared/data/polnear/train/text}
runs=${2:-5}
if [ ! -d "$dir" ]; then
  echo "attribution-share: $dir not found (../shared/data absent?); nothing measured" >&2
  exit 0
fi
target=${CARGO_TARGET_DIR:-target}
cargo build --release -q -p newsquotes-attribution --example attribute_dir
bin=$target/release/examples/attribute_dir
out=$(mktemp)
trap 'rm -f "$out"' EXIT
for _ in $(seq "$runs"); do
  for scope in speech all; do
    flag=$([ "$scope" = all ] && echo --all || true)
    # "seconds: segment S ner N attribution A"
    line=$("$bin" "$dir" "$out" $flag 2>&1 | tail -1)
    echo "$scope $line"
  done
done | python3 -c '
import sys, statistics
shares = {"speech": [], "all": []}
for line in sys.stdin:
    f = line.split()
    scope, seg, ner, attr = f[0], float(f[3]), float(f[5]), float(f[7])
    share = 100 * attr / (seg + ner + attr)
    shares[scope].append(share)
    print(f"{scope:6}  segment {seg:.3f} s  ner {ner:.3f} s  attribution {attr:.3f} s  share {share:.1f}%")
for scope, xs in shares.items():
    print(f"{scope:6}  median share {statistics.median(xs):.1f}% over {len(xs)} runs (target <= 20%)")
'
