"""Small things a reader notices: wording, capitals, language names and signs in every language.

Each test names the kind of mistake, so that a new string or page with the same mistake fails too.
"""

import json
import re
from html import unescape

import polib
import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from pages import charts, i18n
from tests.utils import demo_visitor_path, soup

LOCALE_DIR = settings.BASE_DIR / "locale"
CONTENT_DIR = settings.BASE_DIR / "site" / "demo" / "content"
LANGUAGES = [code for code, _name in settings.LANGUAGES]
# Languages whose script has capital letters.
CASED = ["fi", "sv", "en", "ru", "uk", "et", "ro", "so", "vi", "fr"]
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")
FALLBACK_NOTICE = "This page has not been translated into your language yet. It is shown in %(language)s."
NOTHING_FOUND = "Nothing was found in %(language)s. These results are in %(other)s."


def catalogue(code: str) -> polib.POFile:
    return polib.pofile(str(LOCALE_DIR / code / "LC_MESSAGES" / "django.po"))


def translations(code: str) -> list[tuple[polib.POEntry, str]]:
    return [
        (entry, text)
        for entry in catalogue(code).translated_entries()
        for text in ([entry.msgstr] if not entry.msgid_plural else entry.msgstr_plural.values())
    ]


def content_texts(code: str) -> list[str]:
    """Every piece of text of a language's demo content (not slugs, keys or dates), HTML unescaped."""
    skip = {"slug", "type", "level", "kind", "key", "page", "document", "date", "news_type", "contacts",
            "period_start", "period_end"}

    def walk(value, key=""):
        if isinstance(value, dict):
            for name, item in value.items():
                yield from walk(item, name)
        elif isinstance(value, list):
            for item in value:
                yield from walk(item, key)
        elif isinstance(value, str) and key not in skip:
            yield unescape(value)

    return list(walk(json.loads((CONTENT_DIR / f"{code}.json").read_text(encoding="utf-8"))))


def sentence_starts(text: str, *, first: bool = True) -> list[str]:
    """The first letter of each sentence of a plain text: at its start (unless `first` is false: the
    text goes on from something before it) and after . ! or ?."""
    text = re.sub(r"^[\s\"'«»“”„‘’(]+", "", text)
    starts = [text[:1]] if first and text[:1].isalpha() else []
    starts += [match.group(1) for match in re.finditer(r"[.!?][\s\u00a0]+[\"'«»“”„‘’(]*(\w)", text)]
    return starts


def block_texts(html: str) -> list[tuple[str, bool]]:
    """(text, starts a sentence) of each paragraph and heading of a rich-text value, or of the value.

    List items are left out: a list item often goes on with the sentence that introduces the list.
    After a bold lead-in ("<b>Remember:</b> the button...") the text goes on with a small letter.
    """
    if "<" not in html:
        return [(html, True)]
    blocks = []
    for _tag, inner in re.findall(r"<(p|h[1-6])>(.*?)</\1>", html, flags=re.S):
        lead_in = re.match(r"\s*<b>[^<]*:</b>", inner)
        blocks.append((re.sub(r"<[^>]+>", "", inner[lead_in.end():] if lead_in else inner), not lead_in))
    return blocks


# -- Ukrainian: the imperative ------------------------------------------------------------------------

# The polite imperative (the second person plural) ends in -іть or -те: "Зробіть", "Введіть",
# "Спробуйте". "Зробить" is "he or she will do". English sentences that open with a request (a
# heading such as "Check your report" may take the infinitive).
REQUESTS = {"Select", "Enter", "Choose", "Make", "Write", "Check", "Call", "Press", "Give", "Try",
            "Describe", "Tell", "Scan", "Wait", "Remove", "Use"}


def test_ukrainian_requests_use_the_imperative():
    wrong = []
    for entry, text in translations("uk"):
        if entry.msgid.split(" ", 1)[0] in REQUESTS and entry.msgid.rstrip().endswith((".", ":")):
            first = re.match(r"\w+", text)
            if first and not re.search(r"(іть|те)$", first.group(0)):
                wrong.append((entry.msgid, text))
    assert not wrong


def test_ukrainian_content_has_no_indicative_for_an_imperative():
    # The catalogue test above cannot see the content; the mistake found there must not come back.
    for text in [text for _entry, text in translations("uk")] + content_texts("uk"):
        assert not re.search(r"\bЗробить\b", text), text


# -- language names inside sentences ---------------------------------------------------------------


