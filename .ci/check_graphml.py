"""Loads a newsgraph GraphML export with networkx and checks its attributes."""
import sys

import networkx as nx

path = sys.argv[1]
graph = nx.read_graphml(path)
assert isinstance(graph, nx.MultiDiGraph) or isinstance(graph, nx.DiGraph), type(graph)
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
