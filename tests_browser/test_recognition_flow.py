"""One commune from registration to recognition in the browser: the office registers it, the commune works its
roadmap and dossier, the district verifies, the departments give their opinions, the office appraises and records
the decision — and the office dashboard and the monthly report change with it."""

import io

import openpyxl

from accounts.models import Agency, AgencyKind, Role
from geo.models import Attribute, UnitAttribute
from recognition import dossiers, rules
from recognition.models import Dossier, RoadmapItem
from recognition.rules import Step
from recognition.tests.conftest import ALL_MET, YEAR, give_values
from tests_browser.conftest import TIMEOUT_MS
from tests_browser.session import sign_in

CONFIRMED: list[str] = []  # what each confirmation asked, in order


def as_user(browser, live_server, username):
    context = browser.new_context(locale="vi-VN", accept_downloads=True)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    # every irreversible step asks first (data-confirm): the user reads the question and accepts
    page.on("dialog", lambda dialog: (CONFIRMED.append(dialog.message), dialog.accept()))
    sign_in(page, live_server, username)
    return page


def attach(dossier, step: Step, user) -> None:
    """The documents of the step, as the actor would upload them (the upload form is tested elsewhere)."""
    dossier.refresh_from_db()
    for document in rules.required_documents(dossier.path, step):
        if not dossier.documents.filter(code=document.code).exists():
            dossiers.attach_document(dossier, code=document.code, note="Số 1", by=user)


def move(page, step: Step) -> None:
    page.get_by_test_id(f"move-{step.value}").get_by_role("button").click()
    page.get_by_text("Hồ sơ đã chuyển sang bước").wait_for()


