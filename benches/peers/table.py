"""Prints the comparison table of benches/peers/run.sh from the files it saved.

Usage: python3 table.py CORPUS_DIR MEGABYTES RIPGREP_SECONDS
"""
import re
import sys

corpus, megabytes, rg_seconds = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
time_text = open(f"{corpus}/build.time").read()
wall = re.search(r"Elapsed \(wall clock\).*: (\S+)", time_text).group(1)
build_seconds = sum(float(x) * 60 ** i for i, x in enumerate(reversed(wall.split(":"))))
build_rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", time_text).group(1)) / 1024
stages = open(f"{corpus}/stages.txt").read()


def stage(name):
    match = re.search(re.escape(name) + r"\s+([\d.]+) s\s+(.*)", stages)
    return float(match.group(1)), match.group(2)


mentions_seconds, _ = stage("mentions only (fold+scan+resolve)")
matching_seconds, _ = stage("matching, 2 threads")
graphml_seconds, _ = stage("GraphML export (to a file)")
peers, graphml = [("ripgrep -F -i -w --count-matches -f aliases (2 threads)", rg_seconds)], None
for line in open(f"{corpus}/peers.txt"):
    fields = line.rstrip("\n").split("\t")
    if fields[0] == "PEER":
        peers.append((fields[1], float(fields[2])))
    elif fields[0] == "GRAPHML":
        graphml = fields

rate = lambda seconds: megabytes / seconds
ours = rate(mentions_seconds)
print(f"{'finding mentions of every alias':<58} {'seconds':>8} {'MB/s':>8} {'newsgraph/peer':>15}")
print(f"{'newsgraph mentions: fold, scan, resolve (1 thread)':<58} {mentions_seconds:>8.2f} {ours:>8.2f}")
for name, seconds in peers:
    print(f"{name:<58} {seconds:>8.2f} {rate(seconds):>8.2f} {ours / rate(seconds):>14.2f}x")
print()
print(f"{'newsgraph beyond mentions':<58} {'seconds':>8} {'MB/s':>8}")
print(f"{'matching + dates + relations, 2 threads':<58} {matching_seconds:>8.2f} {rate(matching_seconds):>8.2f}")
print(f"{'newsgraph build: all of it and every export and picture':<58} {build_seconds:>8.2f} {rate(build_seconds):>8.2f}   peak RSS {build_rss:.0f} MB")
if graphml:
    nodes, edges, read, write, peak = graphml[2], graphml[3], float(graphml[4]), float(graphml[5]), float(graphml[6])
    print()
    print(f"GraphML of the same graph ({nodes} nodes, {edges} edges):")
    print(f"  newsgraph writes it in {graphml_seconds:.2f} s; networkx writes it in {write:.2f} s "
          f"({write / graphml_seconds:.1f}x slower) and reads it in {read:.2f} s, peak RSS {peak:.0f} MB "
          f"({peak / build_rss:.1f}x newsgraph's whole build)")
