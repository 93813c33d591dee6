"""The main job end to end: ``scamnet demo`` on the demo world, checked against the world's labels.

The labels are read here only, never by the detectors; each test states what an analyst would
check first in the alerts of a world whose truth is known.
"""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from scamnet.core.enums import CONFOUNDER_ROLES

DETECTORS = ("goip", "fraud_number", "mule", "scam_text", "url_risk")
CONFOUNDERS = sorted(role.value for role in CONFOUNDER_ROLES)


def scamnet_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scamnet", *args], cwd=cwd, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> dict:
    cwd = tmp_path_factory.mktemp("demo")
    result = scamnet_cli("demo", "--out", "demo", cwd=cwd)
    assert result.returncode == 0, result.stderr
    return {"cwd": cwd, "out": cwd / "demo", "stdout": result.stdout}


@pytest.fixture(scope="module")
def con(demo: dict):
    # the world's labels are ingested with it; only these tests read them
    connection = duckdb.connect(str(demo["out"] / "scamnet.db"), read_only=True)
    yield connection
    connection.close()


def labelled(con, *roles: str) -> set[str]:
    return {r[0] for r in con.execute("SELECT DISTINCT entity FROM labels WHERE label IN (SELECT unnest(?))",
                                      [list(roles)]).fetchall()}


def alerted(con, detector: str, top: int | None = None) -> list[str]:
    limit = f"LIMIT {top}" if top else ""
    rows = con.execute(f"SELECT entity FROM alerts WHERE detector = ? ORDER BY score DESC, entity {limit}", [detector])
    return [r[0] for r in rows.fetchall()]


def test_the_demo_says_where_the_store_and_the_report_are(demo: dict) -> None:
    report = demo["out"] / "scamnet-report.html"
    assert f"report: {report.resolve()}" in " ".join(demo["stdout"].split())
    assert report.stat().st_size > 1_000_000  # plotly.js is embedded: the page works offline


def test_every_planted_gateway_is_flagged_and_no_confounder_is(con) -> None:
    gateways = labelled(con, "goip_device")
    flagged = set(alerted(con, "goip"))
    assert gateways and gateways <= flagged
    assert flagged.isdisjoint(labelled(con, *CONFOUNDERS))


def test_every_gang_number_that_called_or_texted_is_flagged_and_no_call_centre_is(con) -> None:
    active = {f"phone:{r[0]}" for r in con.execute("SELECT caller FROM calls UNION SELECT sender FROM messages").fetchall()}
    numbers, flagged = labelled(con, "fraud_number") & active, set(alerted(con, "fraud_number"))
    assert numbers and numbers <= flagged
    assert flagged.isdisjoint(labelled(con, "call_centre", "telemarketer"))


def test_the_mule_layers_are_flagged_and_merchants_and_payroll_are_not(con) -> None:
    mules, flagged = labelled(con, "mule_l1", "mule_l2", "mule_l3", "cashout"), set(alerted(con, "mule"))
    assert len(mules & flagged) >= 0.9 * len(mules)
    assert flagged.isdisjoint(labelled(con, "merchant", "payroll", "small_business"))


def test_scam_messages_are_flagged_and_the_strongest_alerts_are_all_scams(con) -> None:
    scams, flagged = labelled(con, "scam_message"), alerted(con, "scam_text")
    assert len(scams & set(flagged)) >= 0.9 * len(scams)
    assert set(flagged[:200]) <= scams


def test_the_gangs_links_are_flagged(con) -> None:
    links, flagged = labelled(con, "scam_url"), set(alerted(con, "url_risk"))
    urls = {e for e in links if e.startswith("url:")}
    assert urls and urls <= flagged


def test_no_confounder_is_among_the_top_alerts_of_any_detector(con) -> None:
    top = {entity for detector in DETECTORS for entity in alerted(con, detector, top=20)}
    assert top.isdisjoint(labelled(con, *CONFOUNDERS))


def test_each_gang_found_is_one_planted_gang_and_each_planted_gang_is_found_once(con) -> None:
    rows = con.execute("SELECT m.gang_id, list(DISTINCT l.gang_id) FILTER (WHERE l.gang_id IS NOT NULL) "
                       "FROM gang_members m LEFT JOIN labels l USING (entity) GROUP BY m.gang_id").fetchall()
    planted = [r[0] for r in con.execute("SELECT DISTINCT gang_id FROM labels WHERE gang_id IS NOT NULL").fetchall()]
    assert all(len(truth) == 1 for _, truth in rows)
    assert sorted(truth[0] for _, truth in rows) == sorted(planted)


def test_the_json_report_holds_each_section_with_the_stores_numbers(demo: dict, con) -> None:
    result = scamnet_cli("report", "--db", "demo/scamnet.db", "--format", "json", "--out", "r.json", cwd=demo["cwd"])
    assert result.returncode == 0, result.stderr
    report = json.loads((demo["cwd"] / "r.json").read_text(encoding="utf-8"))
    alerts = dict(((d, t), n) for d, t, n in con.execute("SELECT detector, tier, count(*) FROM alerts GROUP BY ALL").fetchall())
    assert {(r["detector"], r["tier"]): r["alerts"] for r in report["summary"]["alerts"]} == alerts
    loss = con.execute("SELECT sum(loss_amount) FROM reports").fetchall()[0][0]
    assert report["summary"]["loss_reported"] == pytest.approx(float(loss))
    assert len(report["gangs"]) == con.execute("SELECT count(*) FROM gangs").fetchall()[0][0]
    assert report["goip"] and report["fraud_numbers"] and report["mules"] and report["messages"] and report["links"]
    assert all(trace["flows"] for trace in report["traces"])


def test_running_again_gives_the_same_alerts_traces_and_gangs(demo: dict, tmp_path: Path) -> None:
    db = tmp_path / "again.db"
    shutil.copy(demo["out"] / "scamnet.db", db)
    before = output_counts(db)
    result = scamnet_cli("run", "--db", str(db), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert output_counts(db) == before and before["alerts"] > 0 and before["gangs"] > 0


def output_counts(db: Path) -> dict[str, int]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]
                for t in ("alerts", "traces", "trace_edges", "freeze_requests", "gangs", "gang_members")}


def test_run_on_a_missing_store_says_so_and_creates_nothing(tmp_path: Path) -> None:
    result = scamnet_cli("run", "--db", "absent.db", cwd=tmp_path)
    assert result.returncode == 3
    assert result.stderr.splitlines()[0] == "error: no store at absent.db"
    assert not (tmp_path / "absent.db").exists()


def test_run_and_report_on_an_empty_store_say_what_to_do(tmp_path: Path) -> None:
    assert scamnet_cli("stats", "--db", "empty.db", cwd=tmp_path).returncode == 3
    from scamnet.store import open_store

    with open_store(tmp_path / "empty.db"):
        pass
    run = scamnet_cli("run", "--db", "empty.db", cwd=tmp_path)
    assert run.returncode == 3 and "holds no calls, messages or transfers" in run.stderr
    report = scamnet_cli("report", "--db", "empty.db", "--out", "r.html", cwd=tmp_path)
    assert report.returncode == 3 and "has no alerts yet" in report.stderr
    assert not (tmp_path / "r.html").exists()
