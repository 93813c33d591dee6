from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from scamnet.detect.content.normalise import normalise_text
from scamnet.detect.content.text.char_grams import char_gram_row, char_gram_tfidf
from scamnet.detect.content.text.corpus_zh import chinese_corpus
from scamnet.detect.content.text.model import FEW_TEXTS, load_text_model, save_text_model
from scamnet.detect.content.text.scam_text import EXAMPLE_TEXTS
from scamnet.detect.content.text.train import train_text_model

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


def test_one_text_counted_with_the_vocabulary_dict_gives_the_matrix_row() -> None:
    docs = texts()
    fitted = TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3), sublinear_tf=True, lowercase=False, min_df=2,
                             max_features=3000, dtype=np.float64).fit(docs[:300])
    matrix = char_gram_tfidf(fitted, docs)
    for i, doc in enumerate(docs):
        row = char_gram_row(fitted, doc)
        assert row is not None
        columns, values = row
        assert columns == matrix[i].indices.tolist()
        assert values == matrix[i].data.tolist()  # bit for bit
    assert char_gram_row(TfidfVectorizer(analyzer="word").fit(docs), docs[0]) is None  # not covered: the arrays


def test_a_message_scored_alone_gets_the_probabilities_it_gets_in_a_batch() -> None:
    corpus, labels = chinese_corpus(seed=3)
    model = train_text_model(corpus[::10], labels[::10])
    docs = texts()
    batch = model.class_probabilities(docs)  # more than FEW_TEXTS: the arrays
    assert len(docs) > FEW_TEXTS
    alone = np.vstack([model.class_probabilities([doc]) for doc in docs])
    in_fours = np.vstack([model.class_probabilities(docs[i : i + 4]) for i in range(0, len(docs), 4)])
    assert alone.tobytes() == batch.tobytes() and in_fours.tobytes() == batch.tobytes()  # bit for bit
    assert (batch.argmax(axis=1) == alone.argmax(axis=1)).all()


def test_a_link_read_as_characters_across_the_whole_text_gives_scikit_learns_row() -> None:
    links = ["paypal.com.secure-login.xyz/signin", "bit.ly/3xYz", "a", "", "x  \t y", "支付宝.cn/退款", "gov-safe.cc"] * 3
    fitted = TfidfVectorizer(analyzer="char", ngram_range=(1, 5), sublinear_tf=True, lowercase=False,
                             dtype=np.float64).fit(links[::2])
    matrix = fitted.transform(links)
    for i, link in enumerate(links):
        row = char_gram_row(fitted, link)
        assert row is not None
        assert row[0] == sorted(matrix[i].indices.tolist())
        assert row[1] == matrix[i].toarray()[0, row[0]].tolist()  # bit for bit
