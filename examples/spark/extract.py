"""Run newsgraph's matcher on Spark: articles in, facts out, as JSON lines.

Each partition of articles is piped through one `newsgraph extract -`
process (RDD.pipe), which builds its automaton once and streams one JSON line
per fact. `newsgraph build --facts OUT` then builds the graph and the store
from those facts on one machine, as if the articles had been matched there.

    spark-submit --master 'local[2]' examples/spark/extract.py \
        --newsgraph target/release/newsgraph --data data \
        --articles data/articles --out /tmp/facts
    newsgraph build --facts /tmp/facts

--articles is a folder of .txt files (each becomes {"path": ..., "text": ...},
its path relative to --relative-to, so the data's source records find it) or
JSON lines files of articles ({"id", "published", "text", optional "path",
"event_date", "title", "outlet", "url"}), passed through as they are.

The job ships the newsgraph binary and the data directory to the executors
itself (SparkContext.addFile); on a cluster, the binary must be built for the
executors' platform. See the README, "Scaling out".
"""

import argparse
import json
import os
import shlex
import sys
from urllib.parse import urlparse

from pyspark import SparkFiles
from pyspark.sql import SparkSession


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--newsgraph", required=True, help="the newsgraph binary to ship")
    parser.add_argument("--data", required=True, help="the data directory (entity files) to ship")
    parser.add_argument("--articles", required=True, help="a folder of .txt files, or JSON lines of articles")
    parser.add_argument("--out", required=True, help="where the facts go (a folder of part-* files)")
    parser.add_argument("--relative-to", default=os.getcwd(),
                        help="text files are named by their path relative to this folder [default: the current one]")
    parser.add_argument("--partitions", type=int, default=0,
                        help="partitions of articles [default: Spark's default parallelism]")
    parser.add_argument("--date", help="publication date (YYYY-MM-DD) for articles that give none")
    parser.add_argument("--shipped", action="store_true",
                        help="spark-submit shipped the binary and the data (--files, --archives): "
                             "run them from the executors' working directory, ship nothing")
    return parser.parse_args()


def text_articles(sc, folder, relative_to, partitions):
    """One JSON line per text file, in path order."""
    files = sc.wholeTextFiles(os.path.join(folder, "*.txt"), minPartitions=partitions)

    def line(path_and_text):
        uri, text = path_and_text
        local = urlparse(uri).path if uri.startswith("file:") else uri
        path = os.path.relpath(local, relative_to) if local.startswith("/") else local
        return path, json.dumps({"path": path, "text": text}, ensure_ascii=False)

    # Sorted by path, so the facts come out in the order `extract` gives them.
    return files.map(line).sortByKey(numPartitions=partitions).values()


def main():
    args = arguments()
    spark = SparkSession.builder.appName("newsgraph-extract").getOrCreate()
    sc = spark.sparkContext
    partitions = args.partitions or sc.defaultParallelism
    binary = os.path.abspath(args.newsgraph)
    data = os.path.abspath(args.data.rstrip("/"))
    if args.shipped:
        root = "."
    else:
        sc.addFile(binary)
        sc.addFile(data, recursive=True)
        # Executors find shipped files in their working directory; a local
        # master runs them in this process, under SparkFiles' root.
        root = SparkFiles.getRootDirectory() if sc.master.startswith("local") else "."
    command = [os.path.join(root, os.path.basename(binary)),
               "--data", os.path.join(root, os.path.basename(data)), "extract", "-"]
    if args.date:
        command += ["--date", args.date]
    if os.path.isdir(args.articles) and not any(
            name.endswith((".jsonl", ".json")) for name in os.listdir(args.articles)):
        articles = text_articles(sc, args.articles, os.path.abspath(args.relative_to), partitions)
    else:
        articles = sc.textFile(args.articles, minPartitions=partitions)
    # A bad article line makes its `extract` exit with 2: the task fails, and
    # Spark names the line (stdin:LINE:COLUMN) in the executor's log.
    facts = articles.pipe(shlex.join(command), checkCode=True)
    facts.saveAsTextFile(args.out)
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
