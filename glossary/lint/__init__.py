"""Linting drafts: the engine, findings, fixes, the glossary index, rules and report formats."""
