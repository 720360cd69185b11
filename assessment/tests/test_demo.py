from io import StringIO

from django.core.management import call_command

from accounts.demo import load_demo
from assessment.demo import load_demo_values
from assessment.models import CommuneResult, IndicatorValue, RollUp
from criteria.models import CriteriaSetRecord
from geo.models import AdministrativeUnit


def test_the_demo_tells_a_labelled_story_over_four_years_and_loads_once(db):
    """One test, because the demo takes seconds to write: the story, its labels, and a second run writing nothing."""
    call_command("load_national_map", "--province", "42", stdout=StringIO())
    load_demo()
    hatinh = AdministrativeUnit.objects.provinces().get(code="42")
    written = load_demo_values()

    rollups = {r.year: r for r in RollUp.objects.filter(unit=hatinh)}
    assert [(y, rollups[y].set_code) for y in sorted(rollups)] == [
        (2021, "commune-2016-2020"), (2022, "commune-2021-2025"), (2023, "commune-2021-2025"), (2024, "commune-2021-2025")]
    assert (rollups[2022].communes_total, rollups[2024].communes_total) == (216, 210)
    at_standard = [rollups[y].communes_at_standard for y in sorted(rollups)]
    assert at_standard == sorted(at_standard) and 0 < at_standard[0] < at_standard[-1] < 210
    assert rollups[2024].classes["lt10"] > 0 and rollups[2024].classes["15+"] > 0

    assert set(IndicatorValue.objects.values_list("evidence_note", flat=True)) == {"Dữ liệu minh họa (demo) — không phải số liệu thật"}
    demo_sets = CriteriaSetRecord.objects.filter(province=hatinh)
    assert demo_sets.count() == 3 and all("minh họa" in record.legal_basis for record in demo_sets)

    results = CommuneResult.objects.count()
    assert load_demo_values() == 0
    assert (IndicatorValue.objects.count(), CommuneResult.objects.count()) == (written, results)
