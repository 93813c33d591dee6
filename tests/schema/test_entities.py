import pytest
from hypothesis import given
from hypothesis import strategies as st

from scamnet.schema.entities import (
    EntityError,
    account_id,
    domain_id,
    normalise_phone,
    phone_id,
    split_entity,
    url_id,
)

PHONE_FORMS = [
    ("+86 138 1234 5678", "+8613812345678"),
    ("0086 13812345678", "+8613812345678"),
    ("13812345678", "+8613812345678"),
    ("138-1234-5678", "+8613812345678"),
    ("+8613812345678", "+8613812345678"),
    ("（+86）138 1234 5678", "+8613812345678"),
    ("１３８１２３４５６７８", "+8613812345678"),
    ("+44 20 7946 0958", "+442079460958"),
    ("+1 (415) 555-0132", "+14155550132"),
]


@pytest.mark.parametrize(("raw", "e164"), PHONE_FORMS)
def test_national_and_international_forms_map_to_one_e164_number(raw: str, e164: str) -> None:
    assert normalise_phone(raw, "CN") == e164


def test_a_number_without_country_code_is_read_in_the_configured_region() -> None:
    assert phone_id("020 7946 0958", "GB") == "phone:+442079460958"


@pytest.mark.parametrize("raw", ["", "hello", "+86 1", "12"])
def test_text_that_is_no_phone_number_is_an_error(raw: str) -> None:
    with pytest.raises(EntityError):
        normalise_phone(raw)


def test_accounts_lose_spaces_and_dashes_and_are_upper_cased() -> None:
    assert account_id("gb82 west-1234 5698 7654 32") == "account:GB82WEST12345698765432"


def test_defanged_urls_and_domains_are_refanged() -> None:
    assert url_id("hxxps://Secure-ICBC[.]com/login#top") == "url:https://secure-icbc.com/login"
    assert domain_id("login.secure-icbc[.]com.cn") == "domain:secure-icbc.com.cn"


def test_entity_ids_split_into_kind_and_value() -> None:
    assert split_entity("phone:+8613812345678") == ("phone", "+8613812345678")
    with pytest.raises(EntityError):
        split_entity("nokind")


# Long-allocated mobile blocks only: not every 1[3-9]x prefix is assigned (179 is not, for one).
@given(st.from_regex(r"1(3[0-9]|5[0-35-9]|8[0-9])[0-9]{8}", fullmatch=True))
def test_every_chinese_mobile_number_has_one_id_in_all_its_forms(national: str) -> None:
    expected = "phone:+86" + national
    forms = [national, "+86" + national, "0086" + national, f"+86 {national[:3]} {national[3:7]} {national[7:]}"]
    assert {phone_id(f) for f in forms} == {expected}


@given(st.text(max_size=30))
def test_phone_normaliser_either_returns_e164_or_raises_a_clear_error(text: str) -> None:
    try:
        value = normalise_phone(text)
    except EntityError as exc:
        assert "phone number" in exc.message
    else:
        assert value.startswith("+") and value[1:].isdigit()
