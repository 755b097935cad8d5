"""``kozh lsp``: kozh in the editor, as a language server over standard input and output.

- :mod:`.server`: the LSP handlers (pygls): diagnostics on open, change (after a pause) and save;
  code actions; hover; the glossary commands.
- :mod:`.drafts`: the open drafts and the one place the lint library is called, as ``kozh lint``
  calls it.
- :mod:`.positions`: character offsets ↔ LSP positions (UTF-16 code units by default).
- :mod:`.actions`: quick fixes, glossary actions and inline suppression.
- :mod:`.hover`: glossary entries and the readings of Chinese names.

pygls and lsprotocol are imported only when the server runs; the rest of kozh never loads them.
How to attach it to VS Code, Neovim and Helix: ``docs/editors.md``.
"""


def serve(db: str | None = None) -> None:
    """Run the language server on stdio (see :func:`glossary.lsp.server.serve`)."""
    from .server import serve as run

    run(db)
