"""One place turns a service's refusal into the page's answer: a denial is a 404, a refusal a message, and the
block's writes are gone because the service raised inside its transaction."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.test import RequestFactory

from accounts.models import AuditEntry
from criteria.rules import InvalidValue
from ntm.domain_errors import domain_errors
from ntm.locking import STALE, StaleVersion
from ntm.problems import Problem, Problems


class NoteForm(forms.Form):
    text = forms.CharField()


class AppRefusal(Exception):
    message = "Bộ tiêu chí không còn là bản dự thảo."


def _request():
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


@transaction.atomic
def _service(error: Exception | None):
    """A service that writes, then refuses: its transaction takes the write back."""
    AuditEntry.objects.create(action="test.write", target_type="t", target_id="1", target_repr="t")
    if error is not None:
        raise error


REFUSALS = [
    (ValidationError("Cần ghi nội dung báo cáo tiến độ."), ["Cần ghi nội dung báo cáo tiến độ."]),
    (ValidationError(["Thiếu ngày.", "Thiếu số tiền."]), ["Thiếu ngày.", "Thiếu số tiền."]),
    (StaleVersion(), [STALE]),
    (StaleVersion("Nhiệm vụ đã được người khác cập nhật."), ["Nhiệm vụ đã được người khác cập nhật."]),
    (Problems([Problem(3, "B (Kỳ)", "Kỳ chưa đến.")]), ["Dòng 3, cột B (Kỳ): Kỳ chưa đến."]),
    (AppRefusal(), [AppRefusal.message]),  # an app's own refusal, named in `also`
    (InvalidValue("Giá trị phải là số."), ["Giá trị phải là số."]),  # an input refused (ntm.refusals.Refused)
]


@pytest.mark.django_db
@pytest.mark.parametrize(("error", "shown"), REFUSALS, ids=[type(e).__name__ for e, _ in REFUSALS])
def test_a_refusal_becomes_a_form_error_and_nothing_is_written(error, shown):
    form = NoteForm({"text": "x"})
    assert form.is_valid()
    with domain_errors(form, also=(AppRefusal,)) as outcome:
        _service(error)
    assert (outcome.ok, outcome.messages) == (False, shown)
    assert form.non_field_errors() == shown
    assert AuditEntry.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(("error", "shown"), REFUSALS, ids=[type(e).__name__ for e, _ in REFUSALS])
def test_a_refusal_becomes_one_message_on_the_page_after_its_prefix(error, shown):
    request = _request()
    with domain_errors(request, prefix="Chưa lưu được: ", also=(AppRefusal,)) as outcome:
        _service(error)
    assert outcome.ok is False
    assert [m.message for m in get_messages(request)] == ["Chưa lưu được: " + " ".join(shown)]
    assert AuditEntry.objects.count() == 0


@pytest.mark.django_db
def test_a_page_that_lists_refusals_its_own_way_gets_only_the_messages():
    with domain_errors(None) as outcome:
        _service(ValidationError(["Thiếu ngày.", "Thiếu số tiền."]))
    assert (outcome.ok, outcome.messages) == (False, ["Thiếu ngày.", "Thiếu số tiền."])
    assert [(p.row, p.column, p.message) for p in outcome.problems] == [(None, None, "Thiếu ngày."),
                                                                        (None, None, "Thiếu số tiền.")]
    assert AuditEntry.objects.count() == 0


@pytest.mark.django_db
def test_a_refused_file_keeps_its_problems_by_row_and_column():
    problem = Problem(3, "B (Kỳ)", "Kỳ chưa đến.")
    with domain_errors(None) as outcome:
        _service(Problems([problem]))
    assert (outcome.ok, outcome.problems) == (False, [problem])
    assert AuditEntry.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("to", ["form", "request", None])
def test_a_denial_answers_404_as_for_a_missing_record_and_writes_nothing(to):
    target = {"form": NoteForm({"text": "x"}), "request": _request(), None: None}[to]
    with pytest.raises(Http404), domain_errors(target):
        _service(PermissionDenied())
    assert AuditEntry.objects.count() == 0


@pytest.mark.django_db
def test_a_success_keeps_the_write_and_says_nothing():
    request = _request()
    with domain_errors(request) as outcome:
        _service(None)
    assert (outcome.ok, outcome.messages, list(get_messages(request))) == (True, [], [])
    assert AuditEntry.objects.count() == 1


def test_an_error_that_is_no_refusal_is_not_swallowed():
    with pytest.raises(KeyError), domain_errors(_request()):
        raise KeyError("bug")
