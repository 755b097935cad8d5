"""The README stays true: every command and every lint rule is documented there."""

from pathlib import Path

from glossary.cli import cli
from glossary.lint.rules import RULES

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_the_two_commands():
    head = README[: README.index("## A short tour")]
    assert "make run" in head and "make test" in head


def test_every_command_is_in_the_readme():
    for name, command in cli.commands.items():
        assert f"kozh {name}" in README, name
        for sub in getattr(command, "commands", {}):
            assert sub in README, f"{name} {sub}"


def test_every_rule_has_a_readme_row_and_docstring_sections():
    assert len(RULES) == 9
    for code, rule in RULES.items():
        assert f"| `{code}` |" in README, code
        doc = type(rule).__doc__ or ""
        for section in ("What it does", "Why is this bad?", "Example", "Use instead", "Fix safety"):
            assert section in doc, (rule.code, section)
