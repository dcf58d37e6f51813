"""Every UI string is translated in nb, nn and en, and the compiled .mo files match."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings as django_settings

from slt_portal.management.commands.translations import catalogues, problems

CATALOGUES = list(catalogues())


def test_all_three_languages_have_catalogues():
    assert {language for language, _path in CATALOGUES} == {"nb", "nn", "en"}


@pytest.mark.parametrize(("language", "path"), CATALOGUES, ids=lambda v: str(v))
def test_catalogue_has_no_untranslated_or_fuzzy_entries(language, path):
    untranslated, fuzzy = problems(path)
    assert untranslated == []
    assert fuzzy == []


@pytest.mark.parametrize(("language", "path"), CATALOGUES, ids=lambda v: str(v))
def test_compiled_catalogue_matches_the_source(language, path):
    mo = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural.get(0)
        for e in polib.mofile(str(path.with_suffix(".mo")))
    }
    po = polib.pofile(str(path))
    stale = [
        e.msgid
        for e in po.translated_entries()
        if mo.get((e.msgctxt, e.msgid)) != (e.msgstr or e.msgstr_plural.get(0))
    ]
    assert stale == [], "run `make compilemessages`"


def test_the_catalogues_hold_every_string_in_the_source(tmp_path):
    """Nothing was added to the code or templates without `make messages`.

    makemessages writes next to the sources, so it runs on a copy of them.
    """
    root = Path(django_settings.BASE_DIR)
    copy = tmp_path / "src"
    shutil.copytree(
        root,
        copy,
        ignore=shutil.ignore_patterns(
            ".venv", "var", ".git", "node_modules", "test-artifacts", "tests", "*.mo"
        ),
    )
    env = {
        **os.environ,
        # Settings are only read: no server is started for makemessages.
        "DATABASE_URL": "postgres://unused@127.0.0.1:1/unused",
        "REDIS_URL": "redis://127.0.0.1:1/0",
    }
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "nb", "--no-obsolete"],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
    )
    extracted = polib.pofile(str(copy / "locale/nb/LC_MESSAGES/django.po"))
    committed = polib.pofile(str(root / "locale/nb/LC_MESSAGES/django.po"))
    source = {(e.msgctxt, e.msgid) for e in extracted if not e.obsolete}
    catalogue = {(e.msgctxt, e.msgid) for e in committed if not e.obsolete}
    assert sorted(source - catalogue, key=str) == [], "run `make messages`"
