"""Reports name real victims and, however messily written, only the gang's real numbers, accounts and links."""

from __future__ import annotations

from decimal import Decimal

from scamnet.schema.entities import account_id, phone_id, url_id
from scamnet.sim.reports import written_phone, written_url

from .conftest import query

KIND_ID = {"phone": phone_id, "account": account_id, "url": url_id, "txn": lambda v: f"txn:{v}"}
KIND_ROLES = {"phone": {"fraud_number"}, "account": {"mule_l1"}, "url": {"scam_url"}, "txn": {"victim_transfer"}}


def test_reports_come_from_labelled_victims_paying_from_their_own_account(small_data) -> None:
    rows = query(small_data, """
        SELECT r.report_id, l.label, a.holder_id = r.victim_person, r.loss_amount, paid.total
        FROM reports r LEFT JOIN labels l ON l.entity = 'person:' || r.victim_person AND l.label = 'victim'
        JOIN accounts a ON a.account_id = r.victim_account
        JOIN (SELECT src_account, sum(amount) AS total FROM transfers WHERE 'txn:' || txn_id IN
              (SELECT entity FROM labels WHERE label = 'victim_transfer') GROUP BY 1) paid ON paid.src_account = r.victim_account""")
    assert len(rows) == query(small_data, "SELECT count(*) FROM reports")[0][0] > 0
    for _, label, own, loss, total in rows:
        assert label == "victim" and own and Decimal(0) < loss <= total


def test_every_report_item_normalises_to_an_entity_the_gang_used(small_data) -> None:
    labels = dict(query(small_data, "SELECT entity, list(label) FROM labels GROUP BY entity"))
    items = query(small_data, "SELECT kind, value FROM report_items")
    assert {kind for kind, _ in items} >= {"phone", "account"}
    for kind, value in items:
        assert set(labels[KIND_ID[kind](value)]) & KIND_ROLES[kind], (kind, value)


def test_victims_write_numbers_and_links_in_many_forms() -> None:
    forms = {written_phone("+8613812345678", style) for style in range(4)}
    assert len(forms) == 4 and {phone_id(f) for f in forms} == {"phone:+8613812345678"}
    defanged = written_url("https://icbc-verify.top/a1", defang=True)
    assert defanged == "hxxps://icbc-verify[.]top/a1" and url_id(defanged) == url_id("https://icbc-verify.top/a1")


def test_reports_arrive_after_the_payments(small_data) -> None:
    first_payment_before = query(small_data, """
        SELECT bool_and(first_paid < reported_at) FROM reports r JOIN (
          SELECT src_account, min(ts) AS first_paid FROM transfers WHERE 'txn:' || txn_id IN
          (SELECT entity FROM labels WHERE label = 'victim_transfer') GROUP BY 1) p ON p.src_account = r.victim_account""")
    assert first_payment_before == [(True,)]
