"""An Atom feed of each language's news index: /<lang>/<news index>/feed/."""

import datetime
import uuid

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext

from pages.public_url import absolute_url

FEED_LENGTH = 20


class NewsFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, index):
        self.request = request
        self.language = index.locale.language_code  # the feed's xml:lang: the language of its articles
        return index

    def title(self, index):
        return f"{index.title} – {gettext('Assistance System for Victims of Human Trafficking')}"

    # Absolute with the public address when one is set; else Django adds the request's host.
    def link(self, index):
        return absolute_url(index.get_url(self.request))

    def subtitle(self, index):
        return index.introduction or None

    def feed_url(self, index):
        return absolute_url(index.get_url(self.request) + index.reverse_subpage("feed"))

    def items(self, index):
        return index.articles()[:FEED_LENGTH]

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return article.search_description or article.introduction

    def item_link(self, article):
        return absolute_url(article.get_url(self.request))

    def item_guid(self, article):
        # Stable across renames and moves: derived from the page's translation key and language.
        return f"urn:uuid:{uuid.uuid5(article.translation_key, article.locale.language_code)}"

    item_guid_is_permalink = False

    def item_pubdate(self, article):
        return timezone.make_aware(datetime.datetime.combine(article.date, datetime.time(9)))

    def item_updateddate(self, article):
        return article.last_published_at or self.item_pubdate(article)

    def item_categories(self, article):
        return [article.get_news_type_display()]
