"""Where a profile lives when no --data-dir is given."""

from __future__ import annotations

from pathlib import Path

import platformdirs


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("regiedesk", appauthor=False, roaming=False))
