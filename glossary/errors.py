"""Typed errors of the kozh library; the CLI turns each into one line on stderr and exit code 2."""

from __future__ import annotations


class KozhError(Exception):
    """Base class: something the user can fix, reported in one line."""


class BadInput(KozhError):
    """An argument, option or file the command cannot use."""


class GlossaryError(KozhError):
    """The glossary database cannot be opened or used as asked."""


class NotAGlossary(GlossaryError):
    """The file exists but is not a SQLite database (or not a kozh glossary)."""


class SchemaTooNew(GlossaryError):
    """The glossary was written by a newer kozh with a schema this version does not know."""


class NotFound(KozhError):
    """A term or entry named by the user is not in the glossary."""


class FileChanged(KozhError):
    """A file changed on disk between reading and writing it back."""
