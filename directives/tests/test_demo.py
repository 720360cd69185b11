from io import StringIO

import pytest
from django.core.management import call_command

from directives.demo import guess_kind, load_demo_notices
from directives.models import Notice, Task, TaskStatus


@pytest.mark.parametrize(("name", "kind"), [
    ("Sở Tài chính", "department"), ("UBND cấp huyện", "peoples_committee"), ("Văn phòng NTM tỉnh", "coordination_office"),
    ("Ban Chỉ đạo NTM cấp huyện", "steering_committee"), ("Mặt trận Tổ quốc, các đoàn thể", "front_or_union"),
    ("Các tổ chức đỡ đầu, tài trợ", "sponsor"), ("các cấp, các ngành", "other"),
])
def test_the_kind_of_a_new_agency_is_guessed_from_its_name(name, kind):
    assert guess_kind(name) == kind


def test_the_seed_notices_load_once_into_their_provinces_with_a_story(db):
    from accounts.models import User

    admin = User.objects.create_superuser("quantri", password="mat-khau-thu-nghiem-2026")
    call_command("load_national_map", "--province", "42", "--province", "20", "--province", "19", "--province", "44", stdout=StringIO())
    assert load_demo_notices(admin) == 5
    assert load_demo_notices(admin) == 0
    assert sorted(Notice.objects.values_list("province__name", flat=True)) == ["Hà Tĩnh", "Hà Tĩnh", "Lạng Sơn", "Quảng Bình", "Thái Nguyên"]
    statuses = set(Task.objects.values_list("status", flat=True))
    assert {TaskStatus.DONE, TaskStatus.OPEN} <= statuses
    assert Task.objects.done_late().exists() and Task.objects.done_on_time().exists()
