"""Crawl every internal link of the demo site in fi, sv and en: nothing may 404."""

from urllib.parse import urlsplit

import pytest

from tests.utils import soup

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("code", ["fi", "sv", "en"])
def test_crawl_finds_no_broken_links(client, code):
    start = f"/{code}/"
    queue, seen, broken = [start], {start}, []
    while queue:
        path = queue.pop()
        response = client.get(path, follow=True)
        if response.status_code != 200:
            broken.append((path, response.status_code))
            continue
        if not response["Content-Type"].startswith("text/html"):
            continue
        page = soup(response)
        hrefs = [a["href"] for a in page.select("a[href]")]
        hrefs += [link["href"] for link in page.select("link[rel=alternate], link[rel=canonical]")]
        for href in hrefs:
            parts = urlsplit(href)
            if parts.scheme in ("http", "https") and parts.hostname not in ("localhost", "testserver"):
                continue
            if parts.scheme not in ("", "http", "https") or href.startswith("#"):
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            # stay inside this language's pages, but check every link once
            if target not in seen:
                seen.add(target)
                if target.startswith(start) or not target.startswith(("/fi/", "/sv/", "/en/")):
                    queue.append(target)
                else:
                    status = client.get(target, follow=True).status_code
                    if status != 200:
                        broken.append((target, status))
    assert not broken
    assert len(seen) > 20
