#!/usr/bin/env python3
"""Scale-out extraction with PySpark: JSON Lines documents in, graph fragments out.

Each partition of the input is piped (RDD.pipe) through `relgraph extract --jsonl`,
which reads one {"id", "text", "title"?, "url"?, "date"?} record per line and
writes one graph fragment (compact node-link JSON with a "document" header) per
line, in order. The fragments are saved as text part files; merge them into a
store with

    cat OUT/part-* | relgraph build --from-fragments - --db graph.db

Local mode (what scripts/spark_check.sh runs):

    python scripts/spark_extract.py docs.jsonl OUT --master 'local[2]'

On a cluster, ship the binary with the job (it is then in each executor's
working directory) and let spark-submit choose the master:

    spark-submit scripts/spark_extract.py hdfs:///corpus/*.jsonl hdfs:///fragments --ship \
        --binary target/release/relgraph --partitions 400

A record the extractor cannot read comes out as an {"error": ..., "origin": ...}
line; `build --from-fragments` reports and counts it as failed.
"""
import argparse
import os
import sys

from pyspark.sql import SparkSession


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("input", help="JSON Lines file(s), directory or glob (any Hadoop path)")
    ap.add_argument("output", help="directory for the fragment part files (must not exist)")
    ap.add_argument("--binary", default="target/release/relgraph", help="the relgraph binary")
    ap.add_argument("--ship", action="store_true",
                    help="ship the binary to the executors with SparkContext.addFile (cluster mode)")
    ap.add_argument("--partitions", type=int, default=0,
                    help="minimum number of input partitions (default: the default parallelism)")
    ap.add_argument("--master", default=None, help="Spark master, e.g. local[2] (default: from spark-submit)")
    ap.add_argument("--min-confidence", default="0", help="passed to relgraph extract")
    args = ap.parse_args(argv)

    binary = os.path.abspath(args.binary)
    if not os.access(binary, os.X_OK):
        sys.exit(f"spark_extract: {binary} is not an executable relgraph binary (cargo build --release)")
    builder = SparkSession.builder.appName("relgraph-extract")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    sc.setLogLevel("WARN")
    if args.ship:
        sc.addFile(binary)
        command = ["./" + os.path.basename(binary)]
    else:
        command = [binary]
    command += ["extract", "--jsonl", "--min-confidence", args.min_confidence]

    docs = sc.textFile(args.input, minPartitions=args.partitions or sc.defaultParallelism)
    docs = docs.filter(lambda line: line.strip() != "")
    # One Spark task per core already: one extraction thread per relgraph process.
    fragments = docs.pipe(" ".join(command), env={"RAYON_NUM_THREADS": "1"})
    fragments.saveAsTextFile(args.output)
    spark.stop()


if __name__ == "__main__":
    main()
