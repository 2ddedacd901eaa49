"""The tools people use today, on the same generated corpus as newsgraph.

Usage: python3 peers.py CORPUS_DIR [GRAPHML]

Prints one line per peer: name, seconds, MB/s (or the GraphML figures).
Each matcher is given every alias of aliases.txt and asked for whole-word
matches, case-insensitively where the tool supports it.
"""
import pathlib
import resource
import sys
import time

corpus = pathlib.Path(sys.argv[1])
graphml = sys.argv[2] if len(sys.argv) > 2 else None
aliases = [a for a in (corpus / "aliases.txt").read_text(encoding="utf-8").splitlines() if a.strip()]
files = sorted((corpus / "articles").glob("*.txt"))
texts = [f.read_text(encoding="utf-8") for f in files]
megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6


def report(name, seconds, found, note=""):
    print(f"PEER\t{name}\t{seconds:.3f}\t{megabytes / seconds:.2f}\t{found}\t{note}", flush=True)


def flashtext_run():
    from flashtext import KeywordProcessor
    processor = KeywordProcessor(case_sensitive=False)
    for alias in aliases:
        processor.add_keyword(alias)
    start = time.perf_counter()
    found = sum(len(processor.extract_keywords(t)) for t in texts)
    report("flashtext", time.perf_counter() - start, found)


def pyahocorasick_run():
    import ahocorasick
    automaton = ahocorasick.Automaton()
    for alias in aliases:
        automaton.add_word(alias.lower(), len(alias))
    automaton.make_automaton()
    start = time.perf_counter()
    found = 0
    for text in texts:
        lower = text.lower()
        for end, length in automaton.iter_long(lower):  # leftmost-longest
            begin = end - length + 1
            before = lower[begin - 1] if begin > 0 else " "
            after = lower[end + 1] if end + 1 < len(lower) else " "
            if not before.isalnum() and not after.isalnum():
                found += 1
    report("pyahocorasick (leftmost-longest + whole-word)", time.perf_counter() - start, found)


def spacy_run():
    import spacy
    from spacy.matcher import PhraseMatcher
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    patterns = list(nlp.tokenizer.pipe(aliases))
    for i in range(0, len(patterns), 10000):
        matcher.add(f"A{i}", patterns[i:i + 10000])
    start = time.perf_counter()
    found = 0
    for doc in nlp.pipe(texts, batch_size=64):
        found += len(matcher(doc))
    report("spaCy blank en PhraseMatcher (LOWER) + sentencizer", time.perf_counter() - start, found)


def networkx_run():
    import networkx as nx
    start = time.perf_counter()
    graph = nx.read_graphml(graphml)
    read = time.perf_counter() - start
    out = pathlib.Path(graphml).with_suffix(".networkx.graphml")
    start = time.perf_counter()
    nx.write_graphml(graph, out)
    write = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"GRAPHML\tnetworkx\t{graph.number_of_nodes()}\t{graph.number_of_edges()}\t{read:.3f}\t{write:.3f}\t{peak:.0f}", flush=True)


runs = {"flashtext": flashtext_run, "pyahocorasick": pyahocorasick_run, "spacy": spacy_run, "networkx": networkx_run}
for name in (sys.argv[3].split(",") if len(sys.argv) > 3 else runs):
    if name == "networkx" and not graphml:
        continue
    runs[name]()
