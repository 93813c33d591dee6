"""Messages: scam texts vary and hide their keywords; normal traffic comes from people and short codes."""

from __future__ import annotations

import numpy as np

from scamnet.sim.scripts import SCRIPTS_EN, SCRIPTS_ZH, render_script

from .conftest import query


def test_scam_messages_come_in_chinese_and_english_with_obfuscation(small_data) -> None:
    texts = [t for (t,) in query(small_data, "SELECT text FROM messages WHERE 'msg:' || msg_id IN "
                                             "(SELECT entity FROM labels WHERE label = 'scam_message')")]
    assert len(set(texts)) > 100
    assert any("\uff10" <= ch <= "\uff19" for t in texts for ch in t)  # full-width digits
    assert any(w in t for t in texts for w in ("V信", "薇信", "威信", "VX", "微❤"))
    assert any(t.isascii() for t in texts) and any(not t.isascii() for t in texts)


def test_normal_messages_include_people_and_services(small_data) -> None:
    senders = dict(query(small_data, """SELECT CASE WHEN sender LIKE '+%' THEN 'number' WHEN regexp_matches(sender, '^[0-9]+$')
        THEN 'short code' ELSE 'sender id' END, count(*) FROM messages
        WHERE 'msg:' || msg_id NOT IN (SELECT entity FROM labels) GROUP BY 1"""))
    assert set(senders) == {"number", "short code", "sender id"}


def test_every_scam_type_renders_in_both_languages_with_its_link() -> None:
    rng = np.random.default_rng(0)
    for scam_type in SCRIPTS_ZH:
        assert scam_type in SCRIPTS_EN
        texts = [render_script(scam_type, rng, english=e, url="https://gov-verify.top/x") for e in (False, True) * 20]
        assert len(set(texts)) > 5
        assert all("https://gov-verify.top/x" in t for t in texts if "gov-verify" in t)
