"""phraselint: flag customer-service phrases that hurt customers and suggest better ones."""

from phraselint.api import Linter, lint
from phraselint.config import Config, Register, find_config, load_config
from phraselint.errors import (
    ConfigError,
    InputError,
    PatternTimeoutError,
    PhraselintError,
    RulePackError,
    UnsupportedLanguageError,
)
from phraselint.model import CATEGORIES, Report, Severity, Violation

__version__ = "0.1.0"

__all__ = [
    "CATEGORIES",
    "Config",
    "ConfigError",
    "InputError",
    "Linter",
    "PatternTimeoutError",
    "PhraselintError",
    "Register",
    "Report",
    "RulePackError",
    "Severity",
    "UnsupportedLanguageError",
    "Violation",
    "__version__",
    "find_config",
    "lint",
    "load_config",
]
