"""Scale data for the consent app: a few pseudonymised young people a year, each
with guardians, a samtykke signed by them, and disclosures made on it."""

from __future__ import annotations

import datetime as dt

from consent.legal import InformationCategory, LegalBasis
from consent.models import (
    Consent,
    ConsentGuardian,
    Disclosure,
    Guardian,
    Subject,
)
from slt_portal.scale.common import AreaSetup, Run, at, insert

SUBJECTS_PER_YEAR = 6
DISCLOSURES_PER_SUBJECT = 2
# Pseudonym alphabet of consent.validators (no I, O, 0, 1).
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
SPACE = len(ALPHABET) ** 4
STRIDE = 617_011  # coprime with 32**4, so the index -> pseudonym map is one-to-one


def pseudonym(seed: int, area_index: int, number: int) -> str:
    """A pseudonym unique within the area for ``number`` < 32**4, fixed by the seed."""
    value = (number * STRIDE + seed * 7919 + area_index * 104_729) % SPACE
    chars = []
    for _n in range(4):
        value, digit = divmod(value, len(ALPHABET))
        chars.append(ALPHABET[digit])
    return "UNG-" + "".join(reversed(chars))


def subjects_create(setup: AreaSetup, year: int, *, run: Run, rng) -> None:
    area, agencies = setup.area, setup.agencies
    year_number = year - run.years[0]
    given_days = [
        dt.date(year, 1 + (n * 2) % 12, 10 + n) for n in range(SUBJECTS_PER_YEAR)
    ]
    given_days = [d for d in given_days if d <= run.today]
    if not given_days:
        return
    subjects = insert(
        Subject,
        [
            Subject(
                area=area,
                pseudonym=pseudonym(run.seed, setup.index, year_number * 100 + n),
                birth_year=year - rng.randint(13, 17),
                identity_held_by=agencies[3],
                status=Subject.Status.ACTIVE
                if day >= run.today - dt.timedelta(days=365)
                else Subject.Status.CLOSED,
                closed_reason=""
                if day >= run.today - dt.timedelta(days=365)
                else Subject.ClosedReason.NO_LONGER_NEEDED,
                closed_at=None
                if day >= run.today - dt.timedelta(days=365)
                else at(day + dt.timedelta(days=365)),
                created_by=setup.coordinator,
                created_at=at(day),
            )
            for n, day in enumerate(given_days)
        ],
        when=None,
    )
    guardians = insert(
        Guardian,
        [
            Guardian(area=area, subject=s, label=f"Verge {k}")
            for s in subjects
            for k in (1, 2)
        ],
        when=at(given_days[0]),
    )
    consents = insert(
        Consent,
        [
            _consent(setup, s, day, run)
            for s, day in zip(subjects, given_days, strict=True)
        ],
        when=None,
    )
    insert(
        ConsentGuardian,
        [
            ConsentGuardian(
                area=area,
                consent=c,
                guardian=g,
                consented_at=c.given_at,
                form=Consent.Form.WRITTEN,
            )
            for c in consents
            for g in guardians
            if g.subject_id == c.subject_id
        ],
        when=at(given_days[0]),
    )
    Consent.recipient_agencies.through.objects.bulk_create(
        [
            Consent.recipient_agencies.through(consent_id=c.pk, agency_id=a.pk)
            for c in consents
            for a in agencies[2:6]
        ]
    )
    insert(Disclosure, _disclosures(setup, consents, rng), when=None)


def _consent(setup: AreaSetup, subject: Subject, day: dt.date, run: Run) -> Consent:
    until = day + dt.timedelta(days=365)
    return Consent(
        area=setup.area,
        subject=subject,
        subject_consented_at=at(day, 10),
        information_scope="Skolegang, fritid og kontakt med politiet.",
        information_categories=[
            InformationCategory.FAMILY_HOME,
            InformationCategory.EDUCATION_WORK,
        ],
        purpose="Samordnet oppfølging i ungdomsteamet.",
        informed_about="Hva som deles, med hvem, og retten til å trekke samtykket.",
        voluntary=True,
        express=True,
        form=Consent.Form.WRITTEN,
        document_reference=f"Arkivsak {day.year}/{subject.pseudonym}",
        context=Consent.Context.ONE_TO_ONE,
        given_at=at(day, 10),
        recorded_by=setup.coordinator,
        recorded_by_agency=setup.agencies[1],
        valid_from=day,
        valid_until=until,
        status=Consent.Status.ACTIVE if until >= run.today else Consent.Status.EXPIRED,
        ended_at=None if until >= run.today else at(until, 23),
        created_by=setup.coordinator,
        created_at=at(day, 10),
        updated_at=at(day, 10),
    )


def _disclosures(setup: AreaSetup, consents, rng) -> list[Disclosure]:
    team = setup.groups["team1"]
    rows = []
    for consent in consents:
        for n in range(DISCLOSURES_PER_SUBJECT):
            when = consent.given_at + dt.timedelta(days=14 + 30 * n)
            rows.append(
                Disclosure(
                    area=setup.area,
                    subject_id=consent.subject_id,
                    legal_basis=LegalBasis.CONSENT,
                    consent=consent,
                    from_agency=rng.choice(setup.agencies[2:6]),
                    to_group=team,
                    information_categories=[InformationCategory.EDUCATION_WORK],
                    information_description="Fravær og trivsel på skolen.",
                    purpose="Samordnet oppfølging i ungdomsteamet.",
                    status=Disclosure.Status.DISCLOSED,
                    disclosed_at=when,
                    disclosed_by=setup.coordinator,
                    created_by=setup.coordinator,
                    created_at=when,
                    updated_at=when,
                )
            )
    return rows
