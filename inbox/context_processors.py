from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from inbox.items import Item, inbox


def for_request(request) -> list[Item]:
    """The user's list, built once per request (the home page and the menu count share it)."""
    cached = getattr(request, "_ntm_inbox", None)
    if cached is None:
        cached = inbox(request.user, timezone.localdate())
        request._ntm_inbox = cached
    return cached


def inbox_count(request):
    """The number beside "Việc cần làm" in the menu, computed only when a page shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"inbox_count": SimpleLazyObject(lambda: len(for_request(request)))}
