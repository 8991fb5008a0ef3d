"""The quick exit: it never fires while someone types, it always fires on purpose, and Back in that tab
does not lead back to the site. Real key presses, real clicks, a real server (tests/browser/conftest.py)."""

import re

import pytest

from tests.browser.conftest import press_shift_three_times, screenshot
from tests.utils import demo_url_path

pytestmark = pytest.mark.browser

START = "https://start.example/"  # whatever the tab showed before the site
EXIT = re.compile(r"https://www\.google\.com/.*")


@pytest.fixture
def tab(page):
    """A tab that showed another site first; nothing leaves the machine."""
    page.context.route(START + "**", lambda route: route.fulfill(body="<title>Start</title>start",
                                                                 content_type="text/html"))
    page.goto(START)
    return page


def type_with_shift(page, text: str) -> None:
    """Type as a person does: Shift held down for each capital (and each shifted sign), then let go."""
    for character in text:
        if character.isupper() or character in '!?:;"()%&/=':
            page.keyboard.down("Shift")
            page.keyboard.type(character)
            page.keyboard.up("Shift")
        else:
            page.keyboard.type(character)


def below_the_quick_exit_bar(page, selector: str) -> bool:
    """The element is on screen, not hidden under the sticky quick-exit bar."""
    return page.evaluate("""s => { const bar = document.querySelector('.quick-exit').getBoundingClientRect();
        const box = document.querySelector(s).getBoundingClientRect();
        return box.top >= bar.bottom - 1 && box.top < innerHeight; }""", selector)


def still_on_the_site(page, site_url) -> bool:
    page.wait_for_timeout(300)  # time for a (wrong) exit to start
    return page.url.startswith(site_url)


@pytest.mark.parametrize("text", [
    "Olen TÖISSÄ Ravintolassa. Pomo Otti PASSIN!",
    "A B C D E F: OK? JA NYT (HETI)!",
])
def test_typing_capitals_in_the_form_never_leaves(tab, site_url, text):
    tab.goto(site_url + demo_url_path("report", "fi"))
    tab.click("#id_description")
    type_with_shift(tab, text)
    assert still_on_the_site(tab, site_url)
    assert tab.input_value("#id_description") == text


def test_capitals_typed_with_caps_held_and_shift_between_words_never_leave(tab, site_url):
    tab.goto(site_url + demo_url_path("report", "fi"))
    tab.click("#id_description")
    for word in ("POMO", "OTTI", "PASSIN", "JA", "PUHELIMEN"):
        tab.keyboard.down("Shift")
        tab.keyboard.type(word)  # Shift held through the word: one press
        tab.keyboard.up("Shift")
        tab.keyboard.type(" ")
    assert still_on_the_site(tab, site_url)


def test_a_non_latin_keyboard_with_shifted_signs_never_leaves(tab, site_url):
    tab.goto(site_url + demo_url_path("report", "ar"))
    tab.click("#id_description")
    for shifted, plain in (("ً", "مرحبا "), ("؟", " أنا "), ("ٌ", " هنا")):
        tab.keyboard.down("Shift")
        tab.keyboard.type(shifted)
        tab.keyboard.up("Shift")
        tab.keyboard.type(plain)
    tab.keyboard.press("Alt+Shift")  # switching the keyboard layout
    tab.keyboard.press("Alt+Shift")
    tab.keyboard.press("Alt+Shift")
    assert still_on_the_site(tab, site_url)


def test_shift_presses_too_far_apart_do_not_leave(tab, site_url):
    tab.goto(site_url + "/fi/")
    for _ in range(3):
        tab.keyboard.press("Shift")
        tab.wait_for_timeout(1100)
    assert still_on_the_site(tab, site_url)


@pytest.mark.parametrize("place", ["page", "text field"])
def test_three_deliberate_shift_presses_leave_from_anywhere(tab, site_url, place):
    tab.goto(site_url + demo_url_path("report", "uk"))
    if place == "text field":
        tab.click("#id_description")
        type_with_shift(tab, "Мене ТУТ тримають")
    press_shift_three_times(tab, EXIT)
    tab.go_back()
    assert tab.url == START


