"""The command line: exit codes, output formats, and one-line errors for bad input."""

from __future__ import annotations

import json
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


def test_text_output_names_path_line_column_rule_and_better_phrasing(tmp_path: Path) -> None:
    path = tmp_path / "draft.txt"
    path.write_text(RU_DRAFT, encoding="utf-8")
    code, out, _ = run("--lang", "ru", str(path))
    assert code == 1
    assert out.splitlines()[:3] == [
        f"{path}:2:1  error  ru/condescension.wont-understand"
        "  Не говорите клиенту, что он не поймёт: объясните проще, на примере или по шагам.",
        "    flagged: Боюсь, ты не поймешь",
        "    better:  Давайте я объясню на простом примере: это работает так же, как …",
    ]
    assert out.splitlines()[-1] == "Found 3 violation(s) (3 error) in 1 of 1 input(s)."


def test_json_on_stdin_for_a_pre_send_hook() -> None:
    code, out, _ = run("--lang", "ru", "--format", "json", "-", stdin=RU_DRAFT)
    document = json.loads(out)
    assert code == 1
    assert document["ok"] is False
    assert document["counts"] == {"condescension": 1, "informal-address": 1, "manual-reference": 1}
    (entry,) = document["files"]
    assert (entry["path"], entry["lang"]) == ("<stdin>", "ru")
    assert [(v["rule_id"], v["start"], v["end"], v["text"]) for v in entry["violations"]] == [
        ("ru/condescension.wont-understand", 13, 33, "Боюсь, ты не поймешь"),
        ("ru/informal-address.ty-pronoun", 20, 22, "ты"),
        ("ru/manual-reference.described-in-clause", 35, 72, "Это описано в пункте 74.2 руководства"),
    ]


def test_jsonl_one_object_per_violation_and_detected_language() -> None:
    code, out, _ = run("--format", "jsonl", "-", stdin="Please calm down, sir. We will look into it.")
    assert code == 1
    assert [json.loads(line) for line in out.splitlines()] == [{
        "path": "<stdin>", "lang": "en", "rule_id": "en/calm-down.calm-down", "category": "calm-down",
        "severity": "error", "start": 0, "end": 16, "text": "Please calm down", "line": 1, "column": 1,
        "message": "Don't tell the customer to calm down; acknowledge how they feel instead.",
        "rewrites": [
            "I understand how upsetting this is, and I'm going to help you sort it out right now.",
            "I can see why this is frustrating. Here is what I can do for you right away: …",
        ],
    }]


def test_fail_on_and_ignore_change_the_exit_status() -> None:
    text = "I'm not sure, let me think."
    assert run("--lang", "en", "--select", "uncertainty", "-", stdin=text)[0] == 0
    assert run("--lang", "en", "--fail-on", "warning", "-", stdin=text)[0] == 1
    assert run("--lang", "en", "--fail-on", "warning", "--ignore", "uncertainty", "-", stdin=text)[0] == 0


def test_statistics_counts_per_rule(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("Please calm down.", encoding="utf-8")
    code, out, _ = run("--lang", "en", "--statistics", str(tmp_path))
    assert (code, out) == (1, "    2  error    en/calm-down.calm-down\n")


def test_rules_explain_and_list() -> None:
    result = CliRunner().invoke(main, ["rules", "explain", "ru/condescension.wont-understand"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "ru/condescension.wont-understand  (condescension, error)"
    assert "Better phrasing:" in result.stdout
    listing = CliRunner().invoke(main, ["rules", "list", "--lang", "fi", "--category", "calm-down"])
    assert [line.split()[0] for line in listing.stdout.splitlines()] == [
        "fi/calm-down.rauhoitu", "fi/calm-down.ota-rauhallisesti", "fi/calm-down.ala-hermostu",
    ]
    unknown = CliRunner().invoke(main, ["rules", "explain", "ru/condescension.nope"])
    assert (unknown.exit_code, unknown.stderr) == (
        2, "Error: unknown rule id 'ru/condescension.nope'; `phraselint rules list` shows them\n",
    )


def test_rules_check_runs_a_team_pack(tmp_path: Path) -> None:
    folder = tmp_path / "en"
    folder.mkdir()
    (folder / "dismissal.yaml").write_text(
        "busy-day:\n  severity: warning\n  message: Don't tell customers you are swamped.\n"
        "  why: It makes the customer feel like a burden.\n  source: team\n"
        "  patterns:\n    - phrase: \"we are swamped\"\n  rewrites:\n    - \"Thank you for waiting.\"\n"
        "  examples:\n    bad:\n      - text: \"Sorry, we are swamped.\"\n        flag: \"we are swamped\"\n"
        "    good:\n      - \"Thank you for waiting.\"\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["rules", "check", str(tmp_path)])
    assert (result.exit_code, result.stdout) == (0, "1 language(s), 1 rules: 3 passed, 0 failed\n")
