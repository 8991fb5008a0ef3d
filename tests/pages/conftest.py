"""Users in the editorial groups that migration 0005_editorial_workflow creates."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.users.models import UserProfile


@pytest.fixture
def group_member(django_user_model):
    """Make a user who belongs to the named groups and nothing else.

    Their admin is in English (the site's default, Finnish, is the admin's default too), so tests
    can read the admin's words before the lead translates new strings.
    """

    def make(*group_names: str, admin_language: str = "en"):
        username = "-".join(name.lower().replace(" ", "-") for name in group_names) or "nobody"
        user = django_user_model.objects.create_user(username=username, password="not-used-123")
        user.groups.add(*[Group.objects.get(name=name) for name in group_names])
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = admin_language
        profile.save()
        return user

    return make


@pytest.fixture
def client_for():
    """A test client logged in as the given user."""

    def make(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make
