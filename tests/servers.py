"""Real server processes for tests: the same launcher `make audit` and `make bench` use."""

from website.serving import free_port, gunicorn

__all__ = ["free_port", "gunicorn"]
