"""Every interface string is translated in every site language, and catalogues match the code."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
LANGUAGES = [code for code, _ in settings.LANGUAGES]


def catalogue(code: str) -> polib.POFile:
    return polib.pofile(str(LOCALE_DIR / code / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("code", LANGUAGES)
def test_catalogue_is_complete(code):
    po = catalogue(code)
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert not untranslated, f"{code}: untranslated {untranslated}"
    assert not fuzzy, f"{code}: fuzzy {fuzzy}"
    assert po.metadata.get("Language") == code


@pytest.mark.parametrize("code", LANGUAGES)
def test_placeholders_survive_translation(code):
    import re

    placeholder = re.compile(r"%\(\w+\)s")
    for entry in catalogue(code).translated_entries():
        if entry.msgid_plural:
            # every plural form must keep the plural msgid's placeholders (a form may drop the count)
            expected = set(placeholder.findall(entry.msgid_plural))
            for form in entry.msgstr_plural.values():
                assert set(placeholder.findall(form)) <= expected, f"{code}: {entry.msgid!r}"
            continue
        assert sorted(placeholder.findall(entry.msgid)) == sorted(placeholder.findall(entry.msgstr)), (
            f"{code}: {entry.msgid!r}"
        )


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext (xgettext) is not installed")
def test_catalogues_match_the_code(tmp_path):
    """makemessages run into a copy finds no msgid that locale/ lacks, and no stale one."""
    work = tmp_path / "repo"
    shutil.copytree(settings.BASE_DIR, work, ignore=shutil.ignore_patterns(
        ".venv", "var", ".git", "node_modules", "*.mo", "__pycache__", "db.sqlite3*"))
    # Import the copy, not the installed checkout: `website` is the import name of site/.
    (work / "website").symlink_to(work / "site", target_is_directory=True)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "fi", "--ignore=tests/*",
         # Wagtail's and wagtail-localize's templates with a CSP nonce added: their words are theirs.
         "--ignore=site/templates/wagtailadmin/*", "--ignore=site/templates/wagtail_localize/*",
         "--no-location", "--no-obsolete"],
        cwd=work, check=True, capture_output=True,
        env={"DJANGO_SETTINGS_MODULE": "website.settings.test", "PATH": "/usr/bin:/bin",
             "PYTHONPATH": str(work)},
    )
    fresh = {entry.msgid for entry in polib.pofile(str(work / "locale/fi/LC_MESSAGES/django.po"))}
    shipped = {entry.msgid for entry in catalogue("fi")}
    assert fresh - shipped == set(), "run `make makemessages` and translate the new strings"
    assert shipped - fresh == set(), "stale strings in locale/: run `make makemessages`"
