"""``python -m glossary``: the ``kozh`` command where its console script is not on the PATH."""

from .cli import main

main()
