"""What the finance hostile-input tests share: the world they run in, what a refused post could have written (to
check nothing was), the forms as a user posts them, and the workbook files they build."""

import html
import io
import zipfile

import pytest
from django.urls import reverse

from accounts.models import Agency, AuditEntry, Role
from finance.imports import statement
from finance.models import (
    CapitalPlan,
    CementSupport,
    ConstructionDebt,
    Contribution,
    Disbursement,
    Disclosure,
    FormToken,
    PlanChange,
    Project,
    Sponsorship,
)
from finance.once import STALE_FORM, new_token
from finance.tests.factories import finance_world

PERIOD = "?nam=2023&ngay=2023-09-30"
STALE = STALE_FORM
MODELS = (Disbursement, PlanChange, CapitalPlan, ConstructionDebt, CementSupport, Sponsorship, Contribution, Disclosure,
          Project, Agency, FormToken, AuditEntry)


@pytest.fixture(name="world")
def world_fixture(geo_map, agencies):
    """The finance world (finance.tests.factories) — imported by the test modules that use it."""
    return finance_world(geo_map, agencies)


def state() -> tuple:
    """Everything a refused post could have written: row counts, the cement figures, the projects' versions."""
    return (tuple(model.objects.count() for model in MODELS),
            tuple(CementSupport.objects.order_by("pk").values_list("allocated_tonnes", "received_tonnes", "version")),
            tuple(Project.objects.order_by("pk").values_list("version", "status")),
            tuple(ConstructionDebt.objects.order_by("pk").values_list("cleared_on", flat=True)))


def text(response) -> str:
    return html.unescape(response.content.decode())


def payment(**changes) -> dict:
    return {"action": "disburse", "gn-source": "central_investment", "gn-day": "2023-10-02", "gn-amount": "1000",
            "gn-once": new_token(), **changes}


def plan_change(**changes) -> dict:
    return {"action": "plan", "kh-year": "2023", "kh-source": "central_investment", "kh-effective": "2023-07-01",
            "kh-amount": "1000", "kh-decision": "QĐ 7/QĐ-UBND", "kh-once": new_token(), **changes}


def debt(**changes) -> dict:
    return {"action": "debt", "debt-project": "DA-NN-01", "debt-commune": "18401", "debt-amount": "1000",
            "debt-as_of": "2023-06-30", "debt-once": new_token(), **changes}


def cement(**changes) -> dict:
    return {"action": "cement", "cement-commune": "18401", "cement-allocated": "500", "cement-received": "500",
            "cement-used": "10", "cement-road_km": "1", "cement-version": "1", **changes}


def sponsorship(**changes) -> dict:
    return {"action": "sponsorship", "sponsorship-sponsor": "Công ty Mẫu", "sponsorship-unit": "18401",
            "sponsorship-start": "2023-01-01", "sponsorship-committed": "1000", "sponsorship-once": new_token(),
            **changes}


def contribution(**changes) -> dict:
    return {"action": "contribution", "contribution-sponsorship": "{sponsorship}", "contribution-day": "2023-05-01",
            "contribution-amount": "1000", "contribution-once": new_token(), **changes}


COORDINATOR, INVESTOR = Role.COORDINATOR, Role.DEPARTMENT_OFFICER  # the investor's officer of DA-NN-01


LONG = "x" * 100_000
OVER = "200000001"  # DA-NN-01: 1 billion planned, 800 million paid


def page_url(world, name: str) -> str:
    if name == "project":
        return reverse("finance:project", args=[world.fast.pk]) + PERIOD
    return reverse(f"finance:{name}") + PERIOD

def patched(content: bytes, entry: str, change) -> bytes:
    source, out = zipfile.ZipFile(io.BytesIO(content)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item, change(data) if item.filename == entry else data)
    return out.getvalue()


def statement_file(filled, rows, key="KB-1") -> bytes:
    return filled(statement.statement_template(), statement.SHEET, statement.FIRST_DATA_ROW, rows,
                  {"B1": key, "B2": "Kho bạc", "B3": "30/09/2023"})


CENTRAL = "central_investment"
LINE = [1, "DA-NN-01", "", CENTRAL, 2023, "01/09/2023", 1000, ""]
SHEET_XML = "xl/worksheets/sheet1.xml"
HUGE_ROW = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
