"""Checks the FollowTheMoney export with followthemoney itself.

`ftm validate` re-reads every entity and silently drops what its schema does
not accept (an unknown property, a value its type cannot clean) and cleans the
rest, so it passing proves little: this script runs it, then compares what went
in with what came out. Every entity must come out with the same schema and
every property with the same values. It also checks what validate does not:
ids are unique, every schema's required properties are set, and every entity
reference points at an entity in the file whose schema fits the property's
range (an `Event`'s `involved` must be a `LegalEntity`). Last, `ftm aggregate`
must give back as many entities as went in (no two lines merge).

Usage: python check_ftm.py FILE.ftm.json
"""

import json
import os
import subprocess
import sys
from collections import Counter

from followthemoney import model

path = sys.argv[1]
ftm = os.path.join(os.path.dirname(sys.executable), "ftm")


def read(lines):
    return [json.loads(line) for line in lines if line.strip()]


with open(path, encoding="utf-8") as f:
    given = read(f)
ids = Counter(e["id"] for e in given)
duplicates = [i for i, n in ids.items() if n > 1]
assert not duplicates, f"ids written twice: {duplicates[:5]}"
by_id = {e["id"]: e for e in given}

out = subprocess.run([ftm, "validate", "-i", path], check=True, capture_output=True, text=True)
validated = {e["id"]: e for e in read(out.stdout.splitlines())}

problems = []
for entity in given:
    back = validated.get(entity["id"])
    if back is None:
        problems.append(f"{entity['id']}: dropped by ftm validate")
        continue
    if back["schema"] != entity["schema"]:
        problems.append(f"{entity['id']}: schema {entity['schema']} came back as {back['schema']}")
    for prop, values in entity["properties"].items():
        kept = back["properties"].get(prop, [])
        if sorted(kept) != sorted(values):
            problems.append(f"{entity['id']}.{prop}: wrote {values!r}, ftm validate kept {kept!r}")
    for prop in back["properties"].keys() - entity["properties"].keys():
        problems.append(f"{entity['id']}.{prop}: added by ftm validate")
    schema = model.get(entity["schema"])
    for prop in schema.required:
        if not entity["properties"].get(prop):
            problems.append(f"{entity['id']}: required property {prop} missing")
    for name, values in entity["properties"].items():
        prop = schema.get(name)
        if prop is None or prop.type.name != "entity":
            continue
        for target in values:
            other = by_id.get(target)
            if other is None:
                problems.append(f"{entity['id']}.{name}: {target} is not in the file")
            elif not model.get(other["schema"]).is_a(prop.range):
                problems.append(
                    f"{entity['id']}.{name}: {target} is a {other['schema']}, not a {prop.range.name}"
                )
extra = validated.keys() - by_id.keys()
if extra:
    problems.append(f"ftm validate made entities that were not written: {sorted(extra)[:5]}")
for problem in problems[:40]:
    print("ftm:", problem)
assert not problems, f"{len(problems)} problems in {path}"

aggregated = subprocess.run([ftm, "aggregate", "-i", path], check=True, capture_output=True, text=True)
count = len(read(aggregated.stdout.splitlines()))
assert count == len(given), f"ftm aggregate gave {count} entities, {len(given)} were written"

statements = sum(len(v) for e in given for v in e["properties"].values())
schemata = Counter(e["schema"] for e in given)
print(
    f"ftm: {len(given)} entities and {statements} property values kept by ftm validate and ftm aggregate "
    f"({', '.join(f'{n} {s}' for s, n in sorted(schemata.items()))})"
)
