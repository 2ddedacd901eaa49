#!/usr/bin/env python3
"""Prints the table of real-text cases for tests/realtext/README.md.

Reads each case's source record (data/entities.ron), its gold rows and the
split, so the README's table is regenerated, not retyped, when cases are
added: python3 tests/realtext/table.py
"""
import glob
import os
import re

ROOT = os.path.dirname(os.path.abspath(__file__))


def field(record, key):
    found = re.search(key + r': "((?:[^"\\]|\\.)*)"', record)
    return found.group(1).replace("|", "\\|") if found else ""


def main():
    split = {}
    for line in open(os.path.join(ROOT, "split.tsv"), encoding="utf-8"):
        if line.strip() and not line.startswith("#"):
            case, part = line.rstrip("\n").split("\t")
            split[case] = part
    print("| case | part | outlet | published | title | words | rows | public domain because |")
    print("|---|---|---|---|---|---:|---:|---|")
    for case_dir in sorted(glob.glob(os.path.join(ROOT, "texts", "[a-z][0-9]*"))):
        case = os.path.basename(case_dir)
        entities = open(os.path.join(case_dir, "data", "entities.ron"), encoding="utf-8").read()
        record = re.search(r'\(id: "article",(.*?)\)\s*,?\s*\n', entities, re.S)
        record = record.group(1) if record else ""
        gold = open(os.path.join(case_dir, "gold.ron"), encoding="utf-8").read()
        rows = len(re.findall(r'relation: "', gold))
        words = len(open(os.path.join(case_dir, "data", "article.txt"), encoding="utf-8").read().split())
        why = field(record, "note").split(";")[0].removeprefix("public domain: ")
        url = field(record, "url")
        title = field(record, "title")
        title = f"[{title}]({url})" if url else title
        print(f"| {case} | {split.get(case, '?')} | {field(record, 'outlet')} | "
              f"{field(record, 'published')} | {title} | {words} | {rows} | {why} |")


if __name__ == "__main__":
    main()
