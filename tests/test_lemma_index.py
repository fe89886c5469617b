"""simplemma's dictionary index, kept on disk: the same lemmas whether built, loaded or rebuilt."""

from __future__ import annotations

from pathlib import Path

import pytest
from simplemma.strategies.dictionaries.stream_dictionary_factory import StreamMap

from phraselint.lang.simplemma_backend import _IndexedStreamMap

WORDS = ("calmed", "policies", "understood", "went", "clauses", "zzzqx", "a")


def test_a_stored_index_gives_the_lemmas_simplemma_gives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PHRASELINT_CACHE_DIR", str(tmp_path))
    plain = StreamMap("en")
    built = _IndexedStreamMap("en")
    assert [p.name for p in tmp_path.iterdir()] == ["simplemma-en.index"]
    loaded = _IndexedStreamMap("en")
    for mapping in (built, loaded):
        assert [mapping.get(w) for w in WORDS] == [plain.get(w) for w in WORDS]
    assert plain.get("understood") == "understand"


def test_a_damaged_or_foreign_index_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PHRASELINT_CACHE_DIR", str(tmp_path))
    plain = StreamMap("en")
    for damage in (b"not a pickle", b""):
        (tmp_path / "simplemma-en.index").write_bytes(damage)
        assert [_IndexedStreamMap("en").get(w) for w in WORDS] == [plain.get(w) for w in WORDS]
    rebuilt = (tmp_path / "simplemma-en.index").read_bytes()
    assert len(rebuilt) > 1000


def test_an_unwritable_cache_folder_only_costs_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("a file where the cache folder would go")
    monkeypatch.setenv("PHRASELINT_CACHE_DIR", str(blocked / "cache"))
    assert _IndexedStreamMap("en").get("understood") == "understand"
