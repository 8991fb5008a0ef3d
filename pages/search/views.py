"""The public search page: `/<lang>/search/?q=...`.

Results come from the visitor's language only. When that language has none, the fallback languages
(English, then Finnish) are searched, and the page says so and marks those results with their own
language; one page of results never mixes languages. Queries are never logged or stored, the page
sets no cookie, and search engines are asked not to index it.
"""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from django.views.decorators.cache import cache_control

from pages import i18n
from pages.models import NewsArticlePage
from pages.search import MAX_QUERY_LENGTH, clean_query, search_pages, visible_query

RESULTS_PER_PAGE = 10


def _result(page, request) -> dict:
    is_news = isinstance(page, NewsArticlePage)
    return {
        "title": page.title,
        "url": page.get_url(request),
        "summary": page.search_description or getattr(page, "introduction", ""),
        "kind": page.get_news_type_display() if is_news else capfirst(page._meta.verbose_name),
        "date": page.date if is_news else None,
    }


def _search_with_fallback(words: str, language: str):
    """The results in the first language of the visitor's fallback order that has any."""
    for code in i18n.fallback_order(language):
        results = search_pages(words, code)
        if results.count():
            return code, results
    return language, None


# What someone searched for must not stay in the cache of a shared or watched device.
@cache_control(no_store=True)
def search(request):
    language = translation.get_language()
    query = visible_query(request.GET.get("q", ""))
    words = clean_query(query)
    context = {
        "query": query,
        "words": words,
        "max_query_length": MAX_QUERY_LENGTH,
        "results_language": language,
        "language_name": i18n.name_in_sentence(language),
    }
    with i18n.interface_language(language):
        if words:
            results_language, results = _search_with_fallback(words, language)
            if results is not None:
                page_obj = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
                context.update(
                    page_obj=page_obj,
                    results=[_result(page, request) for page in page_obj.object_list],
                    results_language=results_language,
                    results_direction=i18n.text_direction(results_language),
                    results_language_name=i18n.name_in_sentence(results_language),
                )
        context["language_alternates"] = _language_alternates(query)
        return render(request, "pages/search/search.html", context)


def _language_alternates(query: str) -> dict[str, str]:
    """The same search in every language, for the language switcher."""
    suffix = f"?{urlencode({'q': query})}" if query else ""
    alternates = {}
    for code in i18n.content_language_codes():
        with translation.override(code):
            alternates[code] = reverse("search") + suffix
    return alternates
