"""Typed readers for settings taken from the environment: a bad value fails loudly at start-up."""

import os
import secrets
import tempfile
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean (use 1/0, true/false, yes/no)")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name}={raw!r} is not an integer") from error


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_choice(name: str, default: str, choices: set[str]) -> str:
    value = os.environ.get(name, default)
    if value not in choices:
        raise ImproperlyConfigured(f"{name}={value!r} must be one of {sorted(choices)}")
    return value


def stored_secret(path: Path) -> str:
    """The secret kept in `path`, made (random, readable by its owner only) the first time: a local run needs no
    configuration and still has a key of its own, never a constant of the source code. Several processes starting at
    once agree on one key: the file appears whole, by a link, or not at all."""
    try:
        return path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", dir=path.parent, prefix=".secret-", delete=False, encoding="ascii") as draft:
        draft.write(secrets.token_urlsafe(50))
    os.chmod(draft.name, 0o600)
    try:
        os.link(draft.name, path)
    except FileExistsError:
        pass  # another process made it first: its key is the one
    finally:
        os.unlink(draft.name)
    return path.read_text(encoding="ascii").strip()
