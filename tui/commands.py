"""The command palette: kozh's screens and actions, searchable by name."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

COMMANDS = [
    ("Draft review", "Review the open draft's findings", "mode('draft')"),
    ("Glossary", "Browse and search the glossary", "mode('glossary')"),
    ("Review queue", "Approve or reject candidate renderings", "mode('review')"),
    ("Lookup", "Transliterate Chinese or pinyin", "mode('lookup')"),
    ("Help", "Show every key", "help"),
    ("Toggle light/dark theme", "Switch between the light and the dark theme", "toggle_theme"),
]


class KozhCommands(Provider):
    async def discover(self) -> Hits:
        for name, help_text, action in COMMANDS:
            yield DiscoveryHit(name, partial(self.app.run_action, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, action in COMMANDS:
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), partial(self.app.run_action, action), help=help_text)
