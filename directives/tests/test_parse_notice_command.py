"""The parse_notice command prints the parse and fails clearly on bad input."""

import json

import pytest
from django.core.management import call_command

from directives.tests.notices import NOTICES


def test_it_prints_the_parse_as_json(capsys):
    call_command("parse_notice", str(NOTICES / "000_180bb9e999bc0bcd.txt"), "--json")
    parsed = json.loads(capsys.readouterr().out)
    assert parsed["meta"]["notice_number"] == "17-TB/BCĐ"
    assert set(parsed) == {"meta", "tasks", "targets"}


def test_it_prints_vietnamese_as_is(tmp_path, capsys):
    notice = tmp_path / "n.txt"
    notice.write_text("Hà Tĩnh, ngày 03 tháng 11 năm 2017\n\nSố 17 - TB/BCĐ\n", encoding="utf-8")
    call_command("parse_notice", str(notice), "--json")
    assert '"province": "Hà Tĩnh"' in capsys.readouterr().out


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "Không tìm thấy tệp"), (b"   \n", "Tệp rỗng"), (b"H\xe0 T\xecnh", "không phải văn bản UTF-8")],
)
def test_it_exits_2_with_a_vietnamese_message_on_bad_input(tmp_path, capsys, content, message):
    notice = tmp_path / "n.txt"
    if content is not None:
        notice.write_bytes(content)
    with pytest.raises(SystemExit) as exit_info:
        call_command("parse_notice", str(notice), "--json")
    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err
