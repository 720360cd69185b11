import pytest

from programme import rules
from programme.periods import Structure
from programme.rules import Reviewer, Step

PATHS = [
    ("district", Structure.THREE_LEVEL, Step.SUBMIT, Reviewer.COMMUNE),
    ("district", Structure.THREE_LEVEL, Step.VERIFY, Reviewer.DISTRICT),
    ("district", Structure.THREE_LEVEL, Step.APPRAISE, Reviewer.PROVINCE),
    ("province", Structure.TWO_LEVEL, Step.SUBMIT, Reviewer.COMMUNE),
    ("province", Structure.TWO_LEVEL, Step.VERIFY, Reviewer.PROVINCIAL_VERIFIER),
    ("province", Structure.TWO_LEVEL, Step.APPRAISE, Reviewer.PROVINCE),
    (None, Structure.TWO_LEVEL, Step.VERIFY, Reviewer.PROVINCIAL_VERIFIER),
]


@pytest.mark.parametrize(("parent_level", "structure", "step", "reviewer"), PATHS)
def test_the_path_follows_the_level_the_commune_stood_under(parent_level, structure, step, reviewer):
    found = rules.structure_of_parent_level(parent_level)
    assert found == structure
    assert rules.review_path(found).owner(step) == reviewer


@pytest.mark.parametrize(("structure", "submit_to", "has_district"), [
    (Structure.THREE_LEVEL, "huyện", True), (Structure.TWO_LEVEL, "tỉnh", False)])
def test_the_commune_submits_to_the_level_above_it(structure, submit_to, has_district):
    path = rules.review_path(structure)
    assert (path.submit_to, path.has_district) == (submit_to, has_district)


def test_no_district_reviewer_exists_without_districts():
    owners = {reviewer for _, reviewer in rules.TWO_LEVEL_PATH.owners}
    assert Reviewer.DISTRICT not in owners
