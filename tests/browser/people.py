"""What a person does in the browser, shared by the Chromium tests: the two screens a flow runs on, open a section
from the menu (on a phone the menu opens first) and check that a page fits the screen.

A module whose tests run on both screens imports the two fixtures::

    from tests.browser.people import browser_context_args, screen  # noqa: F401 — the desktop and phone runs
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page

SCREENS = {
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}


@pytest.fixture(params=SCREENS)
def screen(request):
    return request.param


@pytest.fixture
def browser_context_args(browser_context_args, screen):
    return {**browser_context_args, **SCREENS[screen]}


def go(page: Page, name: str | re.Pattern):
    """Open a section from the main menu; on a phone the menu first opens with «☰ Danh mục». A pattern names a
    link whose name carries a count («Chờ đóng dấu 1»); a string names it exactly."""
    menu = page.get_by_role("navigation", name="Danh mục chính")
    if not menu.is_visible():
        page.get_by_text("☰ Danh mục").click()
    menu.get_by_role("link", name=name, exact=isinstance(name, str)).click()


def home(page: Page):
    """Back to the home page by the portal's name at the top."""
    page.get_by_role("link", name="Thông Suốt", exact=True).click()


def fits(page: Page):
    """Nothing makes the page wider than the screen (tables scroll inside their own box)."""
    width = page.viewport_size["width"]
    overflow = page.evaluate("() => document.documentElement.scrollWidth")
    assert overflow <= width, f"{page.url} is {overflow} px wide on a {width} px screen"


def figure(page: Page, term: str):
    """The figure shown next to a term of a list of facts («Chưa nộp, quá hạn» → 3)."""
    return page.get_by_role("term").filter(has_text=term).locator("xpath=following-sibling::dd[1]").first
