"""Forms of the recognition pages."""

from django import forms

from accounts.models import Agency
from recognition.models import ItemStatus, Level

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RegistrationForm(forms.Form):
    commune = forms.CharField(label="Mã xã", max_length=20)
    level = forms.ChoiceField(label="Mức đăng ký", choices=Level.choices)
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
