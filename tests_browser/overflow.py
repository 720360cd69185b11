"""What sticks out of a phone's screen: the page wider than the viewport, or an element whose right edge passes it
that is not inside a box that scrolls or clips (a table in `.table-responsive` scrolls inside its box: fine).
Shared by tests_browser/test_phone_overflow.py and anyone checking a page by hand:

    problems = overflow(page)      # None, or {"scroll_width": 540, "inner_width": 390, "widest": "table.table …"}
"""

import re

from playwright.sync_api import Page

# The widest element outside any scroll box, described so that a reader finds it in the template.
_OVERFLOW_JS = """() => {
  const limit = window.innerWidth + 1;
  const clips = (element) => {
    for (let node = element.parentElement; node && node !== document.body; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (["auto", "scroll", "hidden", "clip"].includes(style.overflowX)) return true;
    }
    return false;
  };
  const passes = (element) => {
    const box = element.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && box.right > limit && getComputedStyle(element).visibility !== "hidden";
  };
  let widest = null;
  for (const element of document.body.querySelectorAll("*")) {
    // the outermost element that passes the edge (its parent does not): the one to look for in the template
    if (!passes(element) || clips(element) || (element.parentElement && passes(element.parentElement))) continue;
    const box = element.getBoundingClientRect();
    if (!widest || box.right > widest.right) {
      const classes = typeof element.className === "string" ? element.className.trim().split(/\\s+/).slice(0, 3) : [];
      const text = (element.innerText || element.getAttribute("aria-label") || "").trim().replace(/\\s+/g, " ");
      widest = {right: Math.round(box.right),
                what: element.tagName.toLowerCase() + (element.id ? "#" + element.id : "")
                      + classes.filter(Boolean).map(c => "." + c).join("") + (text ? ` «${text.slice(0, 50)}»` : "")};
    }
  }
  const scrollWidth = document.documentElement.scrollWidth;
  if (scrollWidth <= limit && !widest) return null;
  return {scroll_width: scrollWidth, inner_width: window.innerWidth, widest: widest ? `${widest.what} (to ${widest.right} px)` : null};
}"""

NOT_PAGES = re.compile(r"^(?:/static/|/media/|/quan-tri-he-thong/|/tai-khoan/dang-xuat/)|\.(?:docx|xlsx|pdf|csv|yaml)(?:\?|$)|[?&](?:xlsx|docx|tai)=")


def overflow(page: Page) -> dict | None:
    """None when nothing passes the viewport's right edge outside a scroll box; else what does."""
    return page.evaluate(_OVERFLOW_JS)


def page_links(page: Page, selector: str) -> list[str]:
    """The app's own page links (no downloads, no sign-out) inside `selector`, in order, without fragments."""
    hrefs = page.eval_on_selector_all(f"{selector} a[href]", "links => links.map(a => a.getAttribute('href'))")
    found = []
    for href in hrefs:
        href = href.split("#", 1)[0]
        if href.startswith("/") and not NOT_PAGES.search(href) and href not in found:
            found.append(href)
    return found
