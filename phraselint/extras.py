"""Optional dependencies: check that an extra's modules are installed before a feature imports them."""

from __future__ import annotations

import importlib.util

from phraselint.errors import MissingExtraError


def require(feature: str, *modules: str, extra: str) -> None:
    """Raise MissingExtraError naming *extra* when any of *modules* is not installed.

    The check finds the modules without importing them, so a feature imports what it needs only
    when it runs and ``import phraselint`` stays fast without the extra.
    """
    missing = tuple(m for m in modules if importlib.util.find_spec(m) is None)
    if missing:
        raise MissingExtraError(feature, missing, extra)
