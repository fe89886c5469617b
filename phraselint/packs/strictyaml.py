"""Strict YAML reading: duplicate keys and bare yes/no are errors, and lines are kept."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from phraselint.errors import RulePackError

_AMBIGUOUS_BOOLS = frozenset({"yes", "no", "on", "off", "y", "n"})


class LineDict(dict[str, object]):
    """A mapping that remembers the 1-based line of itself and of each key."""

    line: int
    key_lines: dict[str, int]


def read_yaml(path: Path) -> object:
    """Return the YAML document in *path*, rejecting what PyYAML would read silently wrong."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RulePackError(path, None, None, f"cannot read: {exc}") from exc
    loader = _StrictLoader(text, path)
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise RulePackError(path, line, None, f"invalid YAML: {exc.problem}") from exc
    finally:
        loader.dispose()


# libyaml's parser reads the packs ~3x faster than the pure-Python one (start-up time); PyYAML's
# wheels include it, and a build without it falls back to the pure-Python parser.
if TYPE_CHECKING:
    _Base = yaml.SafeLoader
else:
    _Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_Base):
    def __init__(self, stream: str, path: Path) -> None:
        super().__init__(stream)
        self.path = path

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LineDict:  # type: ignore[override]
        mapping = LineDict()
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if not isinstance(key, str):
                raise RulePackError(self.path, line, None, f"key {key!r} must be a string (quote it)")
            if key in mapping:
                raise RulePackError(self.path, line, None, f"duplicate key {key!r}")
            mapping[key] = self.construct_object(value_node, deep=True)
            mapping.key_lines[key] = line
        return mapping

    def construct_yaml_bool(self, node: yaml.ScalarNode) -> bool:
        value = self.construct_scalar(node)
        if isinstance(value, str) and value.lower() in _AMBIGUOUS_BOOLS:
            raise RulePackError(
                self.path, node.start_mark.line + 1, None,
                f"bare {value!r} reads as a boolean; quote it (\"{value}\") or write true/false",
            )
        return bool(super().construct_yaml_bool(node))


_StrictLoader.add_constructor("tag:yaml.org,2002:map", _StrictLoader.construct_mapping)
_StrictLoader.add_constructor("tag:yaml.org,2002:bool", _StrictLoader.construct_yaml_bool)
