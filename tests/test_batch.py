"""lint_batch: Arrow and pandas batches in, one row per violation out, with a fixed schema."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pytest

import phraselint
from phraselint.api import shared_linter
from phraselint.config import Config, TranscriptSettings
from phraselint.model import Role

MESSAGES = pa.table({
    "conversation_id": ["a", "a", "b", "b", "c"],
    "index": [0, 1, 0, 1, 0],
    "role": ["customer", "agent", "assistant", "Agent", "agent"],
    "text": ["Calm down? No!", "Please calm down, that's our policy.", "Боюсь, ты не поймешь.", None, "I don't know."],
    "lang": [None, "en-US", "ru", "en", None],
})
CALM = "I understand how upsetting this is, and I'm going to help you sort it out right now."
SHOWN = ("conversation_id", "index", "lang", "rule_id", "start", "end", "text")
EXPECTED = [
    ("a", 1, "en", "en/calm-down.calm-down", 0, 16, "Please calm down"),
    ("a", 1, "en", "en/policy-shield.thats-our-policy", 18, 35, "that's our policy"),
    ("b", 0, "ru", "ru/condescension.wont-understand", 0, 20, "Боюсь, ты не поймешь"),
    ("b", 0, "ru", "ru/informal-address.ty-pronoun", 7, 9, "ты"),
    ("c", 0, "en", "en/uncertainty.i-dont-know", 0, 12, "I don't know"),
]


def shown(rows: list[dict[str, object]]) -> list[tuple[object, ...]]:
    return [tuple(r[k] for k in SHOWN) for r in rows]


def test_a_table_gives_a_table_of_violations_of_agent_and_bot_turns() -> None:
    found = phraselint.lint_batch(MESSAGES, text="text", lang="lang", speaker="role", ids=("conversation_id", "index"))
    assert isinstance(found, pa.Table)
    assert found.schema == phraselint.violation_schema(MESSAGES.schema.remove(4).remove(3).remove(2))
    assert shown(found.to_pylist()) == EXPECTED
    first = found.to_pylist()[0]
    assert (first["category"], first["severity"], first["line"], first["column"]) == ("calm-down", "error", 1, 1)
    assert first["rewrites"][0] == CALM


def test_a_record_batch_gives_a_record_batch_and_an_empty_one_keeps_the_schema() -> None:
    batch = MESSAGES.to_batches()[0]
    found = phraselint.lint_batch(batch, text="text", lang="lang", speaker="role", ids=("conversation_id", "index"))
    assert isinstance(found, pa.RecordBatch)
    assert shown(found.to_pylist()) == EXPECTED
    empty = phraselint.lint_batch(batch.slice(0, 0), text="text", lang="lang", speaker="role",
                                  ids=("conversation_id", "index"))
    assert (empty.num_rows, empty.schema) == (0, found.schema)


def test_a_dataframe_gives_a_dataframe() -> None:
    frame = MESSAGES.to_pandas()
    found = phraselint.lint_batch(frame, text="text", lang="lang", speaker="role", ids=("conversation_id", "index"))
    assert isinstance(found, pd.DataFrame)
    assert list(found.columns) == ["conversation_id", "index", *phraselint.violation_schema().names]
    assert shown(found.to_dict("records")) == EXPECTED
    assert found["rewrites"][0][0] == CALM
    empty = phraselint.lint_batch(frame.iloc[:0], text="text", ids=("conversation_id",))
    assert (len(empty), list(empty.columns)) == (0, ["conversation_id", *phraselint.violation_schema().names])


def test_without_a_speaker_column_every_row_is_linted_and_languages_are_detected() -> None:
    found = phraselint.lint_batch(MESSAGES, text="text", ids=("conversation_id",))
    assert [(r["conversation_id"], r["lang"], r["text"]) for r in found.to_pylist()][:2] == [
        ("a", "en", "Calm down"), ("a", "en", "Please calm down"),
    ]


def test_speakers_and_configured_roles_choose_the_rows() -> None:
    customers = phraselint.lint_batch(MESSAGES, text="text", speaker="role", speakers=("customer",), ids=("index",))
    assert [(r["index"], r["text"]) for r in customers.to_pylist()] == [(0, "Calm down")]
    config = Config(transcripts=TranscriptSettings(roles=(("assistant", Role.CUSTOMER),)))
    agents = phraselint.lint_batch(MESSAGES, text="text", lang="lang", speaker="role", ids=("conversation_id",),
                                   config=config)
    assert {r["conversation_id"] for r in agents.to_pylist()} == {"a", "c"}


def test_rows_in_a_language_without_rules_are_not_linted() -> None:
    table = pa.table({"id": [1, 2], "text": ["Calm down.", "Calm down."], "lang": ["ja", "en"]})
    assert phraselint.lint_batch(table, text="text", lang="lang", ids=("id",)).column("id").to_pylist() == [2]


@pytest.mark.parametrize(("options", "problem"), [
    ({"text": "body"},
     "lint_batch: no column 'body'; the batch has 'conversation_id', 'index', 'role', 'text', 'lang'"),
    ({"text": "index"}, "lint_batch: text column 'index' holds int64, not text"),
    ({"text": "text", "ids": ("lang",)}, "lint_batch: id column 'lang' has the name of an output column; rename it"),
    ({"text": "text", "speakers": ("agents",)},
     "lint_batch: unknown speaker role 'agents'; roles: agent, bot, customer, system, unknown"),
])
def test_bad_columns_and_roles_are_config_errors(options: dict[str, object], problem: str) -> None:
    with pytest.raises(phraselint.ConfigError) as caught:
        phraselint.lint_batch(MESSAGES, **options)  # type: ignore[call-overload]
    assert str(caught.value) == problem


def test_a_missing_extra_names_the_pip_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("phraselint.extras.importlib.util.find_spec", lambda name: None)
    with pytest.raises(phraselint.MissingExtraError) as caught:
        phraselint.lint_batch(MESSAGES, text="text")
    assert str(caught.value) == "lint_batch needs pyarrow (not installed): pip install 'phraselint[dask]'"


def test_each_process_builds_one_linter_per_configuration() -> None:
    assert shared_linter(Config()) is shared_linter(None)
    assert shared_linter(Config(ignore=("uncertainty",))) is not shared_linter(Config())


def test_the_same_violations_as_lint() -> None:
    found = phraselint.lint_batch(MESSAGES, text="text", lang="lang", speaker="role", ids=("index",))
    texts = MESSAGES.column("text").to_pylist()
    expected = [
        (v.rule_id, v.start, v.end, v.text, list(v.rewrites))
        for text, lang in ((texts[1], "en"), (texts[2], "ru"), (texts[4], None))
        for v in phraselint.lint(text, lang=lang).violations
    ]
    assert [(r["rule_id"], r["start"], r["end"], r["text"], r["rewrites"]) for r in found.to_pylist()] == expected


def test_anything_but_an_arrow_or_pandas_table_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="lint_batch takes a pyarrow Table or RecordBatch or a pandas DataFrame"):
        phraselint.lint_batch([{"text": "Calm down."}], text="text")  # type: ignore[call-overload]
