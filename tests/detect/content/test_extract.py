import pytest

from scamnet.detect.content.extract import extract_indicators
from scamnet.detect.content.extract_checks import is_btc_address, is_id_card_number, is_tron_address, luhn_valid

FOUND = [
    # Chinese mobiles in the forms people write them
    ("客服电话 13812345678 请回电", "phone:+8613812345678"),
    ("王警官 138 1234 5678", "phone:+8613812345678"),
    ("联系 138-1234-5678。", "phone:+8613812345678"),
    ("+86 138 1234 5678", "phone:+8613812345678"),
    ("+86-13812345678", "phone:+8613812345678"),
    ("0086 13812345678", "phone:+8613812345678"),
    ("电话：１３８１２３４５６７８", "phone:+8613812345678"),
    ("回拨 17123456789", "phone:+8617123456789"),
    # landlines, service numbers, international
    ("北京市公安局 010-65123456", "phone:+861065123456"),
    ("上海 021-87654321", "phone:+862187654321"),
    ("深圳 (0755) 12345678", "phone:+8675512345678"),
    ("全国热线 400-820-8820", "phone:+864008208820"),
    ("请致电95588核实", "phone:95588"),
    ("call 12315 to complain", "phone:12315"),
    ("Call +44 20 7946 0958 now", "phone:+442079460958"),
    ("HMRC: +44 7911 123456", "phone:+447911123456"),
    ("US desk +1 202-555-0143", "phone:+12025550143"),
    ("香港 +852 9123 4567", "phone:+85291234567"),
    # links and domains, also defanged
    ("官网 https://abc-pay.top/reg?id=7", "url:https://abc-pay.top/reg?id=7"),
    ("hxxps://login.icbc-verify[.]com/x", "url:https://login.icbc-verify.com/x"),
    ("hxxp://bad(.)example(.)net/a", "url:http://bad.example.net/a"),
    ("点击 http://1.2.3.4:8080/pay", "url:http://1.2.3.4:8080/pay"),
    ("下载 www.kuaidi-pei.cn/app，马上领取", "url:http://www.kuaidi-pei.cn/app"),
    ("登录 abc-pay.top 领取退款", "domain:abc-pay.top"),
    ("访问 abc-pay【.】top", "domain:abc-pay.top"),
    ("visit secure-hmrc[.]co[.]uk today", "domain:secure-hmrc.co.uk"),
    ("邮箱 Refund.Desk@ICBC-verify.com", "email:refund.desk@icbc-verify.com"),
    # bank cards that pass Luhn, grouped or not
    ("卡号 6222 0212 3456 7890 128", "card:6222021234567890128"),
    ("卡号：6222021234567890128", "card:6222021234567890128"),
    ("card 4111-1111-1111-1111", "card:4111111111111111"),
    ("pay to 5500 0000 0000 0004", "card:5500000000000004"),
    # crypto wallets
    ("BTC 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "wallet:bitcoin:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"),
    ("转到 3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", "wallet:bitcoin:3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy"),
    ("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", "wallet:bitcoin:bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"),
    ("ETH: 0x52908400098527886E0F7030069857D2E4169EE7", "wallet:ethereum:0x52908400098527886e0f7030069857d2e4169ee7"),
    ("USDT(TRC20) TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", "wallet:tron:TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"),
    # chat handles after a keyword
    ("加微信：ab_8899", "handle:wechat:ab_8899"),
    ("加V信 kefu2024", "handle:wechat:kefu2024"),
    ("薇信号:Abc_123", "handle:wechat:abc_123"),
    ("WeChat ID: lucky_amy88", "handle:wechat:lucky_amy88"),
    ("QQ号：2837465910", "handle:qq:2837465910"),
    ("扣扣 12345678", "handle:qq:12345678"),
    ("Telegram @qy_manager_amy", "handle:telegram:qy_manager_amy"),
    ("纸飞机：@usdt_otc_king", "handle:telegram:usdt_otc_king"),
    ("tg: fastprofit", "handle:telegram:fastprofit"),
    ("WhatsApp +44 7911 123456.", "handle:whatsapp:+447911123456"),
]

NOT_FOUND = [
    ("订单号 1234567812345678", "a 16-digit order number that fails Luhn is not a card"),
    ("4111 1111 1111 1112", "one digit off: Luhn fails"),
    ("2024-05-12 13:45 到账", "a date and a time are not phone numbers"),
    ("20240512", "a compact date is not a phone number"),
    ("金额 95588 元", "a service number needs a call keyword before it"),
    ("身份证 110101199003074514", "a resident ID number is not a bank card"),
    ("打开 readme.md 和 setup.py", "file names are not domains"),
    ("version 3.14 and v2.0.1", "numbers with dots are not domains"),
    ("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6u", "a TRON address with a broken checksum"),
    ("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb", "a Bitcoin address with a broken checksum"),
    ("line up please, online shopping", "English 'line' without a colon is not the LINE app"),
    ("坐飞机去北京", "'飞机' followed by Chinese is a plane, not Telegram"),
    ("编号 12345", "five digits without a call keyword are no service number"),
    ("余额 13800.50 元", "an amount is not a phone number"),
]


@pytest.mark.parametrize(("text", "entity"), FOUND)
def test_indicator_is_found_and_normalised_to_its_entity_id(text: str, entity: str) -> None:
    assert [found.entity for found in extract_indicators(text)] == [entity]


@pytest.mark.parametrize(("text", "why"), NOT_FOUND)
def test_near_miss_is_not_an_indicator(text: str, why: str) -> None:
    assert extract_indicators(text) == [], why


def test_offsets_point_at_the_text_as_written_even_with_full_width_digits() -> None:
    text = "【工行】请拨打１３８ １２３４ ５６７８，或登录 hxxps://icbc-verify[.]com"
    found = extract_indicators(text)
    assert [text[f.start : f.end] for f in found] == ["１３８ １２３４ ５６７８", "hxxps://icbc-verify[.]com"]
    assert [f.value for f in found] == [text[f.start : f.end] for f in found]


def test_a_report_narrative_yields_every_indicator_in_order() -> None:
    narrative = (
        "受害人称3月2日接到自称上海市公安局民警的电话 021-87654321，对方让其加QQ 2837465910 并登录 "
        "hxxp://gab-ajcx[.]top 填写银行卡 6222 0212 3456 7890 128，随后按指示向 USDT 地址 "
        "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t 转账 5 万元。"
    )
    assert [(f.kind, f.entity) for f in extract_indicators(narrative)] == [
        ("phone", "phone:+862187654321"),
        ("handle", "handle:qq:2837465910"),
        ("url", "url:http://gab-ajcx.top/"),
        ("card", "card:6222021234567890128"),
        ("wallet", "wallet:tron:TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"),
    ]


def test_a_url_is_one_indicator_not_also_a_domain_and_an_email_name_is_not_a_handle() -> None:
    found = extract_indicators("see https://abc-pay.top/x or write to kefu@abc-pay.top")
    assert [f.kind for f in found] == ["url", "email"]


def test_check_digits() -> None:
    assert luhn_valid("6222021234567890128") and not luhn_valid("6222021234567890127")
    assert is_btc_address("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq")
    assert not is_btc_address("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdr")
    assert is_tron_address("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t") and not is_tron_address("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa")
    assert is_id_card_number("110101199003074514") and not is_id_card_number("110101199013074514")
