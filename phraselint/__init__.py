"""phraselint: flag customer-service phrases that hurt customers and suggest better ones."""

from phraselint.api import Linter, lint
from phraselint.batch import lint_batch, violation_schema
from phraselint.config import Config, Register, find_config, load_config
from phraselint.errors import (
    CheckTimeoutError,
    ConfigError,
    InputError,
    MissingExtraError,
    PatternTimeoutError,
    PhraselintError,
    RulePackError,
    UnsupportedLanguageError,
)
from phraselint.guard import CheckFailedError, OnFailure, PhraseViolationError, check, guard, guarded
from phraselint.model import CATEGORIES, Report, Severity, Violation

__version__ = "0.1.0"

__all__ = [
    "CATEGORIES",
    "CheckFailedError",
    "CheckTimeoutError",
    "Config",
    "ConfigError",
    "InputError",
    "Linter",
    "MissingExtraError",
    "OnFailure",
    "PatternTimeoutError",
    "PhraseViolationError",
    "PhraselintError",
    "Register",
    "Report",
    "RulePackError",
    "Severity",
    "UnsupportedLanguageError",
    "Violation",
    "__version__",
    "check",
    "find_config",
    "guard",
    "guarded",
    "lint",
    "lint_batch",
    "load_config",
    "violation_schema",
]
