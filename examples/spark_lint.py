"""Lint a Parquet archive of messages on Spark: phraselint.lint_batch inside mapInArrow.

    pip install 'phraselint[spark]'
    python examples/spark_lint.py MESSAGES OUTPUT [--master local[2]]

MESSAGES is Parquet (a file or a folder, any path Spark reads) with one message per row and the
columns conversation_id, index, role, text and lang (lang may be null: the language is then
detected). Only agent and bot turns are linted. OUTPUT gets the violations as Parquet, one row per
violation: conversation_id and index, then phraselint.violation_schema()'s columns (lang, rule_id,
category, severity, start, end, text, line, column, message, rewrites). On a cluster, submit it with
spark-submit and --master left to the cluster's; each executor's Python worker builds its Linter
once and reuses it for every batch.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator

import pyarrow as pa
from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql.pandas.types import from_arrow_schema

import phraselint

IDS = pa.schema([("conversation_id", pa.string()), ("index", pa.int64())])


def lint_batches(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """Return the violations of each batch of messages (mapInArrow's function)."""
    for batch in batches:
        yield phraselint.lint_batch(batch, text="text", lang="lang", speaker="role", ids=IDS.names)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("messages")
    parser.add_argument("output")
    parser.add_argument("--master", default="local[2]")
    args = parser.parse_args()
    # Spark's Python workers must run the Python that has phraselint installed.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = (SparkSession.builder.master(args.master).appName("phraselint")
             .config("spark.ui.enabled", "false").getOrCreate())
    try:
        messages = spark.read.parquet(args.messages).select(
            F.col("conversation_id").cast("string"), F.col("index").cast("long"),
            F.col("role").cast("string"), F.col("text").cast("string"), F.col("lang").cast("string"),
        )
        violations = messages.mapInArrow(lint_batches, from_arrow_schema(phraselint.violation_schema(IDS)))
        violations.write.mode("overwrite").parquet(args.output)
        written = spark.read.parquet(args.output)
        print(f"{messages.count()} messages, {written.count()} violations written to {args.output}")
        for row in written.groupBy("rule_id").count().orderBy(F.desc("count"), "rule_id").limit(10).collect():
            print(f"{row['count']:>8}  {row['rule_id']}")
    finally:
        spark.stop()


if __name__ == "__main__":
    main()
