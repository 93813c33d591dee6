from pathlib import Path

from scamnet.core.settings import Settings
from scamnet.service.report import write_report
from tests.service.investigation_store import build_investigation_store


def test_the_report_draws_every_picture_in_a_browser_with_no_network(offline_page, tmp_path: Path) -> None:
    report = write_report(build_investigation_store(tmp_path / "inv.db"), tmp_path / "report.html", Settings())
    offline_page.goto(report.as_uri())
    offline_page.wait_for_selector(".js-plotly-plot .main-svg", timeout=20_000)
    plots = offline_page.locator(".js-plotly-plot")
    # alerts per detector, the gateway's call pattern, one fund-flow Sankey, one gang network
    assert plots.count() == 4
    assert offline_page.locator(".js-plotly-plot .main-svg").count() >= 4
    sankey_labels = offline_page.eval_on_selector_all(".sankey .node-label", "els => els.map(e => e.textContent)")
    # every account shows, without hovering, the money that reached it, what it still holds and since when
    assert "M2in 700.00 · holds 700.00from 03-02 10:30" in sankey_labels
    assert "M1in 1,000.00 · holds 0.00from 03-02 10:00" in sankey_labels
    assert any(label.startswith("V1victim, paid 1,000.00") for label in sankey_labels)
    assert any(label.startswith("cash-out: atm300.00") for label in sankey_labels)
    boxes = offline_page.eval_on_selector_all(".sankey .node-label", "els => els.map(e => { const r = "
                                              "e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })")
    assert not any(_overlap(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:]), "Sankey labels overlap"
    meta = offline_page.locator("p.meta").inner_text()
    assert "amounts in CNY" in meta and "store as of 2026-03-02 16:53 UTC" in meta and "generated 20" in meta
    assert offline_page.eval_on_selector(".js-plotly-plot", "el => el.layout.yaxis.type") == "log"
    assert offline_page.blocked == []
    offline_page.screenshot(path=str(tmp_path / "report.png"), full_page=False)


def _overlap(a: list[float], b: list[float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
