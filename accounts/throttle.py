"""Sign-in throttling on top of django-axes: who the client is behind the reverse proxies, and one limit per kind
of repeated failure, each counted on its own within the cool-off time (settings.NTM_LOGIN_LOCKOUTS):

- one user name from one address (a person mistyping; the tightest limit);
- one user name from any addresses (one account guessed from many machines);
- one address over any user names (one password sprayed across many accounts).

Axes compares a single number of failures with a single limit (AXES_FAILURE_LIMIT); `LockoutHandler` gives it the
count of the kind nearest its own limit, put on that scale.
"""

import ipaddress
from collections.abc import Sequence

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest


def client_address(remote_addr: str, forwarded_for: str, trusted_proxies: int) -> str | None:
    """The client's address. Each trusted reverse proxy appends to X-Forwarded-For the address it received the
    request from, so with N proxies the client is the N-th address from the right; anything further left was written
    by the client itself and may be forged. Without proxies, with a header too short (a request that did not come
    through them), or with a value that is not an address: the address of the connection. None when even that is
    not one."""
    candidate = remote_addr
    if trusted_proxies > 0:
        hops = [hop.strip() for hop in forwarded_for.split(",")] if forwarded_for.strip() else []
        if len(hops) >= trusted_proxies and _is_address(hops[-trusted_proxies]):
            candidate = hops[-trusted_proxies]
    return candidate if _is_address(candidate) else None


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def client_ip(request: HttpRequest) -> str | None:
    """AXES_CLIENT_IP_CALLABLE: the client's address behind settings.NTM_TRUSTED_PROXIES proxies."""
    return client_address(request.META.get("REMOTE_ADDR", ""), request.META.get("HTTP_X_FORWARDED_FOR", ""),
                          settings.NTM_TRUSTED_PROXIES)


def failures_on_scale(counts: Sequence[int], limits: Sequence[int], scale: int) -> int:
    """The failures of the kind nearest its own limit, on the scale of `scale`: the result reaches `scale` exactly
    when one count reaches its limit (9 of 10 → 4 of 5; 10 of 10 → 5 of 5)."""
    return max((count * scale // limit for count, limit in zip(counts, limits, strict=True)), default=0)


class LockoutHandler(AxesDatabaseHandler):
    """Axes' database handler with one limit per lockout parameter (settings.NTM_LOGIN_LOCKOUTS)."""

    def get_failures(self, request, credentials=None) -> int:
        counts = [attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
                  for attempts in self.get_user_attempts(request, credentials)]
        limits = [limit for _, limit in settings.NTM_LOGIN_LOCKOUTS]
        return failures_on_scale(counts, limits, settings.AXES_FAILURE_LIMIT)

    def reset_user_attempts(self, request, credentials=None) -> int:
        """A successful sign-in forgives the user's own failures from this address only: not others' failures on
        the same name, nor the address's failures on other names (else signing in to one's own account between
        tries would reset a password spray)."""
        username = get_client_username(request, credentials)
        count, _ = AccessAttempt.objects.filter(username=username, ip_address=request.axes_ip_address).delete()
        return count


def forgive(username: str) -> None:
    """Clears the failed sign-ins on a user name: its owner proved who they are by the reset e-mail."""
    AccessAttempt.objects.filter(username=username).delete()
