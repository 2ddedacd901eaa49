#!/usr/bin/env bash
# The store's figures on a generated corpus (issue #10): store size and write
# time, a full build, an incremental build after one article is added (and its
# ratio to the full build), and each query as a whole process beside its target.
#
#   bash benches/store.sh                 # the large set: 100,000 entities, 200 MB
#   bash benches/store.sh small           # 1,000 entities, 20 MB
#
# The corpus is generated into target/corpus-SIZE when missing and copied to a
# scratch folder, which the incremental step edits. Needs /usr/bin/time and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
size="${1:-large}"
case "$size" in
    small) entities=1000; mb=20 ;;
    large) entities=100000; mb=200 ;;
    *) echo "usage: $0 [small|large]" >&2; exit 2 ;;
esac
corpus="target/corpus-$size"
cargo build --release --quiet --example gen_corpus --bin newsgraph
if [ ! -f "$corpus/sources.ron" ]; then
    ./target/release/examples/gen_corpus --entities "$entities" --mb "$mb" --out "$corpus" >&2
fi
bin="$PWD/target/release/newsgraph"
work="$(mktemp -d "${TMPDIR:-/tmp}/newsgraph-store-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT # (the timings are printed before it goes)
mkdir "$work/data"
cp -r "$corpus/articles" "$corpus"/*.ron "$work/data/"
cd "$work"

seconds() { python3 -c "import sys; p=sys.argv[1].split(':'); print(round(sum(float(x)*60**i for i,x in enumerate(reversed(p))),2))" "$1"; }
stage() { grep "timing: $1" "$2" | awk '{print $(NF-1)}'; }
build() { # build LABEL: one timed build, its stages in LABEL.err
    NEWSGRAPH_TIMINGS=1 /usr/bin/time -v "$bin" --data data build --out graphs > "$1.out" 2> "$1.err"
    seconds "$(grep 'Elapsed (wall clock)' "$1.err" | awk '{print $NF}')"
}

echo "== full build (no store)" >&2
full=$(build full)
store_bytes=$(stat -c %s graphs/newsgraph.sqlite)

echo "== one article added" >&2
cp data/articles/000000.txt data/articles/bench-new.txt
echo "Bench Added met with Bench Other in Geneva on Tuesday." >> data/articles/bench-new.txt
python3 - <<'PY'
import re
path = "data/sources.ron"
text = open(path, encoding="utf-8").read()
entry = '        (id: "bench-new", file: "articles/bench-new.txt", title: "Added", published: "2024-02-02"),\n'
i = text.rindex("    ],")
open(path, "w", encoding="utf-8").write(text[:i] + entry + text[i:])
PY
incremental=$(build incremental)

# Names from the corpus: the first person and a person who met them.
person=p-0
other=$("$bin" --data data --no-rebuild who-met "$person" --format tsv | awk -F'\t' 'NR==2 {print $2}' || true)
other="${other:-p-1}"
sleep 2 # past the stamps' racy window, so the queries below read no file
"$bin" --data data --no-rebuild who-met "$person" > /dev/null # writes the stamps once

query() { # query TARGET ARGS...: the median of five whole-process runs, in ms
    local target=$1; shift
    local times=()
    for _ in 1 2 3 4 5; do
        local start end
        start=$(date +%s%N)
        "$bin" --data data --no-rebuild "$@" > /dev/null || true
        end=$(date +%s%N)
        times+=($(( (end - start) / 1000000 )))
    done
    local median
    median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)
    printf '%-44s %6s ms   (target %s ms)\n' "newsgraph $*" "$median" "$target"
}

echo
echo "newsgraph store benchmark, $size corpus ($entities entities, $mb MB), $(nproc) cores, $(date -u +%Y-%m-%d)"
echo
printf 'store size                                   %8.1f MB\n' "$(python3 -c "print($store_bytes/1e6)")"
printf 'full build                                   %8s s   (graph %s s, exports %s s, store %s s)\n' \
    "$full" "$(stage 'load' full.err)" "$(stage 'write the exports' full.err)" "$(stage 'write the store' full.err)"
printf 'incremental build, one article added         %8s s   (graph %s s, exports %s s, store %s s)\n' \
    "$incremental" "$(stage 'load' incremental.err)" "$(stage 'write the exports' incremental.err)" "$(stage 'write the store' incremental.err)"
printf 'incremental / full                           %8s %%   (target 5 %%)\n' "$(python3 -c "print(round(100*$incremental/$full, 1))")"
echo
query 50 who-met "$person"
query 50 show "$person"
query 50 timeline "$person"
query 50 neighbors "$person"
query 50 search "${person}"
query 1000 path "$person" "$other"
