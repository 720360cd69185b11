"""The agency and user pages offer units as text read from rows: no model instance and no template per option (an
administrator's list holds the country's 3,400 units; the pages took 0.8–2.4 s), with the same labels as before."""

import datetime
from unittest import mock

import pytest
from django.urls import reverse

from accounts.forms import AgencyForm, MembershipForm, unit_label
from accounts.models import Role
from geo.models import AdministrativeUnit


@pytest.mark.parametrize(("row", "label"), [
    (("Kỳ Tân", "xa", "Kỳ Anh", "huyen", datetime.date(2025, 7, 1)),
     "Xã Kỳ Tân — Huyện Kỳ Anh (đến 30/06/2025)"),
    (("Hà Tĩnh", "tinh", None, None, None), "Tỉnh Hà Tĩnh"),
    (("Thành phố Hà Tĩnh", "thanh_pho_thuoc_tinh", "Hà Tĩnh", "tinh", None), "Thành phố Hà Tĩnh — Tỉnh Hà Tĩnh"),
])
def test_unit_label(row, label):
    assert unit_label(*row) == label


def test_the_list_reads_rows_and_says_what_the_instances_said(cast, geo_map):
    form = AgencyForm(user=cast[Role.ADMIN])
    field = form.fields["unit"]
    with mock.patch.object(AdministrativeUnit, "from_db", side_effect=AssertionError("a model instance")), \
            mock.patch("django.forms.widgets.Widget._render", side_effect=AssertionError("a template per option")):
        html = str(form["unit"])
        choices = list(field.choices)
    assert choices[0] == ("", "---------")
    assert [label for _, label in choices[1:]] == [field.label_from_instance(unit) for unit in field.queryset]
    assert f'value="{geo_map.new_commune.pk}"' in html


@pytest.mark.parametrize("role", [Role.ADMIN, Role.COORDINATOR])
def test_the_pages_keep_a_bounded_number_of_queries(client, cast, geo_map, django_assert_max_num_queries, role):
    client.force_login(cast[role])
    for url in (reverse("accounts:agency_create"), reverse("accounts:user_create"),
                reverse("accounts:user_edit", args=[cast[Role.COMMUNE_OFFICER].pk])):
        with django_assert_max_num_queries(15):
            assert client.get(url).status_code == 200


def test_a_chosen_unit_is_still_validated_against_the_managers_scope(cast, geo_map, agencies):
    data = {"agency": agencies["office"].pk, "role": Role.VIEWER}
    inside = MembershipForm({**data, "scope_unit": geo_map.commune.pk}, user=cast[Role.COORDINATOR])
    outside = MembershipForm({**data, "scope_unit": geo_map.other_province_commune.pk}, user=cast[Role.COORDINATOR])
    assert inside.is_valid() and inside.cleaned_data["scope_unit"] == geo_map.commune
    assert not outside.is_valid() and "scope_unit" in outside.errors
