"""What a criteria set's YAML from outside (an upload) must pass before `criteria.yaml_format.parse_set` reads it."""

import yaml

from criteria.yaml_reader import SetFileError, SetFileProblem
from ntm.uploads import UploadError, safe_yaml

MAX_TEXT_BYTES = 512 * 1024  # the largest national set is about 55 KB


def check_untrusted(text: str, file_name: str) -> None:
    """What a YAML text from outside must pass before `parse_set` reads it, or SetFileError: its size, its nesting
    (`ntm.uploads.safe_yaml`: libyaml would exhaust the stack on thousands of nested brackets) and no aliases (a few
    lines of `*name` can stand for a billion thresholds). A syntax error is left to `parse_set`, which names its line."""
    def refused(line: int, message: str) -> SetFileError:
        return SetFileError([SetFileProblem(file_name, line, "(cú pháp YAML)", message)])

    if len(text.encode("utf-8")) > MAX_TEXT_BYTES:
        raise refused(1, f"tệp lớn hơn {MAX_TEXT_BYTES // 1024} KB; một bộ tiêu chí chỉ vài chục KB")
    try:
        safe_yaml(text)
        aliases = (token for token in yaml.scan(text, Loader=yaml.SafeLoader) if isinstance(token, yaml.AliasToken))
        alias = next(aliases, None)
    except UploadError as error:
        raise refused(1, error.message) from None
    except yaml.YAMLError:
        return
    if alias is not None:
        raise refused(alias.start_mark.line + 1, "không dùng tham chiếu YAML (*tên); hãy viết đầy đủ từng mục")
