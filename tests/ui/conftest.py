"""The console in a real Chromium (Debian's) against the real service on a local port, over a small simulated
store with a planted held payment and a message holding a script tag. Requests to any other host are refused
and recorded; screenshots go to ``$SCAMNET_ARTEFACTS`` (or a pytest temporary folder)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pytest

from scamnet.core.settings import Settings
from scamnet.rules.load import STARTER
from tests.api.conftest import Client, role_keys, serving, small_store  # noqa: F401 - the session's small store
from tests.api.test_dissuasion import _planted, _talked_into_paying

SCRIPT_TEXT = "<script>window.__pwned = 1</script> 您的账户异常，请点击链接"


@dataclass
class Console:
    """The running console: its address, keys, store, what was planted, and where screenshots go."""

    client: Client
    store: Path
    planted: dict[str, str]
    shots: Path
    blocked: list[str] = field(default_factory=list)

    @property
    def base(self) -> str:
        return self.client.base


def _plant_message(store: Path, sender: str) -> str:
    con = duckdb.connect(str(store))
    try:
        con.execute("INSERT INTO messages (msg_id, sent_at, sender, recipient, channel, text) VALUES "
                    "('m-script', TIMESTAMPTZ '2026-03-05 10:00:00+00', ?, '+8613800000001', 'sms', ?)",
                    [sender, SCRIPT_TEXT])
    finally:
        con.close()
    return "msg:m-script"


@pytest.fixture(scope="module")
def console(small_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Console]:  # noqa: F811
    folder = tmp_path_factory.mktemp("console")
    store = folder / "scamnet.db"
    shutil.copy(small_store, store)
    planted = _planted(store)
    planted["message"] = _plant_message(store, planted["scammer"])
    rules = folder / "rules.toml"
    shutil.copy(STARTER, rules)
    shots = Path(os.environ.get("SCAMNET_ARTEFACTS") or folder / "screenshots") / "console"
    shots.mkdir(parents=True, exist_ok=True)
    with serving(store, Settings({"rules_file": str(rules)}), role_keys(store)) as client:
        _talked_into_paying(client, planted)  # a live payment held: a dissuasion task to work
        yield Console(client, store, planted, shots)


def signed_in(chromium, console: Console, role: str):  # noqa: F811
    """A browser page signed in with ``role``'s key through the sign-in page; other hosts refused and recorded."""
    context = chromium.new_context(viewport={"width": 1400, "height": 950})
    page = context.new_page()

    def route(r):
        if r.request.url.startswith(console.base):
            r.continue_()
        else:
            console.blocked.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.csp_errors = []
    page.on("console", lambda m: page.csp_errors.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(console.base + "/")
    assert page.url.startswith(console.base + "/signin"), "a page without a session sends the browser to sign in"
    page.fill("input[name=key]", console.client.keys[role])
    page.click("button:has-text('Sign in')")
    page.wait_for_url(console.base + "/?flash=*")
    return context, page
