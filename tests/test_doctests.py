"""The ``>>>`` examples in the library's docstrings are run, so they cannot drift from the code."""

import doctest
import importlib
import pkgutil

import pytest

import glossary

MODULES = sorted(m.name for m in pkgutil.walk_packages(glossary.__path__, "glossary.") if not m.name.endswith("__main__"))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name))
    assert result.failed == 0, name
