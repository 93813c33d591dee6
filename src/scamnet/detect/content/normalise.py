"""Undo the tricks scam senders use to slip past keyword filters, so that cues and models see plain text.

Full-width letters, spaces or symbols between Chinese characters, Cyrillic or Greek letters that
look Latin, zero-width characters and the many spellings of WeChat all map to one plain form.
A plain message and its obfuscated variants normalise to the same string.

>>> normalise_text("加 V 信：ＡＢＣ１２３，领取*退*款")
'加微信:abc123,领取退款'
>>> normalise_text("Cаll nоw") == normalise_text("Call now")
True
>>> normalise_text("薇信") == normalise_text("威信") == normalise_text("vx") == "微信"
True
"""

from __future__ import annotations

import re
import unicodedata

# Letters from other scripts that render like Latin ones (Cyrillic, Greek), and digit-for-letter swaps
# are left alone: "0" in a phone number must stay a digit.
_HOMOGLYPHS = str.maketrans(
    {
        "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i", "ј": "j",
        "ԁ": "d", "ѕ": "s", "ԛ": "q", "ԝ": "w", "һ": "h", "ӏ": "l", "к": "k", "м": "m", "т": "t",
        "в": "b", "н": "h", "α": "a", "ο": "o", "ρ": "p", "ε": "e", "ν": "v", "τ": "t", "ι": "i",
        "κ": "k", "χ": "x", "υ": "u", "ω": "w", "β": "b", "ѡ": "w", "ɡ": "g", "ı": "i",
    }
)
_INVISIBLE = re.compile("[\u200b-\u200f\u2060-\u2064\ufeff\u00ad\u180e]")
_CJK = "\u3400-\u4dbf\u4e00-\u9fff"
# Spaces and decoration symbols wedged between characters; sentence punctuation (，。！？：；) stays.
_FILLER = r"[\s\*\-_·•\.\|/\\~\^\+#=`'\"‘’“”<>〈〉★☆♥❤◆●○✓✔→♡~…]+"
_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}a-z0-9]){_FILLER}(?=[{_CJK}])|(?<=[{_CJK}]){_FILLER}(?=[a-z0-9])")
_SPACES = re.compile(r"\s+")

#: Spellings of the chat apps that scammers use to move victims off SMS, each → its plain name.
_APP_ALIASES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?:v|w|vx|wx|威|薇|微|围|徽|维|卫|嶶|溦)信|vx|wx|weixin|wechat|we chat|微x|威x|薇x|(?<=加)v(?![a-z])"), "微信"),
    (re.compile(r"扣扣|企鹅号|q号|(?<![a-z])qq号?"), "qq"),
    (re.compile(r"纸飞机|飞机号|电报|tg(?=[:：\s])|telegram"), "telegram"),
    (re.compile(r"支付寳|支付堡|zfb|支付b"), "支付宝"),
)


def normalise_text(text: str) -> str:
    """The plain, lower-case form of ``text`` used by every content cue and model."""
    plain = unicodedata.normalize("NFKC", text or "")
    plain = _INVISIBLE.sub("", plain).lower().translate(_HOMOGLYPHS)
    plain = _BETWEEN_CJK.sub("", plain)
    for pattern, name in _APP_ALIASES:
        plain = pattern.sub(name, plain)
    return _SPACES.sub(" ", plain).strip()
