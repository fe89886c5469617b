"""Draft reader: one file (or standard input) is one message."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from phraselint.errors import InputError

STDIN = "-"
DRAFT_SUFFIXES = (".txt", ".md", ".text")
_SNIFF_BYTES = 8192


@dataclass(frozen=True, slots=True)
class Draft:
    """A text to lint and where it came from (``<stdin>`` for standard input)."""

    source: str
    text: str


def expand_paths(paths: tuple[str, ...]) -> Iterator[str]:
    """Yield each path, with folders replaced by their draft files in sorted order."""
    for name in paths or (STDIN,):
        path = Path(name)
        if name != STDIN and path.is_dir():
            yield from (str(p) for p in sorted(path.rglob("*")) if p.suffix in DRAFT_SUFFIXES and p.is_file())
        else:
            yield name


def read_draft(name: str, *, encoding: str = "utf-8") -> Draft:
    """Return the Draft in file *name* (``-`` reads standard input)."""
    source = "<stdin>" if name == STDIN else name
    try:
        data = sys.stdin.buffer.read() if name == STDIN else Path(name).read_bytes()
    except FileNotFoundError:
        raise InputError(source, "no such file") from None
    except IsADirectoryError:
        raise InputError(source, "is a directory") from None
    except OSError as exc:
        raise InputError(source, f"cannot read: {exc.strerror}") from None
    if b"\x00" in data[:_SNIFF_BYTES]:
        raise InputError(source, "binary file skipped")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            source, f"byte {exc.start}: cannot decode as {encoding} ({exc.reason}); pass --encoding"
        ) from None
    except LookupError:
        raise InputError(source, f"unknown encoding {encoding!r}") from None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise InputError(source, "empty input, nothing to check")
    return Draft(source=source, text=text)
