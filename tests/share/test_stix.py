import json
from datetime import UTC, datetime

import pytest
import stix2

from scamnet.core.errors import InputError
from scamnet.share.keyed_hash import entity_hash
from scamnet.share.stix import export_bundle, parse_bundle

AT = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
SECRET = b"a secret two agencies share, 32b"


def _row(kind: str, value: str, **extra) -> dict:
    return {"indicator_id": f"{kind}:{value}", "kind": kind, "value": value, "hashed": False, "confidence": 0.93,
            "first_seen": AT, "last_seen": datetime(2026, 3, 5, tzinfo=UTC), "scam_type": "phishing", "gang_id": "K001",
            "source": "own", **extra}


ROWS = [_row("phone", "+8613812345678"), _row("url", "https://icbc-safe.top/login"), _row("domain", "icbc-safe.top"),
        _row("account", "6217000012345678", gang_id=None, scam_type=None), _row("wallet", "ethereum:0xab12cd")]


def test_a_bundle_parses_back_with_stix2_and_validates() -> None:
    text = export_bundle(ROWS, "Agency A", AT)
    bundle = stix2.parse(text, allow_custom=True)
    kinds = sorted(o["type"] for o in bundle.objects)  # custom observables come back as dicts
    assert kinds.count("indicator") == 5 and kinds.count("intrusion-set") == 1 and kinds.count("identity") == 1
    assert kinds.count("relationship") == 4  # every indicator of gang K001 indicates it
    phone = next(o for o in bundle.objects if o["type"] == "indicator" and "phone" in o.pattern)
    assert phone.pattern == "[x-scamnet-phone:value = '+8613812345678']"
    assert phone.confidence == 93 and phone.labels == ["phishing"]
    wallet = next(o for o in bundle.objects if o["type"] == "cryptocurrency-wallet")
    assert (wallet["chain"], wallet["address"]) == ("ethereum", "0xab12cd")
    assert list(wallet["extensions"]) == [o["id"] for o in bundle.objects if o["type"] == "extension-definition"]


def test_indicators_come_back_as_they_went_out() -> None:
    parsed = parse_bundle(export_bundle(ROWS, "Agency A", AT), "a.json")
    assert parsed.producer == "Agency A" and parsed.skipped == 0
    back = {(r["kind"], r["value"]): r for r in parsed.indicators}
    assert set(back) == {(r["kind"], r["value"]) for r in ROWS}
    phone = back[("phone", "+8613812345678")]
    assert (phone["confidence"], phone["gang_id"], phone["scam_type"]) == (0.93, "K001", "phishing")
    assert phone["first_seen"] == AT and phone["last_seen"] == datetime(2026, 3, 5, tzinfo=UTC)
    assert back[("account", "6217000012345678")]["gang_id"] is None


def test_a_hashed_bundle_carries_no_raw_value() -> None:
    rows = [_row("phone", entity_hash("phone:+8613812345678", SECRET), hashed=True)]
    text = export_bundle(rows, "Agency A", AT)
    assert "13812345678" not in text
    (back,) = parse_bundle(text, "h.json").indicators
    assert back["hashed"] and back["value"] == entity_hash("phone:+8613812345678", SECRET)


def test_a_partners_plain_stix_url_indicator_is_read_and_normalised() -> None:
    indicator = stix2.Indicator(pattern="[url:value = 'HTTP://Login.ICBC-safe.top/x']", pattern_type="stix",
                                valid_from=AT, confidence=70)
    sha = "ab" * 32
    other = stix2.Indicator(pattern=f"[file:hashes.'SHA-256' = '{sha}']", pattern_type="stix", valid_from=AT)
    parsed = parse_bundle(stix2.Bundle(indicator, other).serialize(), "p.json")
    assert [(r["kind"], r["value"], r["confidence"]) for r in parsed.indicators] == [
        ("url", "http://login.icbc-safe.top/x", 0.7)]
    assert parsed.skipped == 1


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ('{"type": "bundle", "objects": [', "line 1"),
        ('[1, 2]', "a STIX 2.1 bundle"),
        (json.dumps({"type": "bundle", "id": "bundle--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061",
                     "objects": [{"type": "indicator", "spec_version": "2.1"}]}), "valid STIX 2.1 objects"),
    ],
)
def test_a_malformed_bundle_is_an_input_error_saying_what_is_wrong(text: str, says: str) -> None:
    with pytest.raises(InputError, match=says):
        parse_bundle(text, "bad.json")


def test_an_indicator_with_a_value_that_is_no_phone_number_is_named_in_the_error() -> None:
    bad = stix2.Indicator(id="indicator--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061", pattern="[x-scamnet-phone:value = 'call me']",
                          pattern_type="stix", valid_from=AT, allow_custom=True)
    with pytest.raises(InputError, match="bad.json, object 1, column 'pattern'"):
        parse_bundle(stix2.Bundle(bad, allow_custom=True).serialize(), "bad.json")


def test_the_bundle_is_what_the_stix2_library_builds_from_the_same_rows() -> None:
    rows = [*ROWS, _row("url", "https://x.top/it's a \\trap/登录", gang_id=None), _row("phone", "+8613900000000", last_seen=None,
                                                                                     first_seen=None, scam_type=None)]
    ours = json.loads(export_bundle(rows, "Agency A", AT))
    parsed = stix2.parse(ours, allow_custom=True)  # validates every object, patterns included
    # custom observables (the wallets, stix_wallets.py) parse back as plain dicts
    theirs = {o["id"]: o if isinstance(o, dict) else json.loads(o.serialize()) for o in parsed.objects}
    wallets = [o for o in ours["objects"] if o["type"] in ("cryptocurrency-wallet", "extension-definition")]
    assert len(theirs) == len(ours["objects"]) == 1 + 1 + len(rows) + 5 + len(wallets)
    for obj in ours["objects"]:
        assert obj == theirs[obj["id"]]
        if obj["type"] == "indicator":
            rebuilt = stix2.Indicator(**{k: v for k, v in obj.items() if k not in ("type",)}, allow_custom=True)
            assert json.loads(rebuilt.serialize()) == obj


def test_the_same_indicators_give_the_same_bundle_byte_for_byte() -> None:
    assert export_bundle(ROWS, "Agency A", AT) == export_bundle([dict(r) for r in ROWS], "Agency A", AT)
