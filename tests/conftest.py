"""Shared fixtures: the demo site is loaded once per test session, each test runs in a transaction."""

import pytest
from django.core.cache import cache
from django.test import Client

from website.demo.loader import DemoLoader


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        DemoLoader().load()


@pytest.fixture(autouse=True)
def _clear_cache():
    # Wagtail caches site root paths; tests that change pages must not see another test's cache.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def client():
    return Client()
