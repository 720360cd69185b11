"""The link check (ntm.tests.visible_links) over the assessment and criteria content of a page: the menu's links
belong to other pages and are checked by their owners, so a page of another app being edited never fails ours."""

from ntm.tests.visible_links import check_page, refused

OWN = ("/danh-gia/", "/bo-tieu-chi/")


class _OwnOnly(dict):
    """Targets outside OWN count as already seen (answering 200): they are not requested."""

    def __contains__(self, key) -> bool:
        return not key[1].startswith(OWN) or super().__contains__(key)

    def __missing__(self, key) -> int:
        return 200


def refused_here(client, url: str) -> list:
    """The buttons and links to assessment and criteria pages on `url` that the signed-in user may not use."""
    return refused(check_page(client, url, _OwnOnly()))
