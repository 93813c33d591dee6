"""The link model's trees on one row at a time (LightGBM's single-row prediction) give ``Booster.predict``'s output
bit for bit, odd values included."""

from __future__ import annotations

import math
import struct

import lightgbm as lgb
import numpy as np
import pytest

from scamnet.detect.content.url.model import FEW_LINKS, signal_matrix, stack_matrix
from scamnet.detect.content.url.parts import url_parts
from scamnet.detect.content.url.tree_rows import tree_rows
from scamnet.detect.content.url.url_risk import EXAMPLE_LINKS, links_in_text, protected_brands, url_model

LINKS = [link for text in EXAMPLE_LINKS for link in links_in_text(text)] + [
    "https://www.amazon.co.uk/gp/x",
    "bit.ly/3xYz",
    "http://xn--pypal-4ve.com/signin",
    "https://docs.google.com/forms/d/x",
    "http://login.microsoftonline.com.account-verify.top/common/oauth2?redirect=http://evil.xyz",
    "https://example.org",
]
ODD = [math.nan, 0.0, -0.0, -1.0, 1e-40, 1e300, -1e300, math.inf, 7.5]


def _stacked_rows() -> np.ndarray:
    model, brands = url_model(None), protected_brands()
    parts = [url_parts(link) for link in LINKS]
    signals = signal_matrix(parts, brands, model.sites)
    stacked = stack_matrix(parts, signals, model.linear_logits(parts, signals))
    odd = [
        np.where(np.arange(stacked.shape[1]) % len(ODD) == k, value, row)
        for row in stacked
        for k, value in enumerate(ODD)
    ]  # every ninth input made odd, in turn
    return np.vstack([stacked, *odd])


def _bits(values: list[float] | np.ndarray) -> list[bytes]:
    return [struct.pack("d", float(v)) for v in values]


def test_each_links_trees_output_alone_is_the_arrays_bit_for_bit() -> None:
    booster, rows = url_model(None).booster, _stacked_rows()
    assert booster is not None and len(rows) > 100
    alone = tree_rows(booster)
    assert alone is not None
    assert _bits(alone.predict(rows.tolist())) == _bits(booster.predict(rows, num_threads=1))
    assert _bits([alone.predict([row])[0] for row in rows.tolist()[:20]]) == _bits(
        [booster.predict(rows[i : i + 1], num_threads=1)[0] for i in range(20)]
    )


def test_a_few_links_are_scored_one_row_at_a_time_as_many_are_together() -> None:
    model, brands = url_model(None), protected_brands()
    parts = [url_parts(link) for link in LINKS]
    together = model.probabilities(parts, brands)  # more than FEW_LINKS links: Booster.predict on the array
    assert len(parts) > FEW_LINKS
    assert _bits([model.probabilities([p], brands)[0] for p in parts]) == _bits(together)


def test_a_row_of_the_wrong_length_is_refused() -> None:
    booster = url_model(None).booster
    assert booster is not None
    alone = tree_rows(booster)
    assert alone is not None
    with pytest.raises(ValueError, match="features"):
        alone.predict([[0.0] * (booster.num_feature() - 1)])


def test_a_model_of_several_outputs_a_row_keeps_the_array_path() -> None:
    rng = np.random.default_rng(0)
    x, y = rng.normal(size=(60, 3)), np.arange(60) % 3
    booster = lgb.train(
        {"objective": "multiclass", "num_class": 3, "verbose": -1, "num_threads": 1},
        lgb.Dataset(x, label=y),
        num_boost_round=2,
    )
    assert tree_rows(booster) is None
