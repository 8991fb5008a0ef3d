"""Editors can open the create and edit views of every page type, and edit the settings."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Page

from pages.models import SectionIndexPage
from tests.pages.test_rendering import PAGE_TYPES, key_of_type
from tests.utils import SPECS, demo_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user(username="editor", password="not-used-123")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.mark.parametrize("model", PAGE_TYPES, ids=lambda m: m.__name__)
def test_editor_can_open_edit_view(editor_client, model):
    page = demo_page(key_of_type(model), "fi")
    response = editor_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("model", [m for m in PAGE_TYPES if m.__name__ != "HomePage"],
                         ids=lambda m: m.__name__)
def test_editor_can_open_create_view(editor_client, model):
    spec = SPECS[key_of_type(model)]
    parent = demo_page(spec.parent, "fi")
    if model.max_count_per_parent:
        # the demo parent already has its one child of this type; use a new, empty section
        parent = parent.add_child(instance=SectionIndexPage(title="Osio", slug="osio"))
    url = reverse("wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk])
    response = editor_client.get(url)
    assert response.status_code == 200


def test_home_page_create_view_for_superuser(client, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.com", "not-used-123")
    client.force_login(admin)
    root = Page.objects.get(depth=1)
    # Only one home page per parent (max_count_per_parent): under the root, which has the demo's,
    # Wagtail refuses a second one and sends the superuser back to the dashboard.
    refused = client.get(reverse("wagtailadmin_pages:add", args=["pages", "homepage", root.pk]))
    assert refused.status_code == 302
    assert refused["Location"] == reverse("wagtailadmin_home")
    # Under a parent without one, the superuser gets the home page's create form.
    empty = root.add_child(instance=Page(title="Toinen sivusto", slug="toinen-sivusto"))
    response = client.get(reverse("wagtailadmin_pages:add", args=["pages", "homepage", empty.pk]))
    assert response.status_code == 200
    assert 'name="hero_title"' in response.content.decode()


def test_editor_can_create_a_news_article(editor_client):
    news = demo_page("news", "fi")
    url = reverse("wagtailadmin_pages:add", args=["pages", "newsarticlepage", news.pk])
    data = {
        "title": "Uusi uutinen",
        "slug": "uusi-uutinen",
        "date": "2026-11-24",
        "news_type": "news",
        "introduction": "",
        "body-count": "0",
        "contacts-TOTAL_FORMS": "0",
        "contacts-INITIAL_FORMS": "0",
        "contacts-MIN_NUM_FORMS": "0",
        "contacts-MAX_NUM_FORMS": "1000",
        "comment_notifications": "",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.content[:2000]
    assert news.get_children().filter(slug="uusi-uutinen").exists()


@pytest.mark.parametrize("parent_key", ["home", "about"])
def test_editor_can_create_a_service_directory_page(editor_client, parent_key):
    parent = demo_page(parent_key, "fi")
    url = reverse("wagtailadmin_pages:add", args=["pages", "servicedirectorypage", parent.pk])
    data = {
        "title": "Apua lähelläsi",
        "slug": "apua-lahellasi",
        "introduction": "Palvelut alueittain.",
        "body-count": "0",
        "comment_notifications": "",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.content[:2000]
    page = parent.get_children().get(slug="apua-lahellasi").specific
    edit = editor_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert edit.status_code == 200
    data["introduction"] = "Muutettu johdanto."
    response = editor_client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 302, response.content[:2000]
    page.refresh_from_db()
    assert page.get_latest_revision_as_object().introduction == "Muutettu johdanto."


def test_contact_settings_edit_view_has_every_language(client, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.com", "not-used-123")
    client.force_login(admin)
    response = client.get(reverse("wagtailsettings:edit", args=["pages", "sitecontactsettings"]), follow=True)
    assert response.status_code == 200
    content = response.content.decode()
    for code in ("fi", "sv", "en", "ar", "so"):
        assert f'name="helpline_phone_{code}"' in content


def test_contact_person_snippet_is_translatable(client, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.com", "not-used-123")
    client.force_login(admin)
    response = client.get(reverse("wagtailsnippets_pages_contactperson:list"))
    assert response.status_code == 200
    assert "Katri Lyijynen" in response.content.decode()
