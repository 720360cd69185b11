"""Hostile query parameters on the URLs no app's own corpus walks: accounts, criteria, assessment, the home page,
as a coordinator and a commune officer, and the public pages without signing in. Never a server error: a bad value
gives the default, a 400 with a message, or a 404."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.models import Role
from accounts.tests.scope_world import world  # noqa: F401 — a fixture
from accounts.tests.test_scope_matrix import OUTSIDE_MATRIX
from ntm.tests.hostile_urls import server_errors, walk

PARAMETERS = {  # what each app's views read from the URL
    "accounts": ["page", "trang", "q", "kind", "tinh", "nam"],
    "criteria": ["bo", "set_code", "nam", "page"],
    "assessment": ["nam", "period", "unit", "bo", "tat_ca", "mau", "target"],
}


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.COMMUNE_OFFICER])
@pytest.mark.parametrize("app", sorted(PARAMETERS))
def test_no_page_fails_on_hostile_parameters(world, role, app):  # noqa: F811
    assert server_errors(world, role, app, PARAMETERS[app]) == []


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.COMMUNE_OFFICER])
def test_the_home_page_does_not_fail_on_hostile_parameters(world, role):  # noqa: F811
    client = Client(raise_request_exception=False)
    client.force_login(world.cast[role])
    assert walk(client, [reverse("home")], ["nam", "tab", "page"]) == []


def _public_url(name: str, world) -> str:  # noqa: F811
    if name == "finance:public_detail":
        return reverse(name, args=[world.disclosure_in.pk])
    if name == "accounts:password_reset_confirm":
        user = world.cast[Role.COMMUNE_OFFICER]
        return reverse(name, args=[urlsafe_base64_encode(force_bytes(user.pk)), "set-password"])
    return reverse(name)


@pytest.mark.parametrize("name", sorted(OUTSIDE_MATRIX - {"accounts:logout"}))
def test_public_pages_do_not_fail_on_hostile_parameters(world, name):  # noqa: F811
    client = Client(raise_request_exception=False)
    assert walk(client, [_public_url(name, world)], ["tinh", "nam", "next", "q", "page"]) == []
