#!/usr/bin/env bash
# The Spark job (examples/spark/extract.py) on the bundled articles with
# local[2]: its facts must be the bytes `newsgraph extract` writes, and
# `build --facts` on them must write the committed graphs/.
# Usage: .ci/check_spark.sh VENV (the CI's Python venv; PySpark goes into it)
set -euo pipefail
cd "$(dirname "$0")/.."
venv="$1"
if ! command -v java >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    mkdir -p /usr/share/man/man1 # the JRE's package writes a man page there
    apt-get update -qq
    apt-get install -y -qq openjdk-17-jre-headless >/dev/null
fi
java -version 2>&1 | head -1
"$venv/bin/python" -c "import pyspark" >/dev/null 2>&1 ||
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check pyspark
cargo build --release --quiet
binary="${CARGO_TARGET_DIR:-target}/release/newsgraph"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# spark-submit finds its Python and Spark through the venv's bin on PATH.
if ! PATH="$venv/bin:$PATH" spark-submit --master 'local[2]' examples/spark/extract.py \
    --newsgraph "$binary" --data data --articles data/articles --out "$work/facts" \
    >"$work/spark.log" 2>&1; then
    tail -n 60 "$work/spark.log"
    echo "the Spark job failed"
    exit 1
fi
"$binary" extract --format jsonl data/articles/*.txt >"$work/extract.jsonl"
cat "$work"/facts/part-* >"$work/spark.jsonl"
if ! cmp -s "$work/spark.jsonl" "$work/extract.jsonl"; then
    diff "$work/spark.jsonl" "$work/extract.jsonl" | head -n 20
    echo "the Spark job's facts differ from extract's"
    exit 1
fi
echo "spark: $(wc -l <"$work/spark.jsonl") facts in $(ls "$work"/facts/part-* | wc -l) parts, equal to extract's"
"$binary" build --facts "$work/facts" --out "$work/graphs" >/dev/null
# The store, its stamps (a cache of file times) and the exports index (a
# cache of record positions) are not committed output.
diff -r --exclude=newsgraph.sqlite --exclude=newsgraph.sqlite.stamps --exclude=newsgraph.sqlite.exports graphs "$work/graphs"
echo "spark: build --facts wrote the committed graphs/"
