"""Phones (390 px): no page is wider than the screen. Every page of the menu and every page one click from it, as a
commune officer and as the coordination office, over the scope matrix's world (a bit of everything: tasks, dossiers,
registrations, targets, projects, payments). A wide table scrolls inside its own box; anything else passing the right
edge fails, named with its page and the outermost element that sticks out."""

import pytest
from playwright.sync_api import Page

from accounts.models import Role
from accounts.tests.scope_world import build_world
from tests_browser.overflow import overflow, page_links
from tests_browser.session import sign_in

PHONE = {"width": 390, "height": 844}
MAX_PAGES = 150


def main_pages(page: Page, base: str) -> list[str]:
    """The menu's pages, then the pages their content links to (one click from the menu), each once."""
    page.goto(base + "/")
    menu = ["/", *page_links(page, "header")]
    pages = list(menu)
    for url in menu:
        page.goto(base + url)
        pages += [href for href in page_links(page, "main") if href not in pages]
    return pages[:MAX_PAGES]


@pytest.fixture
def world(transactional_db):
    """The scope matrix's world, built for this test: the live server reads it from another thread, so it
    cannot live in a transaction kept for the module."""
    return build_world()


@pytest.mark.parametrize("role", [Role.COMMUNE_OFFICER, Role.COORDINATOR])
def test_no_page_is_wider_than_a_phone(world, live_server, page: Page, role):
    page.set_viewport_size(PHONE)
    sign_in(page, live_server, role)
    visited, too_wide = 0, []
    for url in main_pages(page, live_server.url):
        response = page.request.get(live_server.url + url)
        if response.status != 200 or not response.headers.get("content-type", "").startswith("text/html"):
            continue  # a download, or a page this role may not open: the link checker's business
        page.goto(live_server.url + url)
        visited += 1
        if (problem := overflow(page)) is not None:
            too_wide.append(f"{url}: page {problem['scroll_width']} px wide; {problem['widest']}")
    assert visited >= 10  # the walk reached the pages, so that passing means something
    assert too_wide == [], "\n".join(too_wide)
