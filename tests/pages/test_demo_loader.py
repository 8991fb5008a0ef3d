"""The demo loader runs once: a second run neither duplicates nor overwrites editors' changes."""

import pytest
from wagtail.models import Page

from pages.models import ContactPerson
from tests.utils import demo_page
from website.demo.loader import DemoLoader

pytestmark = pytest.mark.django_db


def test_second_load_changes_nothing():
    victim = demo_page("victim", "fi")
    victim.title = "Toimittajan muuttama otsikko"
    victim.save_revision().publish()
    pages_before = Page.objects.count()
    contacts_before = ContactPerson.objects.count()

    assert DemoLoader().load() is False

    assert Page.objects.count() == pages_before
    assert ContactPerson.objects.count() == contacts_before
    assert demo_page("victim", "fi").title == "Toimittajan muuttama otsikko"


def test_every_language_has_a_locale_and_home():
    from django.conf import settings
    from wagtail.models import Locale

    for code, _name in settings.LANGUAGES:
        assert Locale.objects.filter(language_code=code).exists()
        assert demo_page("home", code).live
