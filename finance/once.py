"""One-time form tokens: a form that creates a record carries a random token, and the service that writes claims
it inside its own transaction. The same form posted again — a double click, a request the browser resends, twenty
parallel posts — finds the token taken and writes nothing; a refused write gives the token back (its transaction
is undone), so the corrected form can be sent again.

Claiming is an insert into a unique column: on PostgreSQL a second transaction waits on the first one's row and
fails when it commits; on SQLite writers take the lock when they begin, so the second sees the row."""

import datetime
import re
import secrets

from django.db import IntegrityError, transaction
from django.utils import timezone

from finance.models import FormToken

TOKEN = re.compile(r"[0-9a-f]{32}", re.ASCII)
KEEP = datetime.timedelta(days=30)  # a form left open longer is sent as a new one
STALE_FORM = "Biểu mẫu không còn hợp lệ (thiếu hoặc sai thông tin ẩn của biểu mẫu). Hãy tải lại trang rồi nhập lại."


class AlreadyDone(Exception):
    """The form was posted before and its record written; this post writes nothing."""

    def __init__(self, first: FormToken):
        when = timezone.localtime(first.created)
        self.message = (f"Biểu mẫu này đã được gửi và ghi lúc {when:%H:%M} ngày {when:%d/%m/%Y}; "
                        "lần gửi lại không ghi thêm gì.")
        super().__init__(self.message)


def new_token() -> str:
    return secrets.token_hex(16)


def claim(token: str | None, action: str, *, by) -> None:
    """Marks `token` used by this write (inside the caller's transaction), or AlreadyDone if it was used.

    `None` is for callers that write once by construction (commands, imports); a form always sends a token."""
    if token is None:
        return
    if not TOKEN.fullmatch(token):
        raise ValueError("not a form token")  # the forms accept nothing else
    try:
        with transaction.atomic():
            FormToken.objects.create(token=token, action=action, user=by)
    except IntegrityError:
        raise AlreadyDone(FormToken.objects.get(token=token)) from None
    FormToken.objects.filter(created__lt=timezone.now() - KEEP).delete()
