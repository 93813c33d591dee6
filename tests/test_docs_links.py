"""A link in the docs that leads nowhere is a defect: sections move (into docs/history/, or renamed) and links rot.

Every relative Markdown link in README.md and docs/**/*.md must reach a file, and its #anchor a heading of that
file, by GitHub's rules: the heading's text lower-cased, spaces to '-', punctuation other than '-' and '_'
removed, a repeated heading suffixed -1, -2...; headings inside fenced code blocks are none.
"""

import re
from collections import Counter
from functools import cache
from pathlib import Path
from urllib.parse import unquote

ROOT = Path(__file__).resolve().parents[1]
FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
CODE_SPAN = re.compile(r"(`+)(.+?)\1")
LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
NOT_SLUG = re.compile(r"[^\w\- ]")


def _documents() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]


def _prose_lines(path: Path) -> list[tuple[int, str]]:
    """The file's lines outside fenced code blocks, numbered from 1."""
    lines, fence = [], ""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        opened = FENCE.match(line)
        if fence:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = ""
        elif opened:
            fence = opened.group(1)
        else:
            lines.append((number, line))
    return lines


def slug(heading: str) -> str:
    """GitHub's anchor of a heading: its text as rendered, lower-cased, punctuation gone, spaces to '-'."""
    text = CODE_SPAN.sub(lambda m: m.group(2), heading)
    text = LINK.sub(lambda m: m.group(0)[m.group(0).index("[") + 1 : m.group(0).index("](")], text)
    return NOT_SLUG.sub("", text.strip().lower()).replace(" ", "-")


@cache
def anchors(path: Path) -> frozenset[str]:
    """Every anchor the file's headings produce, repeats suffixed as GitHub suffixes them."""
    seen: Counter[str] = Counter()
    found = set()
    for _, line in _prose_lines(path):
        if match := HEADING.match(line):
            base = slug(match.group(1))
            found.add(base if seen[base] == 0 else f"{base}-{seen[base]}")
            seen[base] += 1
    return frozenset(found)


def _relative_links(path: Path) -> list[tuple[int, str]]:
    """The links of the file's prose that point inside the repository, with their line."""
    links = []
    for number, line in _prose_lines(path):
        for match in LINK.finditer(CODE_SPAN.sub("", line)):
            target = match.group(1)
            if not re.match(r"(?i)^(https?:|mailto:)", target):
                links.append((number, target))
    return links


def _broken(path: Path, target: str) -> str | None:
    """Why the link does not lead where it says, or None when it does."""
    file_part, _, anchor = target.partition("#")
    destination = (path.parent / unquote(file_part)).resolve() if file_part else path
    if not destination.exists():
        return "no such file"
    if anchor and destination.suffix == ".md" and unquote(anchor) not in anchors(destination):
        return "no heading gives this anchor"
    return None


def test_the_slug_follows_githubs_rules() -> None:
    assert slug("The decision service (`scamnet serve`)") == "the-decision-service-scamnet-serve"
    assert slug("Online detectors: `fraud_number`, `goip`, `mule`") == "online-detectors-fraud_number-goip-mule"
    assert slug("HTTP pass of 2026-12-02, evening") == "http-pass-of-2026-12-02-evening"
    assert slug("A whole file: `scamnet inspect text --file F`") == "a-whole-file-scamnet-inspect-text---file-f"


def test_repeated_headings_and_headings_in_code_blocks_count_as_github_counts_them(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("# Speed\n\n```bash\n# not a heading\n```\n\n## Speed\n\n### Speed\n", encoding="utf-8")
    assert anchors(page) == {"speed", "speed-1", "speed-2"}


def test_every_relative_link_in_the_docs_reaches_a_file_and_heading() -> None:
    broken = [
        f"{path.relative_to(ROOT)}:{number}: ({target}) {why}"
        for path in _documents()
        for number, target in _relative_links(path)
        if (why := _broken(path, target))
    ]
    assert broken == [], "broken links:\n" + "\n".join(broken)
