"""Opens the newsgraph SQLite store read-only with Python's sqlite3 and checks
its tables and counts against `newsgraph stats --format json`."""
import json
import sqlite3
import sys

store, stats_path = sys.argv[1], sys.argv[2]
with open(stats_path, encoding="utf-8") as f:
    stats = json.load(f)
db = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
one = lambda sql, *args: db.execute(sql, args).fetchone()[0]

tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
expected = {"meta", "files", "entities", "aliases", "offices", "tenures", "sources",
            "facts", "evidence", "evidence_fts", "articles", "extracted", "search_names"}
assert expected <= tables, expected - tables
assert one("SELECT value FROM meta WHERE key = 'schema_version'") == "3"
# search_names: one blob whose first two little-endian integers count the
# entities and their names.
blob = one("SELECT data FROM search_names")
assert int.from_bytes(blob[:4], "little") == stats["nodes"], "search_names entities"
assert one("SELECT count(*) FROM entities") == stats["nodes"], stats["nodes"]
assert one("SELECT count(*) FROM facts") == stats["edges"], stats["edges"]
for kind, count in stats["kinds"]:
    assert one("SELECT count(*) FROM entities WHERE kind = ?", kind) == count, kind
for relation, count in stats["relations"]:
    assert one("SELECT count(*) FROM facts WHERE relation = ?", relation) == count, relation
for origin, count in stats["origins"]:
    assert one("SELECT count(*) FROM facts WHERE origin = ?", origin) == count, origin
hits = one("SELECT count(*) FROM evidence_fts WHERE evidence_fts MATCH 'telephone'")
assert hits > 0, hits
print(f"store: {stats['nodes']} entities, {stats['edges']} facts, "
      f"{one('SELECT count(*) FROM evidence')} pieces of evidence; counts match `stats`")
