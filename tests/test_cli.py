"""The command line: exit codes, output formats, and one-line errors for bad input."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from phraselint.cli import main

RU_DRAFT = "Добрый день!\nБоюсь, ты не поймешь. Это описано в пункте 74.2 руководства.\n"


def run(*args: str, stdin: str | bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["check", "--isolated", *args], input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_missing_file_is_a_one_line_error(tmp_path: Path) -> None:
    code, _, err = run(str(tmp_path / "nope.txt"))
    assert (code, err) == (2, f"phraselint: {tmp_path / 'nope.txt'}: no such file\n")


def test_undecodable_bytes_name_file_and_offset(tmp_path: Path) -> None:
    path = tmp_path / "draft.txt"
    path.write_bytes(b"Hello " + b"\xff\xfe world")
    code, _, err = run("--lang", "en", str(path))
    assert (code, err) == (
        2, f"phraselint: {path}: byte 6: cannot decode as utf-8 (invalid start byte); pass --encoding\n",
    )
    code, _, _ = run("--lang", "en", "--encoding", "latin-1", str(path))
    assert code == 0


def test_binary_file_is_skipped_with_a_message(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\x00\x00\x00")
    code, _, err = run("--lang", "en", str(path))
    assert (code, err) == (2, f"phraselint: {path}: binary file skipped\n")


def test_empty_input_is_an_error() -> None:
    code, _, err = run("--lang", "en", "-", stdin="  \n")
    assert (code, err) == (2, "phraselint: <stdin>: empty input, nothing to check\n")


def test_unknown_language_lists_supported_ones() -> None:
    code, _, err = run("--lang", "xx", "-", stdin="hello")
    assert code == 2
    assert err.startswith("Error: unsupported language 'xx'; supported: ")


def test_unknown_rule_id_in_select() -> None:
    code, _, err = run("--select", "en/calm-down.shouting-loudly", "--lang", "en", "-", stdin="Please calm down.")
    assert code == 2
    assert err == "Error: unknown rule id 'en/calm-down.shouting-loudly': no en rule has that id or prefix\n"


def test_malformed_extra_pack_is_named(tmp_path: Path) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "calm-down.yaml").write_text("shout:\n  severity: loud\n", encoding="utf-8")
    code, _, err = run("--rules", str(tmp_path), "--lang", "en", "-", stdin="Hello there.")
    assert code == 2
    assert err.startswith(f"Error: {tmp_path / 'en' / 'calm-down.yaml'}:2: en/calm-down.shout: ")


def test_clean_draft_exits_zero() -> None:
    code, out, _ = run("--lang", "en", "-", stdin="Thank you for your patience; your refund was sent today.")
    assert (code, out) == (0, "All clear: 1 input(s) checked, no violations.\n")


def test_input_file_is_never_written(tmp_path: Path) -> None:
    path = tmp_path / "draft.txt"
    path.write_text(RU_DRAFT, encoding="utf-8")
    before = path.stat().st_mtime_ns, path.read_bytes()
    run("--lang", "ru", str(path))
    assert (path.stat().st_mtime_ns, path.read_bytes()) == before
