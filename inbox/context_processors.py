from django.core.cache import cache
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from inbox.items import Item, inbox

COUNT_SECONDS = 60  # the menu's number may lag a minute behind; the home page always counts afresh


def _count_key(user) -> str:
    return f"inbox-count:{user.pk}"


def for_request(request) -> list[Item]:
    """The user's list, built once per request; its length is kept for the menu of the next pages."""
    cached = getattr(request, "_ntm_inbox", None)
    if cached is None:
        cached = inbox(request.user, timezone.localdate())
        request._ntm_inbox = cached
        cache.set(_count_key(request.user), len(cached), COUNT_SECONDS)
    return cached


def _count(request) -> int:
    counted = cache.get(_count_key(request.user))
    return counted if counted is not None else len(for_request(request))


def inbox_count(request):
    """The number beside "Việc cần làm" in the menu, computed only when a page shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"inbox_count": SimpleLazyObject(lambda: _count(request))}
