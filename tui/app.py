"""The kozh translator's app: draft review, glossary, review queue and lookup, one mode each."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any, Callable

from textual.app import App
from textual.binding import Binding

from glossary.errors import KozhError

from .commands import KozhCommands
from .service import GlossaryService

DARK, LIGHT = "textual-dark", "textual-light"


class KozhApp(App):
    """``KozhApp(db_path, draft_path=None)``; screens get the glossary service (attributes down)
    and report back with messages."""

    CSS_PATH = "app.tcss"
    TITLE = "kozh"
    COMMANDS = App.COMMANDS | {KozhCommands}
    BINDINGS = [
        Binding("f1", "help", "Help"),
        Binding("f2", "mode('draft')", "Draft"),
        Binding("f3", "mode('glossary')", "Glossary"),
        Binding("f4", "mode('review')", "Review"),
        Binding("f5", "mode('lookup')", "Lookup"),
        Binding("f9", "toggle_theme", "Theme", show=False),
    ]

    def __init__(self, db_path: str | Path, draft_path: str | Path | None = None, *, theme: str = DARK) -> None:
        super().__init__()
        self.db_path = str(db_path)
        self.draft_path = str(draft_path) if draft_path else None
        self.service: GlossaryService | None = None
        self.start_theme = theme

    # errors become notifications ------------------------------------------------------------

    def guard(self, fn: Callable[..., Any], *args, default: Any = None, **kwargs) -> Any:
        """Call ``fn``; a library, database or file error becomes a notification and ``default``."""
        try:
            return fn(*args, **kwargs)
        except KozhError as exc:
            self.notify(str(exc), severity="error", timeout=6)
        except sqlite3.Error as exc:
            message = str(exc)
            if "locked" in message or "busy" in message:
                message = f"the glossary is locked by another program; try again ({message})"
            self.notify(f"glossary error: {message}", severity="error", timeout=6)
        except OSError as exc:
            self.notify(f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), severity="error", timeout=6)
        except UnicodeError as exc:
            self.notify(f"cannot encode or decode: {exc}", severity="error", timeout=6)
        return default

    # screens --------------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.theme = self.start_theme
        try:
            self.service = GlossaryService(self.db_path)
        except (KozhError, sqlite3.Error, OSError) as exc:
            self.exit(message=f"kozh: error: {exc}", return_code=2)
            return
        from .screens.glossary import GlossaryScreen
        from .screens.lookup import LookupScreen
        from .screens.review_queue import ReviewQueueScreen

        self.add_mode("glossary", lambda: GlossaryScreen(self.service))
        self.add_mode("review", lambda: ReviewQueueScreen(self.service))
        self.add_mode("lookup", lambda: LookupScreen(self.service))
        if self.draft_path and self._add_draft_mode():
            self.switch_mode("draft")
        else:
            self.switch_mode("glossary")

    def _add_draft_mode(self) -> bool:
        from glossary.sources.document import read_document

        from .screens.draft_review import DraftReviewScreen

        doc = self.guard(read_document, self.draft_path)
        if doc is None:
            return False
        self.add_mode("draft", lambda: DraftReviewScreen(self.service, doc))
        return True

    def action_mode(self, mode: str) -> None:
        if mode not in self._modes:
            self.notify("No draft open: start with `kozh tui DRAFT`.", severity="warning", timeout=3)
            return
        self.switch_mode(mode)

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT if self.theme == DARK else DARK

    def on_unmount(self) -> None:
        if self.service is not None:
            self.service.close()


def run(db_path: str, draft_path: str | None = None) -> int:
    app = KozhApp(db_path, draft_path)
    app.run()
    return app.return_code or 0
