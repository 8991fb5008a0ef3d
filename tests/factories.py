import datetime

import factory
import wagtail_factories

from pages.models import NewsArticlePage


class NewsArticlePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Uutinen {n}")
    slug = factory.Sequence(lambda n: f"uutinen-{n}")
    date = factory.Sequence(lambda n: datetime.date(2020, 1, 1) + datetime.timedelta(days=n))
    news_type = "news"
    search_description = "Lyhyt kuvaus uutisesta."

    class Meta:
        model = NewsArticlePage
