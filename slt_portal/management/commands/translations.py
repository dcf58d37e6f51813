"""``manage.py translations``: report (and for English, fill) the .po catalogues.

English msgids are the source text, so ``--fill-en`` copies each msgid into the
English catalogue. The report fails when any language has untranslated or fuzzy
entries; a test runs the same check.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

DOMAINS = ("django", "djangojs")


def catalogues():
    for language, _name in settings.LANGUAGES:
        for domain in DOMAINS:
            path = (
                Path(settings.LOCALE_PATHS[0])
                / language
                / "LC_MESSAGES"
                / f"{domain}.po"
            )
            if path.exists():
                yield language, path


def problems(path: Path) -> tuple[list[str], list[str]]:
    import polib

    po = polib.pofile(str(path))
    untranslated = [e.msgid for e in po.untranslated_entries() if not e.obsolete]
    fuzzy = [e.msgid for e in po.fuzzy_entries() if not e.obsolete]
    return untranslated, fuzzy


def fill_english(path: Path) -> int:
    import polib

    po = polib.pofile(str(path))
    filled = 0
    for entry in po:
        if entry.obsolete:
            continue
        if entry.msgid_plural:
            wanted = {0: entry.msgid, 1: entry.msgid_plural}
            if entry.msgstr_plural != wanted:
                entry.msgstr_plural = wanted
                filled += 1
        elif entry.msgstr != entry.msgid:
            entry.msgstr = entry.msgid
            filled += 1
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    po.save()
    return filled


class Command(BaseCommand):
    help = "Report untranslated/fuzzy UI strings per language; --fill-en fills English."

    def add_arguments(self, parser):
        parser.add_argument("--fill-en", action="store_true")

    def handle(self, *args, **options):
        failed = False
        for language, path in catalogues():
            if options["fill_en"] and language == "en":
                count = fill_english(path)
                self.stdout.write(f"en: filled {count} entries in {path.name}")
            untranslated, fuzzy = problems(path)
            counts = f"{len(untranslated)} untranslated, {len(fuzzy)} fuzzy"
            self.stdout.write(f"{language} {path.name}: {counts}")
            for msgid in (untranslated + fuzzy)[:20]:
                self.stdout.write(f"    {msgid!r}")
            failed = failed or bool(untranslated or fuzzy)
        if failed:
            raise CommandError("Some UI strings are not translated.")
