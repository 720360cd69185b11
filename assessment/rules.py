"""Pure rules of a commune's values on their review path. No ORM, no request.

An edit never moves a value along its path: only the workflow steps do (submit, verify, appraise, return). A value
sent back stays "returned" while the commune corrects its figure, its evidence note or its document, so that the
reviewer's comment stays in view — on the scorecard, in the entry form and in Việc cần làm — until the commune sends
the value again ("Gửi lại"). Before this rule, adding a note to a returned value silently made it a draft again
and the comment vanished from the commune's list.
"""

from dataclasses import dataclass
from enum import StrEnum

from assessment.models import EDITABLE, ValueStatus


class Edit(StrEnum):
    """What a commune changes on a value it may still edit."""

    VALUE = "value"  # the figure itself
    NOTE = "note"  # the evidence note
    FILE = "file"  # the attached document


@dataclass(frozen=True)
class EditOutcome:
    allowed: bool
    status: ValueStatus | None  # the status after the edit; None when refused
    message: str = ""  # why it is refused, in Vietnamese


def after_edit(status: str | None, edit: Edit) -> EditOutcome:
    """The status of a value after the commune's `edit` (`status` None: the value does not exist yet)."""
    if status is None:
        if edit == Edit.VALUE:
            return EditOutcome(True, ValueStatus.DRAFT)
        return EditOutcome(False, None, "Cần nhập giá trị trước khi ghi minh chứng.")
    current = ValueStatus(status)
    if current not in EDITABLE:
        return EditOutcome(False, None, f"Giá trị đang ở trạng thái '{current.label}', không sửa được. Cần được trả lại trước.")
    return EditOutcome(True, current)  # a draft stays a draft; a returned value stays returned until sent again


RETURNED_HINT = ("Giá trị bị trả lại vẫn ở trạng thái “Trả lại” sau khi sửa giá trị, ghi chú hay tệp minh chứng, "
                 "cho đến khi xã gửi lại; ý kiến trả lại vẫn hiện cho đến lúc đó.")
