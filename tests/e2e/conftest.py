"""A real headless Chromium (Debian's package) driven by Playwright, with the network cut off."""

from __future__ import annotations

import pytest


@pytest.fixture
def offline_page(chromium):
    """A page whose every http(s) request is refused and recorded in ``page.blocked``."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.blocked = []

    def refuse(route):
        page.blocked.append(route.request.url)
        route.abort()

    page.route("http*://**", refuse)
    yield page
    context.close()
