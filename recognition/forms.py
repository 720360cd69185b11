"""Forms of the recognition pages."""

from django import forms

from accounts.models import Agency
from ntm import attachments, uploads
from recognition.models import STEPS, ItemStatus, Level, Subject
from recognition.rules import DOCUMENTS, IMMEDIATE_GROUNDS, RevocationGround, levels_offered, subjects_offered
from recognition.rules import Subject as RuleSubject

GROUND_LABELS = {
    RevocationGround.SHORTFALL_NOT_RECOVERED: "Không còn đạt chuẩn, không khắc phục trong thời hạn",
    RevocationGround.NEW_SET_NOT_MET: "Không đạt bộ tiêu chí mới trong thời hạn",
    RevocationGround.ARREARS_NOT_CLEARED: "Nợ đọng xây dựng cơ bản quá hạn chưa xử lý",
    RevocationGround.FALSE_DOSSIER: "Hồ sơ, số liệu không trung thực",
    RevocationGround.CRITERIA_SHORTFALL: "Số tiêu chí không đạt đến mức phải thu hồi (QĐ 18/2022/QĐ-TTg)",
}

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RegistrationForm(forms.Form):
    commune = forms.CharField(label="Mã xã", max_length=20)
    level = forms.ChoiceField(label="Mức đăng ký", choices=Level.choices)

    def __init__(self, *args, year: int, **kwargs):
        super().__init__(*args, **kwargs)
        levels = {level.value for level in levels_offered(RuleSubject.COMMUNE, year)}
        self.fields["level"].choices = [(v, label) for v, label in Level.choices if v in levels]
    decision = forms.CharField(label="Quyết định phê duyệt danh sách", max_length=200, required=False)
    decided_on = forms.DateField(label="Ngày quyết định", required=False, widget=DATE_INPUT)


class ActionForm(forms.Form):
    action = forms.CharField(label="Việc cần làm", widget=forms.Textarea(attrs={"rows": 2}))
    responsible_agency = forms.ModelChoiceField(label="Cơ quan thực hiện", queryset=Agency.objects.none(),
                                                required=False)
    responsible_person = forms.CharField(label="Người thực hiện", max_length=150, required=False)
    due_date = forms.DateField(label="Thời hạn", widget=DATE_INPUT)

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        if agencies is not None:
            self.fields["responsible_agency"].queryset = agencies


class ItemForm(forms.Form):
    item = forms.IntegerField(widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label="Trạng thái", choices=ItemStatus.choices)
    due_date = forms.DateField(label="Thời hạn", required=False, widget=DATE_INPUT)
    responsible_person = forms.CharField(label="Người thực hiện", max_length=150, required=False)
    tasks = forms.MultipleChoiceField(label="Nhiệm vụ liên quan", required=False)
    projects = forms.MultipleChoiceField(label="Dự án liên quan", required=False)


class OpenDossierForm(forms.Form):
    """The subjects and levels of the year's period only (rules.levels_offered)."""

    subject = forms.ChoiceField(label="Đối tượng", choices=Subject.choices)
    unit = forms.CharField(label="Mã xã (hoặc mã thôn)", max_length=20, required=False,
                           help_text="Không cần với hồ sơ tỉnh hoàn thành nhiệm vụ: hồ sơ lập cho tỉnh.")
    level = forms.ChoiceField(label="Mức (đối với xã)", choices=Level.choices)
    garden_owner = forms.CharField(label="Chủ hộ (vườn mẫu)", max_length=150, required=False)

    def __init__(self, *args, year: int, **kwargs):
        super().__init__(*args, **kwargs)
        subjects = {s.value for s in subjects_offered(year)}
        levels = {level.value for level in levels_offered(RuleSubject.COMMUNE, year)}
        self.fields["subject"].choices = [(v, label) for v, label in Subject.choices if v in subjects]
        self.fields["level"].choices = [(v, label) for v, label in Level.choices if v in levels]

    def clean(self):
        data = super().clean()
        if data.get("subject") != Subject.PROVINCE and not (data.get("unit") or "").strip():
            self.add_error("unit", "Cần ghi mã xã hoặc mã thôn.")
        return data


