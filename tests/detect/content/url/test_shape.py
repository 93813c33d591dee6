"""The shape of a link: each part measured on its own."""

from __future__ import annotations

from scamnet.detect.content.url.parts import url_parts
from scamnet.detect.content.url.shape import SHAPE_FEATURES, shape_features


def _shape(link: str) -> dict[str, float]:
    return dict(zip(SHAPE_FEATURES, shape_features(url_parts(link)), strict=True))


def test_a_random_looking_host_has_more_digits_and_fewer_vowels_than_a_word() -> None:
    random, word = _shape("http://x7k2q9z4.top/"), _shape("http://gardening.org/")
    assert random["name_digit_share"] > 0.4 > word["name_digit_share"]
    assert random["name_vowel_share"] < word["name_vowel_share"]


def test_path_depth_query_parameters_and_file_extension_are_counted() -> None:
    shape = _shape("https://www.a.com/wp-admin/css/x/update.php?id=1&step=2")
    assert (shape["path_depth"], shape["query_params"], shape["extension_length"]) == (4, 2, 3)
    assert shape["www"] and shape["https"] and shape["path_words"] == 6
