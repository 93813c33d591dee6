"""Recruitment: the people who become mules are first offered money for their accounts (or a job abroad)."""

from __future__ import annotations

from .conftest import query

RECRUITED = """
    SELECT m.msg_id, m.sent_at, m.text, a.account_id, l.gang_id
    FROM messages m
    JOIN labels l ON l.entity = 'msg:' || m.msg_id AND l.label = 'scam_message'
    JOIN accounts a ON a.msisdn = m.recipient
    JOIN labels mule ON mule.entity = 'account:' || a.account_id AND mule.label IN ('mule_l1', 'mule_l2', 'mule_l3', 'cashout')
    WHERE m.channel = 'chat' AND mule.gang_id = l.gang_id
      AND m.sent_at < (SELECT min(sent_at) FROM messages) + INTERVAL 1 HOUR  -- recruitment comes first
"""


def test_most_mule_holders_receive_a_recruitment_message_from_their_gang_before_money_moves(small_data) -> None:
    rows = query(small_data, RECRUITED)
    mules = query(small_data, "SELECT count(*) FROM labels WHERE label IN ('mule_l1', 'mule_l2', 'mule_l3', 'cashout')")[0][0]
    reached = {account for _, _, _, account, _ in rows}
    assert len(reached) >= 0.6 * mules
    first_out = dict(query(small_data, "SELECT src_account, min(ts) FROM transfers GROUP BY 1"))
    # the offer comes before the account first passes victims' money on
    late = [a for _, sent, _, a, _ in rows if a in first_out and first_out[a] < sent]
    assert len(late) <= 0.1 * len(reached)


def test_recruitment_offers_come_in_chinese_and_english_and_name_cards_or_jobs_abroad(small_data) -> None:
    texts = [text for _, _, text, _, _ in query(small_data, RECRUITED)]
    assert any(text.isascii() for text in texts) and any(not text.isascii() for text in texts)
    words = ("收卡", "两卡", "银行卡", "对公账户", "收款码", "bank card", "bank account", "SIM cards", "租给我们", "柬埔寨", "缅甸", "迪拜",
             "老挝", "菲律宾", "西港", "Cambodia", "Myanmar", "Dubai", "Laos", "Sihanoukville")
    assert all(any(w in text for w in words) for text in texts)


def test_genuine_job_adverts_and_card_renting_warnings_are_sent_and_not_labelled(small_data) -> None:
    (adverts,), = query(small_data, """SELECT count(*) FROM messages WHERE (text LIKE '%招聘%' OR text LIKE '%hiring%'
        OR text LIKE '%出租、出借%' OR text LIKE '%renting, lending%') AND sender NOT LIKE '+%'
        AND 'msg:' || msg_id NOT IN (SELECT entity FROM labels)""")
    assert adverts > 0
