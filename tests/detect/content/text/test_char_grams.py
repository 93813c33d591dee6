from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from scamnet.detect.content.normalise import normalise_text
from scamnet.detect.content.text.char_grams import char_gram_tfidf
from scamnet.detect.content.text.corpus_zh import chinese_corpus
from scamnet.detect.content.text.model import load_text_model, save_text_model, train_text_model
from scamnet.detect.content.text.scam_text import EXAMPLE_TEXTS

EDGES = ["", " ", "a", "ab", "x  y", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 beyond the BMP 😀😀", "tab\tand\nnewline"]


def texts() -> list[str]:
    corpus, _ = chinese_corpus(seed=1)
    return [normalise_text(t) for t in [*corpus[::8], *EXAMPLE_TEXTS]] + EDGES


def test_numpy_counting_gives_exactly_scikit_learns_tfidf_matrix() -> None:
    docs = texts()
    fitted = TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3), sublinear_tf=True, lowercase=False, min_df=2,
                             max_features=3000, dtype=np.float64).fit(docs[:300])
    fast, slow = char_gram_tfidf(fitted, docs), fitted.transform(docs)
    assert fast.nnz == slow.nnz > 0
    assert abs(fast - slow).max() == 0.0


def test_a_saved_and_loaded_model_scores_the_same_through_the_fast_path(tmp_path: Path) -> None:
    corpus, labels = chinese_corpus(seed=2)
    model = train_text_model(corpus[::10], labels[::10])
    save_text_model(model, tmp_path / "m.json.gz")
    loaded = load_text_model(tmp_path / "m.json.gz")
    docs = texts()
    assert abs(char_gram_tfidf(loaded.vectoriser, docs) - loaded.vectoriser.transform(docs)).max() == 0.0


def test_settings_it_does_not_cover_fall_back_to_scikit_learn() -> None:
    docs = texts()
    words = TfidfVectorizer(analyzer="word").fit(docs)
    assert abs(char_gram_tfidf(words, docs) - words.transform(docs)).max() == 0.0
