"""The entry form's write is one service: values and evidence files together, or nothing (no row, no audit entry, no
file left on disk)."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import AuditEntry, Role
from assessment import services
from assessment.models import IndicatorValue
from assessment.services import ValueInput

MARCH = datetime.date(2022, 3, 1)
PDF = b"%PDF-1.4 bien ban nghiem thu"


def stored_files(settings) -> list[str]:
    root = settings.MEDIA_ROOT
    return sorted(str(path) for path in root.rglob("*") if path.is_file()) if root.exists() else []


def test_values_and_their_files_are_saved_together(cast, geo_map, small_set, settings):
    saved, attached = services.save_entry(geo_map.commune, "test-commune", MARCH, [ValueInput("2.1", "80")],
                                          {"2.1": SimpleUploadedFile("bien-ban.pdf", PDF)},
                                          by=cast[Role.COMMUNE_OFFICER])
    assert [(v.indicator_code, v.value) for v in saved] == [("2.1", "80")]
    assert [v.indicator_code for v in attached] == ["2.1"]
    assert len(stored_files(settings)) == 1


def test_a_bad_second_file_leaves_no_value_no_audit_entry_and_no_first_file(cast, geo_map, small_set, settings):
    with pytest.raises(services.ValueErrors):
        services.save_entry(geo_map.commune, "test-commune", MARCH, [ValueInput("2.1", "80"), ValueInput("1.1", "1")],
                            {"1.1": SimpleUploadedFile("bien-ban.pdf", PDF),
                             "2.1": SimpleUploadedFile("virus.pdf", b"MZ a program")},
                            by=cast[Role.COMMUNE_OFFICER])
    assert (IndicatorValue.objects.count(), AuditEntry.objects.count()) == (0, 0)
    assert stored_files(settings) == []
