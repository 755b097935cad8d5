"""The README stays true: every command and every lint rule is documented there."""

import re
from pathlib import Path

from glossary.cli import cli
from glossary.lint.rules import RULES

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_the_two_commands():
    head = README[: README.index("## A short tour")]
    assert "make run" in head and "make test" in head


def _commands_in_readme() -> dict[str, set[str]]:
    """Each command named in the README's table of commands, with the subcommands its row names
    (``kozh terms add/list/search`` gives ``terms: {add, list, search}``)."""
    table = README[README.index("## All commands"):]
    table = table[: table.index("\n\n", table.index("| command |"))]
    named: dict[str, set[str]] = {}
    for line in table.splitlines()[2:]:
        for words in re.findall(r"`kozh ([^`]+)`", line.split("|")[1]):
            name, *rest = words.split()
            named.setdefault(name, set()).update(rest[0].split("/") if rest else ())
    return named


def test_every_command_is_in_the_readme():
    named = _commands_in_readme()
    for name, command in cli.commands.items():
        assert name in named, name
        for sub in getattr(command, "commands", {}):
            assert sub in named[name], f"{name} {sub}"


def test_every_rule_has_a_readme_row_and_docstring_sections():
    assert len(RULES) == 9
    for code, rule in RULES.items():
        assert f"| `{code}` |" in README, code
        doc = type(rule).__doc__ or ""
        for section in ("What it does", "Why is this bad?", "Example", "Use instead", "Fix safety"):
            assert section in doc, (rule.code, section)