def click_through_three_pages(tab, site_url):
    tab.goto(site_url + "/fi/")
    tab.click(f".main-menu a[href='{demo_url_path('victim', 'fi')}'], .hero a[href='{demo_url_path('victim', 'fi')}']")
    tab.wait_for_url(re.compile(".*" + demo_url_path("victim", "fi")))
    tab.click(f"a[href='{demo_url_path('help', 'fi')}']")
    tab.wait_for_url(re.compile(".*" + demo_url_path("help", "fi")))
    tab.click(".language-switcher a[lang=sv]")
    tab.wait_for_url(re.compile(".*" + demo_url_path("help", "sv")))


@pytest.mark.parametrize("how", ["button", "shift"])
def test_back_after_the_quick_exit_does_not_show_the_site(tab, site_url, how):
    click_through_three_pages(tab, site_url)
    tab.focus("a.skip-link")
    tab.keyboard.press("Enter")  # an in-page link does not add a step either
    assert tab.url.endswith("#main")
    if how == "button":
        tab.click("[data-quick-exit]")
    else:
        press_shift_three_times(tab, EXIT)
    tab.wait_for_url(EXIT)
    tab.go_back()
    assert tab.url == START
    tab.go_back()  # nothing further back either
    assert not tab.url.startswith(site_url)


def send_a_report(tab, site_url, code="fi"):
    tab.goto(site_url + demo_url_path("report", code))
    tab.check("input[name=writer_role][value=self]")
    tab.fill("#id_description", "Pomo otti passini eikä maksa palkkaa.")
    tab.click(".referral-form button[type=submit]")
    tab.wait_for_selector("[data-receipt]")
    return tab.inner_text("[data-receipt]")


@pytest.mark.parametrize("width", [320, 1280])
def test_back_after_the_quick_exit_from_the_confirmation_does_not_show_the_site(tab, site_url, width):
    tab.set_viewport_size({"width": width, "height": 700})
    form = site_url + demo_url_path("report", "fi")
    receipt = send_a_report(tab, site_url)
    assert re.fullmatch(r"\d{4} \d{4} \d{4} \d{4}", receipt)
    assert tab.url == form  # the answer is shown in the form's own entry
    assert below_the_quick_exit_bar(tab, "main h1")
    screenshot(tab, f"confirmation-in-place-fi-{width}")
    tab.click("[data-quick-exit]")
    tab.wait_for_url(EXIT)
    tab.go_back()
    assert tab.url == START


@pytest.mark.parametrize("width", [320, 1280])
def test_error_summary_takes_focus_and_leads_to_each_field(tab, site_url, width):
    tab.set_viewport_size({"width": width, "height": 700})
    tab.goto(site_url + demo_url_path("report", "ar"))
    tab.click(".referral-form button[type=submit]")  # nothing filled in
    tab.wait_for_selector(".error-summary")
    tab.wait_for_function("document.activeElement.id === 'error-summary'")
    assert tab.evaluate("document.querySelector('main h1').nextElementSibling.id") == "error-summary"
    assert below_the_quick_exit_bar(tab, ".error-summary")
    links = tab.locator(".error-summary a")
    assert links.count() >= 2
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.closest('.error-summary') !== null")
    tab.keyboard.press("Enter")
    first_target = links.first.get_attribute("href").removeprefix("#")
    assert tab.evaluate("document.activeElement.id") == first_target
    assert tab.evaluate("document.activeElement.getAttribute('aria-invalid') === 'true' || "
                        "document.activeElement.closest('fieldset').getAttribute('aria-describedby').includes('error')")
    tab.go_back()  # following the summary's links added no step
    assert tab.url == START


def test_without_javascript_links_and_the_form_still_work(browser, site_url):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 800})
    context.route("https://www.google.com/**", lambda route: route.fulfill(body="<title>Neutral</title>ok"))
    tab = context.new_page()
    tab.goto(site_url + "/fi/")
    tab.click(f".main-menu a[href='{demo_url_path('report', 'fi')}']")
    tab.wait_for_url(re.compile(".*" + demo_url_path("report", "fi")))
    tab.click(".referral-form button[type=submit]")
    tab.wait_for_function("document.activeElement.id === 'error-summary'")  # autofocus, no script
    tab.check("input[name=writer_role][value=concerned]")
    tab.fill("#id_description", "Naapurissa asuu ihmisiä, jotka eivät saa palkkaa.")
    tab.click(".referral-form button[type=submit]")
    assert re.fullmatch(r"\d{4} \d{4} \d{4} \d{4}", tab.inner_text("[data-receipt]"))
    tab.click("[data-quick-exit]")  # an ordinary link to the neutral site
    tab.wait_for_url(EXIT)
    context.close()
