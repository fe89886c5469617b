"""examples/spark_lint.py: lint_batch inside Spark's mapInArrow, in local mode, gives lint_batch's rows.

Spark needs Java; the test is skipped on a machine without it (CI's machines have Java 17).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from operator import itemgetter
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import phraselint

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "spark_lint.py"


@pytest.mark.skipif(shutil.which("java") is None, reason="Spark needs Java")
def test_the_spark_example_writes_lint_batch_rows(tmp_path: Path) -> None:
    messages = pa.table({
        "conversation_id": ["c1", "c1", "c2", "c2", "c3"],
        "index": [0, 1, 0, 1, 0],
        "role": ["customer", "agent", "assistant", "agent", "agent"],
        "text": ["Calm down? Never!", "Please calm down, that's our policy.", "Боюсь, ты не поймешь.",
                 "I don't know.", "Thank you!"],
        "lang": [None, "en", "ru", None, "en"],
    })
    pq.write_table(messages, tmp_path / "messages.parquet")
    run = subprocess.run(
        [sys.executable, str(EXAMPLE), str(tmp_path / "messages.parquet"), str(tmp_path / "violations"),
         "--master", "local[1]"],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert run.stdout.splitlines()[0] == f"5 messages, 5 violations written to {tmp_path / 'violations'}"
    written = pq.read_table(tmp_path / "violations").to_pylist()
    expected = phraselint.lint_batch(messages, text="text", lang="lang", speaker="role",
                                     ids=("conversation_id", "index")).to_pylist()
    key = itemgetter("conversation_id", "index", "start", "rule_id")
    assert sorted(written, key=key) == sorted(expected, key=key)
