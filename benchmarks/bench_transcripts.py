"""Benchmark `phraselint transcripts` end to end on a generated JSON Lines export.

Writes a 200,000-message export (conversations of customer and agent turns, about 5 % of agent
turns with a forbidden phrase) and a 20,000-message one, runs the command on each in a fresh
process, and prints messages/s with 1 and 2 jobs, the speed-up, and the peak memory (RSS) of the
reading process for both sizes: streaming keeps it flat.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_lint import CLEAN, fill, generate, phrases_of

import phraselint

CUSTOMER = ["Hi, my order {num} has not arrived yet.", "Can you check why I was charged twice?",
            "The router in {city} keeps dropping the connection.", "Thanks, that helps.",
            "I want a refund for {product}.", "Don't tell me to calm down, just fix it."]


def export_records(messages: int, rng: random.Random) -> Iterator[dict[str, object]]:
    """Yield *messages* records: conversations of 4-10 alternating customer/agent turns."""
    linter = phraselint.Linter(languages=["en"])
    agent_texts = generate("en", messages // 2 + 1, phrases_of(linter, "en"), rng)
    agents = ["Sarah", "Tom", "Maria", "Chen", "Ahmed", "Léa"]
    written, conversation = 0, 100000
    while written < messages:
        conversation += 1
        agent = rng.choice(agents)
        for turn in range(rng.randint(4, 10)):
            if written >= messages:
                break
            role = "customer" if turn % 2 == 0 else "agent"
            text = fill(rng.choice(CUSTOMER), rng) if role == "customer" else agent_texts[written // 2]
            day = 1 + conversation % 28
            yield {"conversation_id": str(conversation), "role": role, "content": text,
                   "timestamp": f"2026-10-{day:02d}T10:{turn:02d}:00Z",
                   "agent_name": agent if role == "agent" else None}
            written += 1


def write_export(path: Path, messages: int, rng: random.Random) -> None:
    """Write *messages* JSON Lines records (export_records)."""
    with path.open("w", encoding="utf-8") as out:
        for record in export_records(messages, rng):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def run(path: Path, jobs: int) -> tuple[float, float]:
    """Return (seconds, peak RSS in MB of the reading process) of one `phraselint transcripts` run."""
    args = [sys.executable, "-m", "phraselint", "transcripts", str(path), "--isolated", "--lang", "en",
            "--format", "jsonl", "--output", os.devnull, "--jobs", str(jobs), "--no-progress"]
    start = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    assert process.stderr is not None
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        sys.exit(f"phraselint failed: {process.stderr.read().decode()}")
    return seconds, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--messages", type=int, default=200_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(11)
    with tempfile.TemporaryDirectory() as folder:
        big, small = Path(folder) / "big.jsonl", Path(folder) / "small.jsonl"
        write_export(big, args.messages, rng)
        write_export(small, args.messages // 10, rng)
        print(f"export: {args.messages:,} messages, {big.stat().st_size / 1e6:.0f} MB; "
              f"CLEAN templates: {len(CLEAN['en'])}")
        results = {}
        for jobs in (1, 2):
            runs = [run(big, jobs) for _ in range(args.rounds)]
            seconds = statistics.median(s for s, _ in runs)
            results[jobs] = seconds
            print(f"{args.messages:,} messages, --jobs {jobs}: median {seconds:.1f} s, "
                  f"{args.messages / seconds:,.0f} messages/s, reader peak RSS {max(m for _, m in runs):.0f} MB")
        print(f"speed-up with 2 jobs: {results[1] / results[2]:.2f}x")
        small_memory = max(run(small, 1)[1] for _ in range(args.rounds))
        big_memory = max(run(big, 1)[1] for _ in range(1))
        print(f"peak RSS, --jobs 1: {args.messages // 10:,} messages {small_memory:.0f} MB, "
              f"{args.messages:,} messages {big_memory:.0f} MB (ratio {big_memory / small_memory:.2f})")


if __name__ == "__main__":
    main()
