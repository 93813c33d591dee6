"""Every example in a docstring runs (STYLE.md: examples run as tests)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import scamnet

MODULES = sorted(
    info.name
    for info in pkgutil.walk_packages(scamnet.__path__, "scamnet.")
    if ".engines.spark" not in info.name and not info.name.endswith("__main__")
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_hold(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} docstring example(s) in {name} do not hold"