def test_one_commune_from_registration_to_recognition(transactional_db, cast, geo_map, small_set, live_server,
                                                      browser):
    UnitAttribute.objects.create(unit=geo_map.province, name=Attribute.REGION, value="DHNTB")
    for name in ("Sở Xây dựng", "Sở Giao thông vận tải", "Cục Thống kê"):
        Agency.objects.create(name=name, kind=AgencyKind.DEPARTMENT, unit=geo_map.province)
    give_values(geo_map.commune, {**ALL_MET, "2.1": "60"})

    office = as_user(browser, live_server, Role.COORDINATOR)
    office.goto(f"{live_server.url}/bao-cao/?nam={YEAR}&ngay={YEAR}-12-31")
    assert "Xã Kỳ Tân" not in office.get_by_test_id("registered").inner_text()
    office.goto(f"{live_server.url}/cong-nhan/?nam={YEAR}")
    form = office.get_by_test_id("register-form")
    form.get_by_label("Xã", exact=True).select_option(label="Xã Kỳ Tân")
    form.get_by_label("Quyết định phê duyệt danh sách").fill("QĐ 12/QĐ-UBND")
    form.get_by_role("button").click()
    office.get_by_text("Đã thêm Xã Kỳ Tân vào danh sách đăng ký năm 2022").wait_for()
    assert "2/3" in office.get_by_test_id("registered").inner_text()

    commune = as_user(browser, live_server, Role.COMMUNE_OFFICER)
    commune.goto(f"{live_server.url}/cong-nhan/?nam={YEAR}")
    commune.get_by_role("link", name="Xã Kỳ Tân").click()
    assert "Hiện 60 %; yêu cầu ≥ 70 %" in commune.get_by_test_id("roadmap").inner_text()
    action = commune.get_by_test_id("action-form")
    action.get_by_label("Việc cần làm").fill("Cứng hóa 1,2 km đường trục xã")
    action.get_by_label("Người thực hiện").fill("Phó Chủ tịch UBND xã")
    action.get_by_label("Thời hạn").fill(f"{YEAR}-10-30")
    action.get_by_role("button").click()
    commune.get_by_text("Đã thêm việc vào lộ trình.").wait_for()
    give_values(geo_map.commune, {"2.1": "85"})  # the commune enters the new length of hardened road
    commune.get_by_role("button", name="Cập nhật theo kết quả mới nhất").click()
    commune.get_by_text("Đã cập nhật lộ trình").wait_for()
    assert RoadmapItem.objects.get(indicator_code="2.1").status == "done"

    commune.goto(f"{live_server.url}/cong-nhan/ho-so/?nam={YEAR}")
    opening = commune.get_by_test_id("open-dossier-form")
    opening.get_by_label("Xã hoặc thôn").select_option(label="Xã Kỳ Tân")
    opening.get_by_role("button").click()
    commune.get_by_role("link", name="Xã Kỳ Tân").click()
    dossier = Dossier.objects.get()
    commune_user = cast[Role.COMMUNE_OFFICER]
    for step in (Step.SELF_ASSESSED, Step.POSTED_PUBLICLY):
        attach(dossier, step, commune_user)
        commune.reload()
        move(commune, step)
    poll = commune.get_by_test_id("poll-form")
    poll.get_by_label("Tổng số hộ").fill("1200")
    poll.get_by_label("Số hộ trả lời").fill("1000")
    poll.get_by_label("Số hộ hài lòng").fill("960")
    poll.get_by_role("button").click()
    commune.get_by_text("Đã ghi kết quả lấy ý kiến sự hài lòng.").wait_for()
    for step in (Step.POLL_DONE, Step.SUBMITTED_TO_DISTRICT):
        attach(dossier, step, commune_user)
        commune.reload()
        move(commune, step)

    district = as_user(browser, live_server, Role.DISTRICT_OFFICER)
    district.goto(f"{live_server.url}/cong-nhan/ho-so/{dossier.pk}/")
    for step in (Step.VERIFIED, Step.SUBMITTED_TO_PROVINCE):
        attach(dossier, step, cast[Role.DISTRICT_OFFICER])
        district.reload()
        move(district, step)

    attach(dossier, Step.APPRAISED, cast[Role.COORDINATOR])
    office.goto(f"{live_server.url}/cong-nhan/ho-so/{dossier.pk}/")
    assert "Chưa có ý kiến thẩm định của Cục Thống kê" in office.get_by_test_id("blockers").inner_text()
    assert "Đến lượt bạn xử lý" in office.get_by_test_id("turn").inner_text()
    district.reload()
    assert "Đang chờ Văn phòng Điều phối NTM tỉnh" in district.get_by_test_id("turn").inner_text()
    for agency in Agency.objects.filter(kind=AgencyKind.DEPARTMENT, unit=geo_map.province):
        dossier.opinions.create(agency=agency, agrees=True)
    office.reload()
    # the office sends it back once, with a reason, then the district sends it up again
    office.get_by_test_id("move-verified").get_by_label("Lý do trả lại").fill("Bổ sung biên bản họp thẩm tra")
    office.get_by_test_id("move-verified").get_by_role("button").click()
    office.get_by_text("Hồ sơ đã chuyển sang bước").wait_for()
    district.reload()
    move(district, Step.SUBMITTED_TO_PROVINCE)
    office.reload()
    move(office, Step.APPRAISED)
    decision = office.get_by_test_id("decision-form")
    decision.get_by_label("Số quyết định").fill("3579/QĐ-UBND")
    decision.get_by_label("Ngày quyết định").fill(f"{YEAR}-12-20")
    decision.get_by_role("button").click()
    office.get_by_text("Đã ghi quyết định công nhận.").wait_for()
    move(office, Step.RECOGNISED)
    assert Dossier.objects.get().step == Step.RECOGNISED
    assert CONFIRMED[-1] == ("Chuyển hồ sơ của Xã Kỳ Tân sang bước «Đã công nhận»? Bước đã chuyển chỉ người xử lý "
                             "bước sau mới trả lại được.")
    assert any(question.startswith("Trả lại hồ sơ của Xã Kỳ Tân về bước") for question in CONFIRMED)
    assert "Hồ sơ đã xong: đã có quyết định công nhận 3579/QĐ-UBND" in office.get_by_test_id("turn").inner_text()
    assert "Bổ sung biên bản họp thẩm tra" in office.get_by_test_id("events").inner_text()

    office.goto(f"{live_server.url}/bao-cao/?nam={YEAR}&ngay={YEAR}-12-31")
    assert "Xã Kỳ Tân" in office.get_by_test_id("registered").inner_text()
    with office.expect_download() as download:
        office.get_by_test_id("monthly-excel").click()
    with open(download.value.path(), "rb") as saved:  # Playwright saves it without the .xlsx extension
        book = openpyxl.load_workbook(io.BytesIO(saved.read()))
    values = {cell for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row}
    assert "Xã Kỳ Tân" in values
