"""Loads a newsgraph GraphML export with networkx and igraph and checks its attributes."""
import sys

import igraph
import networkx as nx

path = sys.argv[1]
graph = nx.read_graphml(path)
nodes = graph.number_of_nodes()
edges = graph.number_of_edges()
assert nodes > 0 and edges > 0, (nodes, edges)

blinken = graph.nodes["antony-blinken"]
assert blinken["kind"] == "person", blinken
assert blinken["name"] == "Antony Blinken", blinken

funded = [d for _, _, d in graph.edges(data=True) if d.get("relation") == "funded"]
amounts = sorted(d["amount"] for d in funded)
assert amounts == [6_000_000.0, 13_500_000.0], amounts
assert all(isinstance(a, float) for a in amounts)
for _, _, data in graph.edges(data=True):
    assert "relation" in data and "origin" in data, data
    assert isinstance(data["symmetric"], bool), data
print(f"networkx read {path}: {nodes} nodes, {edges} edges, attributes typed")

g = igraph.Graph.Read_GraphML(path)
assert (g.vcount(), g.ecount()) == (nodes, edges), (g.vcount(), g.ecount(), nodes, edges)
ids = g.vs["id"]
assert "antony-blinken" in ids
assert g.vs[ids.index("antony-blinken")]["kind"] == "person"
amounts = sorted(e["amount"] for e in g.es if e["relation"] == "funded")
assert amounts == [6_000_000.0, 13_500_000.0], amounts
keys = set(g.es.attributes())
for key in ["relation", "date", "date_precision", "origin", "sources", "evidence", "mode", "amount", "currency", "designation", "what", "status"]:
    assert key in keys, (key, keys)
print(f"igraph read {path}: {g.vcount()} vertices, {g.ecount()} edges, {len(keys)} edge attributes")
