import pytest

from accounts.models import AgencyAlias


@pytest.fixture
def aliased_department(agencies):
    """Notices write the department as "Sở NN&PTNT"."""
    AgencyAlias(agency=agencies["department"], alias="Sở NN&PTNT").save()
    return agencies
