"""Loads graphs/csv/ into LadybugDB (embedded, Cypher) with COPY, unmodified,
and checks that a Cypher who-met query answers what `newsgraph who-met`
answers, for every person and government of the graph.

    python .ci/check_ladybug.py graphs/csv target/release/newsgraph

The CSV files are Neo4j's import format: the node file has every kind in one
file (`:LABEL`), the edge file every relation (`:TYPE`), `:START_ID,:END_ID`
first. LadybugDB's COPY reads columns by position, so one node table and one
relationship table, declared in the files' column order, take them as they are.
"""

import csv
import os
import subprocess
import sys
import tempfile

import ladybug

NODES = """CREATE NODE TABLE Entity(
    id STRING PRIMARY KEY, name STRING, label STRING, aliases STRING, weak_aliases STRING,
    country STRING, parent STRING, category STRING, description STRING, date STRING)"""
EDGES = """CREATE REL TABLE Fact(FROM Entity TO Entity,
    type STRING, id STRING, date STRING, date_precision STRING, origin STRING, event STRING,
    sources STRING, evidence STRING, mode STRING, amount DOUBLE, currency STRING,
    purpose STRING, status STRING, designation STRING, what STRING, about STRING,
    role STRING, side STRING, office STRING, title STRING, until STRING)"""

# Whom an entity met on another side. A side is the government one acts for:
# a government is its own side, a person or organization that of its `country`
# (the bundled organizations all name theirs; newsgraph also climbs `parent`).
WHO_MET = """
MATCH (a:Entity {id: $id})-[f:Fact]-(b:Entity)
WITH a, f, b,
     CASE WHEN a.label = 'Government' THEN a.id ELSE a.country END AS side_a,
     CASE WHEN b.label = 'Government' THEN b.id ELSE b.country END AS side_b
WHERE f.type = 'MET_WITH' AND (side_a IS NULL OR side_b IS NULL OR side_a <> side_b)
RETURN DISTINCT f.date, b.id, f.mode, f.event
"""


def cypher_rows(conn, entity):
    result = conn.execute(WHO_MET, {"id": entity})
    rows = set()
    while result.has_next():
        date, counterpart, mode, event = result.get_next()
        rows.add((date or "", counterpart, mode or "", event or ""))
    return rows


def newsgraph_rows(binary, entity):
    run = subprocess.run([binary, "who-met", entity, "--format", "tsv"],
                         capture_output=True, text=True)
    if run.returncode == 1:  # no encounters
        return set()
    if run.returncode != 0:
        sys.exit(f"newsgraph who-met {entity} failed: {run.stderr}")
    lines = run.stdout.splitlines()
    header = lines[0].split("\t")
    rows = set()
    for line in lines[1:]:
        row = dict(zip(header, line.split("\t")))
        rows.add((row["date"], row["counterpart"], row["mode"], row["event"]))
    return rows


def main(csv_dir, binary):
    with tempfile.TemporaryDirectory() as work:
        db = ladybug.Database(os.path.join(work, "graph.lbug"))
        conn = ladybug.Connection(db)
        conn.execute(NODES)
        conn.execute(EDGES)
        conn.execute(f"COPY Entity FROM '{os.path.join(csv_dir, 'nodes.csv')}' (header=true)")
        conn.execute(f"COPY Fact FROM '{os.path.join(csv_dir, 'edges.csv')}' (header=true)")
        with open(os.path.join(csv_dir, "nodes.csv"), newline="") as f:
            entities = [r for r in csv.DictReader(f) if r[":LABEL"] in ("Person", "Government")]
        with open(os.path.join(csv_dir, "edges.csv"), newline="") as f:
            edges = sum(1 for _ in csv.DictReader(f))
        nodes = conn.execute("MATCH (n:Entity) RETURN count(*)").get_next()[0]
        facts = conn.execute("MATCH ()-[f:Fact]->() RETURN count(*)").get_next()[0]
        if facts != edges:
            sys.exit(f"LadybugDB loaded {facts} facts of {edges}")
        checked = encounters = 0
        for entity in entities:
            ours, theirs = newsgraph_rows(binary, entity["id:ID"]), cypher_rows(conn, entity["id:ID"])
            if ours != theirs:
                print(f"who-met {entity['id:ID']}: newsgraph and Cypher differ")
                print("  only newsgraph:", sorted(ours - theirs))
                print("  only Cypher:   ", sorted(theirs - ours))
                sys.exit(1)
            checked += 1
            encounters += len(ours)
        print(f"ladybug: {nodes} nodes, {facts} facts loaded; who-met of {checked} people and "
              f"governments ({encounters} encounters) equal newsgraph's")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: check_ladybug.py CSV_DIR NEWSGRAPH_BINARY")
    main(sys.argv[1], sys.argv[2])
