"""A message's text judged alone (the one-row paths) gets, bit for bit, the verdict it gets judged among many texts
(the arrays' paths): the text's score and probability, label and reasons, each link's scores and reasons, and the
findings."""

from __future__ import annotations

import struct
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from scamnet.detect.content.text.corpus_en import english_corpus
from scamnet.detect.content.text.corpus_zh import chinese_corpus
from scamnet.detect.content.text.model import FEW_TEXTS
from scamnet.detect.content.text.scam_text import EXAMPLE_TEXTS
from scamnet.detect.content.url.url_risk import EXAMPLE_LINKS
from scamnet.online.content import ContentJudge, Judged, findings_of
from scamnet.service.simulate import simulate_world

ODD_TEXTS = [
    "", " ", "\t\n", "😀", "😀😀 🎁🎁 免费领取 🎁", "ＵＲＧＥＮＴ！您的账户异常，请点击 ｈｔｔｐｓ：／／ｉｃｂｃ－ｓａｆｅ．ｔｏｐ 核实",
    "【工商银行】ＩＣＢＣ尾号１２３４", "https://www.icbc.com.cn.secure-login.xyz/verify", "bit.ly/3xYz",
    "visit www.example.org and http://103.75.1.198/gov/subsidy and paypa1[.]com", "a", "ab", "x  y",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 beyond the BMP 😀", "加微信 领取退款 " * 60, "CLAIM YOUR PRIZE NOW!!! call 09061701461",
    "Ваш аккаунт заблокирован, перейдите по ссылке http://sber-bank.ru.login-check.cc", "您好，这里是公安局。" * 3,
    "hi", "你好", "1234567890", "$$$ 100% free $$$", "привет 你好 hello مرحبا",
]


@pytest.fixture(scope="module")
def texts(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The demo world's distinct message texts, two corpora's texts in turn, the examples and odd texts."""
    folder: Path = tmp_path_factory.mktemp("world")
    simulate_world(folder, "demo", seed=7, people=120, days=3)
    world = list(dict.fromkeys(t for t in pq.read_table(folder / "messages.parquet")["text"].to_pylist() if t))
    chinese, english = chinese_corpus(seed=4)[0][::25], english_corpus(seed=4)[0][::10]
    return list(dict.fromkeys([*world, *chinese, *english, *EXAMPLE_TEXTS, *EXAMPLE_LINKS, *ODD_TEXTS]))


def _bits(x: float | None) -> bytes | None:
    return None if x is None else struct.pack("d", x)


def facts(judged: Judged) -> tuple[Any, ...]:
    """Everything a verdict on a text holds, each score as its 8 bytes."""
    text = judged.text
    links = [(link.given, _bits(link.score), _bits(link.model_score), _bits(link.probability), link.band,
              link.reasons()) for link in judged.links]
    found = [(f.detector, f.subject, _bits(f.score), f.evidence) for f in findings_of(judged)]
    return (_bits(text.score), _bits(text.probability), text.label, text.band, text.scam_type, text.reasons(),
            links, judged.template, judged.link_keys, found)


def test_the_texts_are_many_and_varied(texts: list[str]) -> None:
    assert len(texts) > 600
    assert sum("http" in t or "www." in t for t in texts) > 100 and "" in texts


def test_each_text_judged_alone_gets_its_verdict_among_all_bit_for_bit(texts: list[str]) -> None:
    together = ContentJudge().judged_many(texts)  # more than FEW_TEXTS texts and links: the arrays
    judge = ContentJudge()
    alone = [judge.judged_many([text])[0] for text in texts]
    assert [facts(j) for j in alone] == [facts(j) for j in together]
    assert sum(j.flagged for j in alone) > 50 and sum(not j.flagged for j in alone) > 50


def test_texts_judged_a_few_at_a_time_get_their_verdicts_among_all_bit_for_bit(texts: list[str]) -> None:
    together = ContentJudge().judged_many(texts)
    judge, step = ContentJudge(), FEW_TEXTS - 3
    in_fives = [j for i in range(0, len(texts), step) for j in judge.judged_many(texts[i : i + step])]
    assert [facts(j) for j in in_fives] == [facts(j) for j in together]
