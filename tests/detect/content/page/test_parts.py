from scamnet.detect.content.page.parse import parse_page
from scamnet.detect.content.page.seo import dominant_script, looks_random, stuffed_run

HTML = """<html><head><style>#x9k2q7{display:none}</style>
<meta name="keywords" content="park, river">
</head><body>
<p>First paragraph
on two lines.</p>
<div id="x9k2q7"><p>one</p><p>two <a href="http://a.top/">a</a></p></div>
<span style="position:absolute;left:-9999px">off screen</span>
<p hidden>not shown</p>
<script>document.write('<a href="http://b.top">b</a>')</script>
</body></html>"""


def test_blocks_keep_their_lines_and_a_style_rule_hides_a_whole_region_as_one_block() -> None:
    blocks = parse_page(HTML).blocks
    assert [(b.kind, b.line, b.end_line, b.hidden, b.text) for b in blocks] == [
        ("meta_keywords", 2, 2, False, "park, river"),
        ("paragraph", 4, 5, False, "First paragraph on two lines."),
        ("block", 6, 6, True, "one two a"),
        ("block", 7, 7, True, "off screen"),
        ("paragraph", 8, 8, True, "not shown"),
    ]
    assert blocks[2].links == ["http://a.top/"]  # script text is never read


def test_plain_text_is_one_block_per_line_with_its_links() -> None:
    page = parse_page("Title of the story\n\nsee hxxps://bad[.]top/x and good.com\n")
    assert [(b.line, b.links) for b in page.blocks] == [(1, []), (3, ["https://bad.top/x", "good.com"])]
    assert not page.is_html


def test_a_keyword_list_is_a_run_of_short_terms_and_prose_is_not() -> None:
    assert stuffed_run("新闻_澳门赌场,百家乐,真人娱乐,六合彩,时时彩,棋牌游戏_本站") != ""
    assert stuffed_run("slot gacor, situs judi online, togel hari ini, judi bola, slot88, poker online") != ""
    prose = "The plan includes a playground, a footpath linking the two bridges, and a small cafe. It opens soon."
    assert stuffed_run(prose) == ""
    assert stuffed_run("无需经验，无需押金，每天只需1-2小时。") == ""


def test_random_ids_are_letters_and_digits_shuffled_not_ordinary_names() -> None:
    assert all(map(looks_random, ["qz7f2kx1", "k3x9qz", "a8f3kd9x"]))
    assert not any(map(looks_random, ["main-content", "post-1234", "wp-image-5521", "col-md-6", "h1", "footer2"]))


def test_dominant_script() -> None:
    assert [dominant_script(t) for t in ("Park opens", "澳门赌场百家乐 bet", "Привет мир", "2024")] == [
        "latin", "han", "other", None,
    ]
