"""Where the glossary lives and what ``kozh.toml`` says.

The glossary path comes from ``--db``, else ``$KOZH_DB``, else ``db`` in the nearest ``kozh.toml``
found upward from the current folder (or the draft's folder), else ``./glossary.db``.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BadInput

CONFIG_NAME = "kozh.toml"
DEFAULT_DB = "glossary.db"


@dataclass
class Config:
    """Settings read from a ``kozh.toml``."""

    path: Path | None = None
    """The file they came from, or None for defaults."""
    db: str | None = None
    """Glossary path, relative to the config file's folder."""
    rules: dict[str, object] = field(default_factory=dict)
    """Per rule: ``false`` to turn it off, or a severity name."""
    base: bool = True
    """Consult the bundled base glossary (``base = false`` turns it off)."""


def find_config(start: Path | None = None) -> Path | None:
    """The nearest ``kozh.toml`` in ``start`` or a parent folder."""
    here = (start or Path.cwd()).resolve()
    if here.is_file():
        here = here.parent
    for folder in (here, *here.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


def load_config(start: Path | None = None) -> Config:
    """Read the nearest ``kozh.toml``; defaults when there is none.

    Raises:
        BadInput: the file is not valid TOML.
    """
    path = find_config(start)
    if path is None:
        return Config()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise BadInput(f"{path}: not valid TOML ({exc})") from None
    db = data.get("db")
    if db is not None:
        db = str((path.parent / str(db)))
    rules = data.get("rules", {})
    if not isinstance(rules, dict):
        raise BadInput(f"{path}: [rules] must be a table")
    base = data.get("base", True)
    if not isinstance(base, bool):
        raise BadInput(f"{path}: base must be true or false")
    return Config(path=path, db=db, rules=rules, base=base)


def resolve_db(option: str | None, start: Path | None = None) -> str:
    """The glossary path by the documented order of precedence."""
    if option:
        return option
    env = os.environ.get("KOZH_DB")
    if env:
        return env
    config = load_config(start)
    if config.db:
        return config.db
    return DEFAULT_DB
