"""Links and buttons a user is shown but may not use: every `<a href>` and every `<form action>` of a page, tried.

Usage (in a test, a client signed in as the user whose page it is):

    visits = check_page(client, "/nhiem-vu/")
    assert refused(visits) == []          # nothing on the page answers 403, 404 or 405 (or fails with 5xx)

- A link (`<a href>` to the app, relative ones resolved against the page) is requested with GET, downloads too.
- A form with method GET is requested with GET and the values the form would send as it stands.
- A form with method POST (and every `formaction` of its buttons) is sent as the browser would send it if the user
  pressed the button without typing: hidden fields, prefilled values, ticked boxes, selected options, the button's
  own name and value. It is sent inside a transaction that is rolled back, with the client's cookies restored
  afterwards, so nothing it writes to the database or the session stays. A POST answering 200 (the form again, with
  its messages), 302 or 400 is an action the user may take; 403, 404 and 405 are buttons the user may not press.
  Side effects outside the database (files, cache stamps, mails) are not undone: run it on test data or on a demo
  database, not on live data.
- Sign-out is never sent (`SKIP_POST`), and external links, `mailto:`, `tel:`, `javascript:` and fragments are left.

`check_page` returns every visit as a `Visit(page, method, target, status)`; `refused` keeps those a user should
never meet. `seen` (a dict shared across calls) lets a crawl request each target once.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import NamedTuple
from urllib.parse import urlencode, urljoin, urlsplit, urlunsplit

from django.db import transaction
from django.test import Client

REFUSED = {403, 404, 405}
SKIP_SCHEMES = ("mailto:", "tel:", "javascript:", "data:")
SKIP_POST = ("/tai-khoan/dang-xuat/",)  # sign-out: it would end the session the walk runs in


class Visit(NamedTuple):
    page: str
    method: str  # "GET" or "POST"
    target: str
    status: int


@dataclass
class Form:
    action: str | None
    method: str
    fields: list[tuple[str, str]] = field(default_factory=list)
    buttons: list[tuple[str | None, str | None, str | None]] = field(default_factory=list)  # name, value, formaction
    _select: str | None = None
    _options: list[tuple[str, bool]] = field(default_factory=list)
    _textarea: str | None = None
    _text: str = ""


class PageParser(HTMLParser):
    """Collects the hrefs of `<a>` and the forms of a page with the values each would send."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.forms: list[Form] = []
        self._form: Form | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"] or "")
        elif tag == "form":
            self._form = Form(action=a.get("action"), method=(a.get("method") or "get").lower())
            self.forms.append(self._form)
        elif self._form is not None:
            self._field(self._form, tag, a)

    def _field(self, form: Form, tag: str, a: dict[str, str | None]) -> None:
        kind = (a.get("type") or ("submit" if tag == "button" else "text")).lower()
        name = a.get("name")
        if tag in ("input", "button") and kind in ("submit", "image"):
            form.buttons.append((name, a.get("value") or "", a.get("formaction")))
        elif tag == "input" and name and "disabled" not in a and kind not in ("file", "reset", "button"):
            if kind not in ("checkbox", "radio") or "checked" in a:
                form.fields.append((name, a.get("value") or ("on" if kind in ("checkbox", "radio") else "")))
        elif tag == "select" and name and "disabled" not in a:
            form._select, form._options = name, []
        elif tag == "option" and form._select is not None:
            form._options.append((a.get("value") or "", "selected" in a))
        elif tag == "textarea" and name and "disabled" not in a:
            form._textarea, form._text = name, ""

    def handle_data(self, data: str) -> None:
        if self._form is not None and self._form._textarea is not None:
            self._form._text += data

    def handle_endtag(self, tag: str) -> None:
        form = self._form
        if form is None:
            return
        if tag == "select" and form._select is not None:
            chosen = [value for value, selected in form._options if selected] or [v for v, _ in form._options[:1]]
            form.fields.extend((form._select, value) for value in chosen)
            form._select = None
        elif tag == "textarea" and form._textarea is not None:
            form.fields.append((form._textarea, form._text.lstrip("\n")))
            form._textarea = None
        elif tag == "form":
            self._form = None


def app_path(page: str, href: str) -> str | None:
    """The path and query of `href` seen from `page` if it stays in the app, without its fragment; else None."""
    href = href.strip()
    if not href or href.startswith("#") or href.lower().startswith(SKIP_SCHEMES):
        return None
    parts = urlsplit(urljoin("http://testserver" + page, href))
    if parts.netloc not in ("testserver", "localhost", "127.0.0.1"):
        return None
    return urlunsplit(("", "", parts.path, parts.query, ""))


def _with_query(path: str, fields: list[tuple[str, str]]) -> str:
    if not fields:
        return path
    return path + ("&" if "?" in path else "?") + urlencode(fields)


def _post(client: Client, target: str, data: list[tuple[str, str]]) -> int:
    """The status of a POST whose writes are rolled back and whose cookies (the session) are put back."""
    cookies = copy.deepcopy(client.cookies)
    payload: dict[str, list[str]] = {}
    for name, value in data:
        payload.setdefault(name, []).append(value)
    with transaction.atomic():
        status = client.post(target, payload).status_code
        transaction.set_rollback(True)
    client.cookies = cookies
    return status


def _requests(page: str, parser: PageParser) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(method, target, data) of every link and form of the page, each once."""
    found: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for href in parser.links:
        target = app_path(page, href)
        if target is not None:
            found.setdefault(("GET", target), [])
    for form in parser.forms:
        actions = {(form.action or "", None, None)} if not form.buttons else {
            (formaction if formaction is not None else form.action or "", name, value)
            for name, value, formaction in form.buttons}
        for action, name, value in sorted(actions, key=str):
            target = app_path(page, action or page)
            if target is None:
                continue
            data = form.fields + ([(name, value or "")] if name else [])
            if form.method == "post":
                found.setdefault(("POST", target), data)
            else:
                found.setdefault(("GET", _with_query(target, data)), [])
    return [(method, target, data) for (method, target), data in found.items()]


def check_page(client: Client, page: str, seen: dict[tuple[str, str], int] | None = None) -> list[Visit]:
    """Every link and form target of `page` as the client's user, with the status each answers.

    The page itself must answer 200 with HTML; a dict passed as `seen` is filled with (method, target) → status and
    spares requesting a target twice across calls."""
    response = client.get(page)
    if response.status_code != 200:
        raise AssertionError(f"{page} answered {response.status_code}, not a page to read")
    parser = PageParser()
    parser.feed(response.content.decode())
    seen = {} if seen is None else seen
    visits = []
    for method, target, data in _requests(page, parser):
        if method == "POST" and target.startswith(SKIP_POST):
            continue
        key = (method, target)
        if key not in seen:
            seen[key] = client.get(target).status_code if method == "GET" else _post(client, target, data)
        visits.append(Visit(page, method, target, seen[key]))
    return visits


def links_of(html: str, page: str) -> list[str]:
    """The app's GET targets (links and GET forms) of a page's HTML, for a crawl to follow."""
    parser = PageParser()
    parser.feed(html)
    return [target for method, target, _ in _requests(page, parser) if method == "GET"]


def refused(visits: list[Visit]) -> list[Visit]:
    """The visits a user should never meet: 403, 404, 405, or a server error."""
    return [visit for visit in visits if visit.status in REFUSED or visit.status >= 500]
