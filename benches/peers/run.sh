#!/usr/bin/env bash
# Regenerates a corpus, runs newsgraph and every peer on it, and prints one
# comparison table. Installs the peers itself: a Python venv from PyPI
# (flashtext, pyahocorasick, spaCy, networkx) and ripgrep from Debian.
#
#   bash benches/peers/run.sh small    # 1,000 entities, 20 MB
#   bash benches/peers/run.sh large    # 100,000 entities, 200 MB
set -euo pipefail
cd "$(dirname "$0")/../.."
size="${1:-small}"
case "$size" in
    small) entities=1000; mb=20 ;;
    large) entities=100000; mb=200 ;;
    *) echo "usage: $0 small|large" >&2; exit 2 ;;
esac
corpus="target/corpus-$size"
venv="target/peers-venv"

echo "== installing peers" >&2
if ! command -v rg >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ripgrep >/dev/null
fi
if ! command -v /usr/bin/time >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
fi
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check flashtext pyahocorasick spacy networkx
fi

echo "== generating the $size corpus" >&2
cargo build --release --quiet --example gen_corpus --bin newsgraph
./target/release/examples/gen_corpus --entities "$entities" --mb "$mb" --out "$corpus" >&2

echo "== newsgraph build" >&2
/usr/bin/time -v ./target/release/newsgraph --data "$corpus" build --out "$corpus/graphs" \
    > "$corpus/build.out" 2> "$corpus/build.time"
wall=$(grep "Elapsed (wall clock)" "$corpus/build.time" | awk '{print $NF}')
rss=$(grep "Maximum resident set size" "$corpus/build.time" | awk '{print $NF}')
seconds=$(python3 -c "p='$wall'.split(':'); print(sum(float(x)*60**i for i,x in enumerate(reversed(p))))")

echo "== newsgraph stages" >&2
cargo bench --quiet --bench whole_run -- "$corpus" > "$corpus/stages.txt"

echo "== peers" >&2
"$venv/bin/python" benches/peers/peers.py "$corpus" "$corpus/graphs/newsgraph.graphml" > "$corpus/peers.txt"
start=$(date +%s.%N)
rg -F -i -w --count-matches -f "$corpus/aliases.txt" "$corpus/articles" > /dev/null || true
rg_seconds=$(python3 -c "print($(date +%s.%N) - $start)")

echo
echo "newsgraph benchmark, $size corpus ($entities entities, $mb MB), $(nproc) cores, $(date -u +%Y-%m-%d)"
echo
cat "$corpus/stages.txt"
echo
python3 benches/peers/table.py "$corpus" "$mb" "$rg_seconds"
