"""The public API is exactly what __all__ lists."""

from __future__ import annotations

import phraselint


def test_all_is_pinned() -> None:
    assert sorted(phraselint.__all__) == [
        "CATEGORIES", "CheckFailedError", "CheckTimeoutError", "Config", "ConfigError", "InputError", "Linter",
        "MissingExtraError", "OnFailure", "PatternTimeoutError", "PhraseViolationError", "PhraselintError",
        "Register", "Report", "RulePackError", "Severity", "UnsupportedLanguageError", "Violation", "__version__",
        "check", "find_config", "guard", "guarded", "lint", "lint_batch", "load_config", "violation_schema",
    ]


def test_unsupported_language_lists_supported_ones() -> None:
    try:
        phraselint.lint("hello", lang="xx")
    except phraselint.UnsupportedLanguageError as exc:
        assert str(exc).startswith("unsupported language 'xx'; supported: ")
        assert "en" in exc.supported and "ru" in exc.supported
    else:
        raise AssertionError("no error for an unsupported language")
