"""The pack loader names file, line and rule for every malformed pack."""

from __future__ import annotations

from pathlib import Path

import pytest

import phraselint
from phraselint import RulePackError

GOOD_RULE = """\
calm-down:
  severity: error
  message: "Please don't tell customers to calm down."
  why: It tells the customer their feelings are the problem.
  source: "001"
  patterns:
    - phrase: "calm down"
  rewrites:
    - "I understand how frustrating this is."
  examples:
    bad:
      - text: "Please calm down."
        flag: "calm down"
    good:
      - "I understand how frustrating this is."
"""


def write_pack(root: Path, text: str, name: str = "calm-down") -> Path:
    folder = root / "en"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def load_error(tmp_path: Path, text: str) -> str:
    path = write_pack(tmp_path, text)
    with pytest.raises(RulePackError) as info:
        phraselint.Linter(rules_dirs=[tmp_path]).lint("Please calm down.", lang="en")
    return str(info.value).replace(str(path), "PACK")


def test_valid_pack_loads_and_matches(tmp_path: Path) -> None:
    write_pack(tmp_path, GOOD_RULE)
    (v,) = phraselint.Linter(rules_dirs=[tmp_path]).lint("Please calmed down.", lang="en").violations
    assert (v.rule_id, v.text) == ("en/calm-down.calm-down", "calmed down")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda t: t.replace("  why:", "  colour: red\n  why:"),
         "PACK:4: en/calm-down.calm-down: unknown field 'colour'"),
        (lambda t: t.replace('  source: "001"\n', ""), "PACK:2: en/calm-down.calm-down: missing field 'source'"),
        (lambda t: t.replace("severity: error", "severity: fatal"),
         "PACK:2: en/calm-down.calm-down: 'severity' must be one of info|warning|error, not 'fatal'"),
        (lambda t: t.replace('flag: "calm down"', 'flag: "relax"'),
         "PACK:12: en/calm-down.calm-down: flag 'relax' does not occur in text"),
        (lambda t: t.replace('    - phrase: "calm down"', '    - phrase: "calm down"\n    - phrase: no'),
         "PACK:8: bare 'no' reads as a boolean; quote it"),
        (lambda t: t + t.split("\n", 1)[1].join(["calm-down:\n", ""]),
         "PACK:16: duplicate key 'calm-down'"),
        (lambda t: t.replace('    - phrase: "calm down"', "    - tokens: [{LEMMA: calm, OP: '??'}]"),
         "PACK:7: en/calm-down.calm-down: invalid token pattern"),
        (lambda t: t.replace('    - phrase: "calm down"', "    - regex: '(unclosed'"),
         "PACK:7: en/calm-down.calm-down: invalid regex"),
        (lambda t: t.replace("calm-down:", "no-calm-down:", 1),
         "PACK:1: en/calm-down.no-calm-down: slug names the offending phrase"),
        (lambda t: t.replace("    good:", "    also:"),
         "PACK:10: en/calm-down.calm-down: examples must have exactly the lists 'bad' and 'good'"),
    ],
)
def test_malformed_pack_is_named(tmp_path: Path, change: object, message: str) -> None:
    assert callable(change)
    assert load_error(tmp_path, change(GOOD_RULE)).startswith(message)


def test_duplicate_rule_id_across_folders(tmp_path: Path) -> None:
    write_pack(tmp_path / "a", GOOD_RULE)
    write_pack(tmp_path / "b", GOOD_RULE)
    with pytest.raises(RulePackError, match="duplicate rule id, already defined at"):
        phraselint.Linter(rules_dirs=[tmp_path / "a", tmp_path / "b"]).lint("x", lang="en")


def test_examples_run_by_rules_check_report_failures(tmp_path: Path) -> None:
    from phraselint.selfcheck import check_rules

    write_pack(tmp_path, GOOD_RULE.replace('      - "I understand how frustrating this is."\n',
                                           '      - "Calm down, sir."\n'))
    result = check_rules(phraselint.Linter(rules_dirs=[tmp_path]))
    assert [str(f).split(": ", 1)[1] for f in result.failures] == [
        "en/calm-down.calm-down: good example is flagged: 'Calm down' in 'Calm down, sir.'",
    ]
