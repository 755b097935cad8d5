"""The help screen: every key of every screen."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

HELP = """\
# kozh — keys

| Key | Anywhere |
| --- | --- |
| F1 | this help |
| F2 / F3 / F4 / F5 | draft review / glossary / review queue / lookup |
| Ctrl+P | command palette |
| F9 | light or dark theme |
| Ctrl+Q | quit |

| Key | Draft review (findings list focused) |
| --- | --- |
| ↑ ↓ | select a finding (the cursor follows in the draft) |
| Enter | edit the draft at the finding |
| a | apply the suggestion |
| s | skip the finding |
| c | accept the found form as an admitted rendering |
| n | add a new Korean–Chinese pair to the glossary |
| u | undo the last fix or glossary change |
| Ctrl+S | save the draft (atomic; encoding and line breaks kept) |
| Tab | move between the draft and the findings |

| Key | Glossary |
| --- | --- |
| / | search Korean, Chinese (simplified or traditional) or pinyin |
| Enter, e | edit the entry |
| Ctrl+Z | undo the last glossary change |

| Key | Entry editor |
| --- | --- |
| p / a / d | make the rendering preferred / admitted / deprecated |
| Enter in a field | save the house spelling or the note |
| Ctrl+Z | undo |
| Esc | close |

| Key | Review queue |
| --- | --- |
| p / a | approve as preferred / admitted |
| r | reject (deprecate) |
| m | merge into another entry |
| u | undo |

| Key | Lookup |
| --- | --- |
| type | Chinese or pinyin |
| ↓ then Enter, c | copy the selected reading to the clipboard |
"""


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,f1", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Markdown(HELP)

    async def action_dismiss(self, result=None) -> None:
        self.dismiss(None)
