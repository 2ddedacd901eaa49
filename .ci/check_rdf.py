"""Checks the N-Triples export with rdflib (installed with followthemoney).

Every line must parse, no literal may be ill-typed (a month written as an
xsd:date would be), each date's datatype must match its precision (YYYY
gYear, YYYY-MM gYearMonth, YYYY-MM-DD date), and there must be one reified
statement per fact of the Cytoscape JSON export.

Usage: python check_rdf.py FILE.nt NEWSGRAPH.json
"""

import json
import logging
import re
import sys

import rdflib
from rdflib.namespace import RDF, XSD

path, cytoscape = sys.argv[1], sys.argv[2]
graph = rdflib.Graph()
graph.parse(path, format="nt")

# The check itself works: rdflib flags a month typed as a day (and logs it).
logging.getLogger("rdflib.term").setLevel(logging.CRITICAL)
assert rdflib.Literal("2021-10", datatype=XSD.date).ill_typed

ill = [o for o in graph.objects() if isinstance(o, rdflib.Literal) and o.ill_typed]
assert not ill, f"ill-typed literals: {ill[:5]}"

expected = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}
dates = 0
for o in graph.objects():
    if isinstance(o, rdflib.Literal) and re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", str(o)):
        if o.datatype in expected.values():
            assert o.datatype == expected[len(str(o))], f"{o!r} has the wrong datatype"
            dates += 1

statements = set(graph.subjects(RDF.type, RDF.Statement))
edges = json.load(open(cytoscape, encoding="utf-8"))["elements"]["edges"]
assert len(statements) == len(edges), f"{len(statements)} statements for {len(edges)} facts"
print(f"rdf: {len(graph)} triples, {len(statements)} facts, {dates} dates typed at their precision")