@pytest.mark.parametrize("code", ["ru", "uk"])
def test_russian_and_ukrainian_write_language_names_in_lower_case_inside_a_sentence(code):
    with translation.override(code):
        for language in LANGUAGES:
            name = i18n.name_in_sentence(language)
            assert name == name.lower(), name
            assert name != i18n.translated_name(language)  # the name standing alone is capitalised
            notice = gettext(FALLBACK_NOTICE) % {"language": name}
            assert name in notice and not notice.startswith(name)


@pytest.mark.parametrize("code", CASED)
def test_sentences_with_a_language_name_start_with_a_capital(code):
    with translation.override(code):
        for language in LANGUAGES:
            name = i18n.name_in_sentence(language)
            for sentence in (gettext(FALLBACK_NOTICE) % {"language": name},
                             gettext(NOTHING_FOUND) % {"language": name, "other": name}):
                assert all(letter.isupper() for letter in sentence_starts(sentence)), sentence


@pytest.mark.django_db
@pytest.mark.parametrize(("code", "expected"), [("ru", "на английском языке"), ("uk", "англійською мовою")])
def test_fallback_notice_names_the_language_as_a_sentence_does(client, code, expected):
    notice = soup(client.get(demo_visitor_path("help", code))).select_one(".fallback-notice")
    assert expected in notice.get_text(" ", strip=True)


# -- capital letters at the start of a sentence ------------------------------------------------------


@pytest.mark.parametrize("code", CASED)
def test_translated_sentences_start_with_a_capital(code):
    """A msgstr starts as its msgid does, also when it starts with a placeholder whose value is
    written in lower case (a language name inside a sentence)."""
    with translation.override("en"):
        language_names = {str(name) for _code, name in settings.LANGUAGES}
    wrong = []
    for entry, text in translations(code):
        if entry.msgctxt or entry.msgid in language_names or not entry.msgid[:1].isupper():
            continue
        filled = PLACEHOLDER.sub(lambda match: "x" if match.group(1) in ("language", "other") else "9", text)
        if not all(letter.isupper() or letter.isdigit() for letter in sentence_starts(filled)):
            wrong.append((entry.msgid, text))
    assert not wrong


@pytest.mark.parametrize("code", CASED)
def test_content_sentences_start_with_a_capital(code):
    # Estonian had sentences that began with a small letter; every language with capitals is checked.
    wrong = [text for value in content_texts(code) for text, first in block_texts(value)
             if not all(letter.isupper() or letter.isdigit() for letter in sentence_starts(text, first=first))]
    assert not wrong


# -- percentages -------------------------------------------------------------------------------------


def test_english_writes_no_space_before_the_percent_sign():
    with translation.override("en"):
        assert charts.format_figure(70, charts.Unit.PERCENT) == "70%"


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_space_before_the_percent_sign_never_breaks_the_line(code):
    with translation.override(code):
        percentage = charts.format_figure(70, charts.Unit.PERCENT)
    assert percentage in ("70%", "70\u00a0%", "70\u202f%"), repr(percentage)


def test_english_content_writes_no_space_before_the_percent_sign():
    for text in content_texts("en") + [text for _entry, text in translations("en")]:
        assert not re.search(r"\d[\s\u00a0\u202f]+%(?!\()", text), text


@pytest.mark.django_db
def test_english_statistics_page_shows_percentages_as_english_writes_them(client):
    page = client.get(demo_visitor_path("statistics", "en")).content.decode()
    assert "70%" in page
    assert not re.search(r"\d(\s|&nbsp;|\u00a0)%", page)


# -- the dash that means "not published" -----------------------------------------------------------


def test_arabic_calls_the_dash_a_sign_not_the_police():
    # الشرطة is both "the dash" and "the police"; written without vowel marks a reader sees the police.
    police = "الشرطة"
    note = catalogue("ar").find("A dash (–) means that the figure has not been published.")
    assert note.msgstr and police not in note.msgstr
    for _entry, text in translations("ar"):
        assert not re.search(police + r"\s*\(\s*[–-]?\s*\)", text), text


# -- Finnish: one word for the receipt code -----------------------------------------------------------


def test_finnish_calls_the_receipt_code_kuittikoodi_everywhere():
    texts = [text for _entry, text in translations("fi")] + content_texts("fi")
    assert not [text for text in texts if "seurantakoodi" in text.lower()]
    with translation.override("fi"):
        assert "kuittikoodi" in gettext("Your receipt code").lower()
    assert any("kuittikoodi" in text.lower() for text in content_texts("fi"))
