"""Scheduled publishing and unpublishing of news with Wagtail's `publish_scheduled` command.

Publishers set "Go-live date/time" or "Expiry date/time" in the page's publishing schedule and
publish; operators run `manage.py publish_scheduled` every few minutes (referral_form/README.md,
"Scheduled jobs (cron)").
"""

import datetime
from unittest import mock

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from pages.models import NewsArticlePage
from tests.admin_forms import edit_form_data
from tests.utils import demo_page, demo_url_path, soup

pytestmark = pytest.mark.django_db


@pytest.fixture
def publisher_client(group_member, client_for):
    return client_for(group_member("Publishers"))


def admin_datetime(moment: datetime.datetime) -> str:
    """A date and time as the admin's date-time picker writes it."""
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def publish_with_schedule(client, page, **schedule: datetime.datetime):
    data = edit_form_data(client, page)
    for field, moment in schedule.items():
        data[field] = admin_datetime(moment)
    data["action-publish"] = "action-publish"  # what the button posts
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 302, response.content[:3000]


def run_publish_scheduled(at: datetime.datetime) -> None:
    """Run the command as cron would at that moment."""
    with mock.patch("django.utils.timezone.now", return_value=at):
        call_command("publish_scheduled")


def news_titles(client) -> list[str]:
    response = client.get(demo_url_path("news", "fi"))
    assert response.status_code == 200
    return [link.get_text(strip=True) for link in soup(response).select(".card__title a")]


def latest_news_titles(client) -> list[str]:
    response = client.get(demo_url_path("home", "fi"))
    assert response.status_code == 200
    return [link.get_text(strip=True) for link in soup(response).select(".latest-news .card__title a")]


@pytest.mark.parametrize("command", ["publish_scheduled", "publish_scheduled_pages"])
def test_the_command_works_under_both_names(command):
    article = demo_page("home", "fi").latest_news()[0]
    NewsArticlePage.objects.filter(pk=article.pk).update(expire_at=timezone.now() - datetime.timedelta(minutes=1))
    call_command(command)
    article.refresh_from_db()
    assert not article.live
    assert article.expired


def test_a_scheduled_article_goes_live_when_its_time_comes(client, publisher_client):
    now = timezone.now()
    news = demo_page("news", "fi")
    article = news.add_child(
        instance=NewsArticlePage(title="Ajastettu tiedote", slug="ajastettu-tiedote", date=now.date(), live=False)
    )
    article.save_revision()
    publish_with_schedule(publisher_client, article, go_live_at=now + datetime.timedelta(hours=2))

    article.refresh_from_db()
    assert not article.live
    assert article.scheduled_revision is not None
    assert "Ajastettu tiedote" not in news_titles(client)

    run_publish_scheduled(now + datetime.timedelta(hours=1))  # not yet due
    article.refresh_from_db()
    assert not article.live

    run_publish_scheduled(now + datetime.timedelta(hours=2, minutes=5))
    article = NewsArticlePage.objects.get(pk=article.pk)
    assert article.live
    assert article.scheduled_revision is None
    assert news_titles(client)[0] == "Ajastettu tiedote"
    assert latest_news_titles(client)[0] == "Ajastettu tiedote"


def test_an_expired_article_is_unpublished_and_disappears(client, publisher_client):
    now = timezone.now()
    home = demo_page("home", "fi")
    newest = home.latest_news()[0]
    assert newest.title in latest_news_titles(client)
    assert newest.title in news_titles(client)
    publish_with_schedule(publisher_client, newest, expire_at=now + datetime.timedelta(hours=1))
    newest.refresh_from_db()
    assert newest.live
    assert newest.expire_at is not None

    run_publish_scheduled(now + datetime.timedelta(minutes=30))  # not yet due
    newest.refresh_from_db()
    assert newest.live

    run_publish_scheduled(now + datetime.timedelta(hours=1, minutes=5))
    newest.refresh_from_db()
    assert not newest.live
    assert newest.expired
    assert newest.title not in news_titles(client)
    assert newest.title not in latest_news_titles(client)
    assert len(latest_news_titles(client)) == 3
