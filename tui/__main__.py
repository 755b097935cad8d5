"""``python -m tui [DRAFT] [--db PATH]``: the same as ``kozh tui``."""

from __future__ import annotations

import argparse
import sys

from glossary.lint.config import resolve_db


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tui", description="kozh's terminal UI")
    parser.add_argument("draft", nargs="?", help="draft to review")
    parser.add_argument("--db", help="glossary file")
    args = parser.parse_args(argv)
    from .app import run

    return run(resolve_db(args.db), args.draft)


if __name__ == "__main__":
    sys.exit(main())