class MoveForm(forms.Form):
    to_step = forms.ChoiceField(choices=STEPS)
    version = forms.IntegerField()
    comment = forms.CharField(required=False, widget=forms.Textarea)


class DocumentForm(forms.Form):
    code = forms.ChoiceField(label="Tài liệu", choices=[(d.code, d.label) for d in DOCUMENTS.values()],
                             error_messages={"invalid_choice": "Loại tài liệu không có trong danh mục hồ sơ."})
    note = forms.CharField(label="Số, ngày văn bản / ghi chú", max_length=300, required=False,
                           error_messages={"max_length": "quá dài: tối đa 300 ký tự."})
    file = forms.FileField(label="Tệp", required=False)

    def clean_file(self) -> attachments.Attachment | None:
        """PDF, JPG/PNG, Word or Excel by its content, within 10 MB; read once here, stored by the service."""
        upload = self.cleaned_data.get("file")
        if not upload:
            return None
        try:
            return attachments.read_attachment(upload, default_stem="tai-lieu-ho-so")
        except uploads.UploadError as error:
            raise forms.ValidationError(error.message) from None


class PollForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    households = forms.IntegerField(label="Tổng số hộ", min_value=1, required=False)
    respondents = forms.IntegerField(label="Số hộ trả lời", min_value=0)
    satisfied = forms.IntegerField(label="Số hộ hài lòng", min_value=0)


class CriteriaForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    met = forms.IntegerField(label="Số tiêu chí đạt", min_value=0)
    total = forms.IntegerField(label="Tổng số tiêu chí của bộ tiêu chí tỉnh", min_value=1)


class OpinionForm(forms.Form):
    agency = forms.IntegerField(widget=forms.HiddenInput)
    agrees = forms.BooleanField(label="Đồng ý các tiêu chí do sở phụ trách đạt chuẩn", required=False)
    text = forms.CharField(label="Ý kiến", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class DecisionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    number = forms.CharField(label="Số quyết định", max_length=100)
    date = forms.DateField(label="Ngày quyết định", widget=DATE_INPUT)
    certificate = forms.CharField(label="Số bằng công nhận", max_length=100, required=False)


class RevocationForm(forms.Form):
    reason = forms.ChoiceField(label="Căn cứ", choices=[(g.value, label) for g, label in GROUND_LABELS.items()])
    detail = forms.CharField(label="Chi tiết (tiêu chí không còn đạt…)", required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))
    detected_on = forms.DateField(label="Phát hiện ngày", widget=DATE_INPUT)
    deadline = forms.DateField(label="Hạn khắc phục", widget=DATE_INPUT, required=False,
                               help_text="Không cần với căn cứ có hiệu lực ngay (hồ sơ không trung thực, số tiêu chí "
                                         "không đạt đến mức phải thu hồi).")

    def clean(self):
        data = super().clean()
        immediate = data.get("reason") in IMMEDIATE_GROUNDS
        if not immediate and not data.get("deadline"):
            self.add_error("deadline", "Cần ghi hạn khắc phục.")
        return data


class RevocationDecisionForm(forms.Form):
    recovered = forms.BooleanField(label="Xã đã khắc phục được (giữ quyết định công nhận)", required=False)
    number = forms.CharField(label="Số quyết định thu hồi", max_length=100, required=False)
    decided_on = forms.DateField(label="Ngày quyết định thu hồi", required=False, widget=DATE_INPUT)

    def clean(self):
        data = super().clean()
        if not data.get("recovered") and not (data.get("number") and data.get("decided_on")):
            raise forms.ValidationError("Cần ghi số và ngày quyết định thu hồi, hoặc đánh dấu đã khắc phục.")
        return data
