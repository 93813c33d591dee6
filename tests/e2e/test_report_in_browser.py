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
    assert {"V1", "M1", "M2", "cash-out: atm"} <= set(sankey_labels)
    assert offline_page.blocked == []
    offline_page.screenshot(path=str(tmp_path / "report.png"), full_page=False)
