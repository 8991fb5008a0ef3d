"""Reading configuration from the environment (12-factor), with clear errors."""

import os
from email.utils import getaddresses
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

REPOSITORY_ROOT = Path(__file__).resolve().parent.parent

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def read_dotenv(path: Path | None = None) -> None:
    """Load KEY=value lines from .env into the environment, never overriding what is already set.

    DOTENV_PATH names another file (an empty value reads none).
    """
    if path is None:
        path = Path(os.environ.get("DOTENV_PATH", REPOSITORY_ROOT / ".env"))
    if not str(path) or not path.is_file():
        return
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, value = line.split("=", 1)
        os.environ.setdefault(key.strip(), value.strip().strip("'\""))


def env_str(name: str, default: str | None = None, *, required: bool = False) -> str | None:
    value = os.environ.get(name)
    if value is None or value == "":
        if required:
            raise ImproperlyConfigured(f"The environment variable {name} must be set.")
        return default
    return value


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    word = value.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (true/false), not {value!r}.")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}.") from None


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def env_addresses(name: str) -> list[tuple[str, str]]:
    """(name, address) pairs from `Name <a@example.org>, b@example.org`, as Django's ADMINS wants them."""
    value = os.environ.get(name, "")
    pairs = getaddresses([value]) if value.strip() else []
    for _name, address in pairs:
        if "@" not in address:
            raise ImproperlyConfigured(f"{name} must list e-mail addresses (Name <a@example.org>, ...), not {value!r}.")
    return pairs


def cache_config(url: str | None) -> dict:
    """A CACHES entry from a URL: redis://… or rediss://… uses Redis, anything else local memory."""
    if url and url.startswith(("redis://", "rediss://")):
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "ihmiskauppa",
        }
    if url and not url.startswith("locmem://"):
        raise ImproperlyConfigured(f"CACHE_URL must start with redis://, rediss:// or locmem://: {url!r}")
    return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "ihmiskauppa"}


def env_base_url(name: str, default: str = "") -> str:
    """An origin such as `https://ihmiskauppa.fi` (scheme, host, optional port; no path), without a
    trailing slash; empty when unset."""
    from urllib.parse import urlsplit

    value = (os.environ.get(name) or default).strip().rstrip("/")
    if not value:
        return ""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.path or parts.query or parts.fragment:
        raise ImproperlyConfigured(f"{name} must be an address like https://ihmiskauppa.fi, not {value!r}.")
    return value
