"""Lookup: Chinese or pinyin in, the glossary entry or the standard Hangul out, ready to copy."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from glossary.translit.pinyin import pinyin_query_key
from glossary.text.normalize import fold_width, has_han

from ..service import GlossaryService
from ..views import EntryView, TermView
from ..widgets.entry_detail import EntryDetail


def transliterate(text: str) -> dict:
    """The transliteration engine's answer."""
    from glossary.translit.hanzi import translit  # pypinyin, OpenCC and hanja load on first use

    return translit(text)


def _as_list(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    out = []
    for v in value:
        if isinstance(v, (list, tuple)):
            out.extend(str(x) for x in v)
        elif v:
            out.append(str(v))
    return out


def readings(result: dict) -> list[tuple[str, str]]:
    """(label, text) pairs from a transliteration, in the order a translator wants them."""
    pairs: list[tuple[str, str]] = []
    for hangul in _as_list(result.get("hangul")):
        pairs.append(("standard", hangul))
    for alt in _as_list(result.get("alternatives")):
        if all(alt != t for _, t in pairs):
            pairs.append(("alternative", alt))
    for sk in _as_list(result.get("sino_korean")):
        pairs.append(("Sino-Korean", sk))
    pinyin = result.get("pinyin")
    if pinyin:
        pairs.append(("pinyin", " ".join(_as_list(pinyin)) if not isinstance(pinyin, str) else pinyin))
    return pairs


class LookupScreen(Screen):
    TITLE = "Lookup"
    BINDINGS = [
        Binding("c", "copy", "Copy"),
        Binding("slash", "focus_input", "Type", show=False),
    ]

    class Answer(Message):
        def __init__(self, query: str, view: EntryView | None, pairs: list[tuple[str, str]], note: str) -> None:
            super().__init__()
            self.query = query
            self.view = view
            self.pairs = pairs
            self.note = note

    def __init__(self, service: GlossaryService, **kwargs) -> None:
        super().__init__(**kwargs)
        self.service = service
        self.pairs: list[tuple[str, str]] = []

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield Input(placeholder="Chinese or pinyin, e.g. 常州 or changzhou", id="lookup-input")
        with Horizontal(id="lookup-body"):
            with Vertical(id="lookup-left"):
                yield Static("", id="lookup-note")
                yield OptionList(id="lookup-readings")
            yield EntryDetail(id="lookup-entry", empty="Not in the glossary.")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#lookup-input", Input).focus()

    def action_focus_input(self) -> None:
        self.query_one("#lookup-input", Input).focus()

    @on(Input.Changed, "#lookup-input")
    def changed(self, event: Input.Changed) -> None:
        self.look_up(event.value.strip())

    @on(Input.Submitted, "#lookup-input")
    def submitted(self) -> None:
        readings_list = self.query_one("#lookup-readings", OptionList)
        if readings_list.option_count:
            readings_list.focus()
            readings_list.highlighted = 0

    @work(thread=True, exclusive=True, group="lookup", exit_on_error=False)
    def look_up(self, query: str) -> None:
        view, pairs, note = None, [], ""
        try:
            if query:
                view = self._entry_for(query)
                if view is not None:
                    for tv in view.terms:
                        if tv.term.lang == "ko" and tv.term.status in ("preferred", "admitted"):
                            pairs.append((tv.term.status, tv.term.text))
                    note = "In the glossary."
                result = transliterate(query)
                for label, text in readings(result):
                    if all(text != t for _, t in pairs):
                        pairs.append((label, text))
                if view is None:
                    note = "Not in the glossary: standard transliteration."
        except Exception as exc:  # noqa: BLE001 - a bad query is a message, not a crash
            note = f"cannot look up {query!r}: {exc}"
        if not get_current_worker().is_cancelled:
            self.post_message(self.Answer(query, view, pairs, note))

    def _entry_for(self, query: str) -> EntryView | None:
        text = fold_width(query).strip()
        with self.service.reader() as g:
            entry = None
            if has_han(text):
                entry = g.entry(text)
            else:
                key = pinyin_query_key(text)
                if key:
                    for e in g.search(text, limit=10):
                        if (e.pinyin or "").replace(" ", "") == key:
                            entry = e
                            break
            if entry is None:
                return None
            terms = tuple(TermView(t, tuple(g.sightings_of(t.id, limit=3))) for t in g.terms_of(entry.id))
            return EntryView(entry, terms)

    def on_lookup_screen_answer(self, message: Answer) -> None:
        if message.query != self.query_one("#lookup-input", Input).value.strip():
            return
        self.pairs = message.pairs
        self.query_one("#lookup-note", Static).update(message.note)
        options = self.query_one("#lookup-readings", OptionList)
        options.clear_options()
        options.add_options(
            [Option(Text.assemble((f"{label:<12}", "dim"), (text, "bold")), id=str(i)) for i, (label, text) in enumerate(message.pairs)]
        )
        if message.pairs:
            options.highlighted = 0
        self.query_one(EntryDetail).view = message.view

    @on(OptionList.OptionSelected, "#lookup-readings")
    def selected(self) -> None:
        self.action_copy()

    def action_copy(self) -> None:
        options = self.query_one("#lookup-readings", OptionList)
        index = options.highlighted
        if index is None or index >= len(self.pairs):
            self.app.notify("Nothing to copy.", severity="warning")
            return
        text = self.pairs[index][1]
        self.app.copy_to_clipboard(text)
        self.app.notify(f"Copied {text}", timeout=2)
