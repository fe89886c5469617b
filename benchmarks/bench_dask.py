"""Benchmark `phraselint transcripts --engine dask` against the single-process run on the same Parquet files.

    python benchmarks/bench_dask.py [--messages 1000000] [--files 10] [--workers 2]

Writes a Parquet set of generated conversations (bench_transcripts' generator: customer and agent
turns, about 5 % of agent turns with a forbidden phrase) split into --files files, then runs, each
in a fresh process and end to end (start-up, reading, linting, writing the violations):

* the single-process streaming run: `phraselint transcripts FILES --format jsonl -o FILE`;
* the Dask run on a LocalCluster of --workers single-threaded processes:
  `phraselint transcripts FILES --engine dask --jobs W -o FOLDER`.

It prints messages/s and CPU seconds for each, the ratio, and whether both found the same
violations (every violation row, file by file and in order).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

sys.path.insert(0, str(Path(__file__).parent))
from bench_transcripts import export_records

_ROW_GROUP = 16384


def write_set(folder: Path, messages: int, files: int, rng: random.Random) -> list[Path]:
    """Write *messages* generated messages as *files* Parquet files of about equal size."""
    records = export_records(messages, rng)
    per_file = -(-messages // files)
    paths = []
    for number in range(files):
        chunk = [record for _, record in zip(range(per_file), records, strict=False)]
        if not chunk:
            break
        path = folder / f"messages-{number:03d}.parquet"
        pq.write_table(pa.Table.from_pylist(chunk), path, row_group_size=_ROW_GROUP)
        paths.append(path)
    return paths


def timed_run(args: list[str]) -> tuple[float, float]:
    """Return the wall and CPU seconds of one `phraselint transcripts` run (exit 0 or 1: clean or violations).

    CPU seconds are those of the process and every process it waited for (Dask's workers too): on a
    machine that other work shares, they show the cost that wall time hides.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "phraselint", "transcripts", *args], capture_output=True,
                          text=True, check=False)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        sys.exit(f"phraselint failed: {done.stderr}")
    return seconds, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--messages", type=int, default=1_000_000)
    parser.add_argument("--files", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        start = time.perf_counter()
        paths = write_set(folder, args.messages, args.files, random.Random(11))
        size = sum(p.stat().st_size for p in paths) / 1e6
        print(f"set: {args.messages:,} messages in {len(paths)} Parquet files, {size:.0f} MB "
              f"(generated in {time.perf_counter() - start:.0f} s)", flush=True)
        common = [*map(str, paths), "--isolated", "--lang", "en", "--no-progress"]
        single, single_cpu = timed_run([*common, "--format", "jsonl", "--output", str(folder / "single.jsonl")])
        print(f"single process: {single:.1f} s, {args.messages / single:,.0f} messages/s ({single_cpu:.0f} CPU s)",
              flush=True)
        dask, dask_cpu = timed_run([*common, "--engine", "dask", "--jobs", str(args.workers),
                                    "--output", str(folder / "dask")])
        print(f"dask, {args.workers} workers: {dask:.1f} s, {args.messages / dask:,.0f} messages/s "
              f"({dask_cpu:.0f} CPU s)")
        print(f"ratio: {single / dask:.2f}x (CPU seconds, dask / single: {dask_cpu / single_cpu:.2f})")
        expected = [json.loads(line) for line in (folder / "single.jsonl").open(encoding="utf-8")]
        found = [row for path in sorted((folder / "dask").glob("part-*.parquet"))
                 for row in pq.read_table(path).to_pylist()]
        same = found == expected
        print(f"identical violations: {'yes' if same else 'NO'} ({len(found):,} from dask, {len(expected):,} "
              "from the single process)")
        if not same:
            sys.exit(1)


if __name__ == "__main__":
    main()
