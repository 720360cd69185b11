import datetime

from assessment import evaluation
from assessment.models import IndicatorValue

YEAR = 2022
ALL_MET = {"1.1": True, "2.1": "85", "2.2": True, "3.1": "52"}


def give_values(commune, values: dict, year: int = YEAR) -> None:
    """Stores the commune's values of June and evaluates it, as entering them would."""
    for code, value in values.items():
        IndicatorValue.objects.update_or_create(unit=commune, set_code="test-commune", indicator_code=code,
                                                period=datetime.date(year, 6, 1), defaults={"value": value})
    evaluation.evaluate_communes([commune], "test-commune", year)
