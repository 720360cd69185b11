"""One place that turns what a service refuses into what a page answers, so views stop writing it each time:

- PermissionDenied (out of the user's scope) → 404, as for a record that does not exist;
- ValidationError, StaleVersion, Problems, Refused (and any error an app adds that carries `.message`) → the Vietnamese
  messages, on the form (a form error) or on the page (a message shown after the redirect); nothing was written,
  since the service raised inside its transaction.

    with domain_errors(form) as outcome:
        services.report_progress(task, ..., by=request.user)
    if outcome.ok:
        messages.success(request, "Đã ghi báo cáo tiến độ.")
        return redirect(...)
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.contrib import messages as flash
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import BaseForm
from django.http import Http404, HttpRequest

from ntm.locking import StaleVersion
from ntm.problems import Problem, Problems, at
from ntm.refusals import Refused

REFUSALS: tuple[type[Exception], ...] = (ValidationError, StaleVersion, Problems, Refused)


@dataclass
class Outcome:
    ok: bool = True  # False: the service refused, its messages are shown
    messages: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # the same, by row and column when a file was refused


def messages_of(error: Exception) -> list[str]:
    """A refusal's messages for the user, in Vietnamese."""
    if isinstance(error, ValidationError):
        return list(error.messages)
    if isinstance(error, Problems):
        return error.messages
    return [str(getattr(error, "message", "") or error)]


@contextmanager
def domain_errors(to: BaseForm | HttpRequest | None, *, prefix: str = "",
                  also: tuple[type[Exception], ...] = ()) -> Iterator[Outcome]:
    """Runs the block; a refusal becomes `to`'s messages (a form's error, or one message on the request's page,
    after `prefix`; None: only `outcome.messages`, for a page that lists them its own way), and a denial a 404.
    `also`: an app's own refusals that carry `.message`."""
    outcome = Outcome()
    try:
        yield outcome
    except PermissionDenied:
        raise Http404 from None
    except (*REFUSALS, *also) as error:
        outcome.ok, outcome.messages = False, messages_of(error)
        outcome.problems = error.problems if isinstance(error, Problems) else [at("", m) for m in outcome.messages]
        if isinstance(to, BaseForm):
            to.add_error(None, error if isinstance(error, ValidationError) else outcome.messages)
        elif to is not None:
            flash.error(to, prefix + " ".join(outcome.messages))
