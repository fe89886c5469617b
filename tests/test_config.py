"""Configuration: selection, severity overrides, register, allowed phrases and discovery."""

from __future__ import annotations

from pathlib import Path

import pytest

import phraselint
from phraselint import Config, ConfigError, Register, Severity
from tests.conftest import TEST_RULES

TEXT = "Боюсь, ты не поймёшь."


def ids(config: Config, text: str = TEXT, lang: str = "ru") -> list[str]:
    linter = phraselint.Linter(config=config, rules_dirs=[TEST_RULES])
    return [v.rule_id for v in linter.lint(text, lang=lang).violations]


def test_select_and_ignore_by_id_prefix_and_category() -> None:
    assert ids(Config(select=("condescension",))) == ["ru/condescension.wont-understand"]
    assert ids(Config(ignore=("ru/informal-address",))) == ["ru/condescension.wont-understand"]
    assert ids(Config(select=("ru",), ignore=("ru/condescension.wont-understand",))) == ["ru/informal-address.ty"]


def test_informal_register_turns_informal_address_off() -> None:
    assert ids(Config(register=(("ru", Register.INFORMAL),))) == ["ru/condescension.wont-understand"]


def test_severity_override_most_specific_wins() -> None:
    config = Config(severity=(("ru", Severity.INFO), ("ru/informal-address.ty", Severity.WARNING)))
    report = phraselint.Linter(config=config, rules_dirs=[TEST_RULES]).lint(TEXT, lang="ru")
    assert [(v.rule_id, v.severity) for v in report.violations] == [
        ("ru/informal-address.ty", Severity.WARNING),
        ("ru/condescension.wont-understand", Severity.INFO),
    ]
    assert report.ok


def test_allowed_phrase_is_not_flagged() -> None:
    assert ids(Config(allow=("that's our policy",)), "Sorry, that's our policy.", "en") == []


def test_unknown_selector_is_an_error() -> None:
    with pytest.raises(ConfigError, match="unknown rule id, category or language 'politeness'"):
        phraselint.Linter(config=Config(select=("politeness",)), rules_dirs=[TEST_RULES])
    linter = phraselint.Linter(config=Config(ignore=("ru/condescension.no-such-rule",)), rules_dirs=[TEST_RULES])
    with pytest.raises(ConfigError, match=r"unknown rule id 'ru/condescension\.no-such-rule'"):
        linter.lint(TEXT, lang="ru")


def test_config_discovered_from_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.phraselint]\nignore = ["uncertainty"]\nfail-on = "warning"\n'
        '[tool.phraselint.register]\nru = "informal"\n[tool.phraselint.severity]\n"calm-down" = "info"\n',
        encoding="utf-8",
    )
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    found = phraselint.find_config(nested)
    assert found == tmp_path / "pyproject.toml"
    config = phraselint.load_config(found)
    assert (config.ignore, config.fail_on, config.register, config.severity) == (
        ("uncertainty",), Severity.WARNING, (("ru", Register.INFORMAL),), (("calm-down", Severity.INFO),),
    )


def test_phraselint_toml_wins_and_bad_values_are_named(tmp_path: Path) -> None:
    (tmp_path / "phraselint.toml").write_text('fail-on = "fatal"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"phraselint.toml: fail-on: 'fatal' is not one of info\|warning\|error"):
        phraselint.load_config(tmp_path / "phraselint.toml")
    (tmp_path / "phraselint.toml").write_text('colour = "red"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown setting 'colour'"):
        phraselint.load_config(tmp_path / "phraselint.toml")
