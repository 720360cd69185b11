"""Where the shared real notices live: beside the repository, as in CI."""

from pathlib import Path

import pytest

NOTICES = Path(__file__).resolve().parents[2] / ".." / "shared" / "notices"

needs_notices = pytest.mark.skipif(
    not (NOTICES / "gold").is_dir(), reason="shared/notices is not beside the repository clone"
)
