"""Every UI string is translated in nb, nn and en, and the compiled .mo files match."""

import polib
import pytest

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
