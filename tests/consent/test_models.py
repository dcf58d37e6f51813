"""The schema keeps identifying data out and the access log append-only (C11, C12)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction

from consent.models import AccessLog, Guardian, Subject, is_possibly_minor
from municipalities.models import Area
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def row(area):
    user = factories.UserFactory()
    return AccessLog.objects.create(
        user=user, area=area, action="view", object_type="subject", object_id=1
    )


def refused(run) -> bool:
    try:
        with transaction.atomic():
            run()
    except DatabaseError as error:
        return "Cannot" in str(error)
    return False


def test_access_log_rows_cannot_be_updated_through_the_orm(row):
    assert refused(lambda: AccessLog.objects.filter(pk=row.pk).update(action="list"))
    row.action = "list"
    assert refused(row.save)
    assert AccessLog.objects.get(pk=row.pk).action == "view"


def test_access_log_rows_cannot_be_deleted_through_the_orm(row):
    assert refused(lambda: AccessLog.objects.filter(pk=row.pk).delete())
    assert refused(row.delete)
    assert AccessLog.objects.filter(pk=row.pk).exists()


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE consent_accesslog SET action = 'list'",
        "DELETE FROM consent_accesslog",
        "TRUNCATE consent_accesslog",
        "TRUNCATE consent_accesslog CASCADE",
    ],
)
def test_access_log_refuses_changes_in_raw_sql_as_the_apps_user(row, sql):
    def run():
        with connection.cursor() as cursor:
            # The test's own transaction holds deferred foreign-key checks, which
            # would stop TRUNCATE for another reason; settle them first.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(sql)

    assert refused(run)
    assert AccessLog.objects.filter(pk=row.pk, action="view").exists()


def test_access_log_still_takes_new_rows(row, area):
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO consent_accesslog (at, area_id, action, object_type, "
            "detail, purpose, purpose_note, legal_basis, request_id) "
            "VALUES (now(), %s, 'list', 'subject', '', '', '', '', '')",
            [area.pk],
        )
    assert AccessLog.objects.count() == 2


def test_subject_has_no_field_for_name_id_number_address_or_birth_date():
    names = {f.name for f in Subject._meta.get_fields()}
    forbidden = {"name", "first_name", "national_id", "fodselsnummer", "address"}
    assert not names & forbidden
    assert "birth_date" not in names
    assert "birth_year" in names
    assert {f.name for f in Guardian._meta.get_fields()} & {"name", "phone"} == set()


@pytest.mark.parametrize("pseudonym", ["UNG-7KQ2", "UNG-M3X9"])
def test_pseudonyms_have_the_random_code_format(pseudonym):
    subject = factories.SubjectFactory.build(pseudonym=pseudonym)
    subject.clean_fields(exclude=["area", "identity_held_by"])


@pytest.mark.parametrize("pseudonym", ["Mari", "UNG-0O1I", "ung-7kq2", "UNG-7KQ"])
def test_other_pseudonyms_are_refused(pseudonym):
    subject = factories.SubjectFactory.build(pseudonym=pseudonym)
    with pytest.raises(ValidationError):
        subject.clean_fields(exclude=["area", "identity_held_by"])


def test_guardian_label_refuses_names_and_id_numbers():
    for label in ("Mari", "12030912345"):
        guardian = Guardian(label=label, relation="parent")
        with pytest.raises(ValidationError):
            guardian.clean_fields(exclude=["area", "subject"])


@pytest.mark.parametrize(
    ("birth_year", "year", "minor"),
    [(2011, 2026, True), (2008, 2026, True), (2007, 2026, False), (2008, 2027, False)],
)
def test_the_young_person_counts_as_minor_while_year_minus_birth_year_is_18_or_less(
    birth_year, year, minor
):
    assert is_possibly_minor(birth_year, dt.date(year, 6, 1)) is minor


@pytest.mark.django_db(transaction=True)
def test_only_a_flush_of_the_whole_database_empties_the_log():
    from django.core.management import call_command

    area = factories.AreaFactory()
    AccessLog.objects.create(area=area, action="view", object_type="subject")
    with pytest.raises(DatabaseError), connection.cursor() as cursor:
        cursor.execute("TRUNCATE consent_accesslog CASCADE")
    call_command("flush", interactive=False, verbosity=0)
    assert not AccessLog.objects.exists()
    assert not Area.objects.exists()  # everything went, not the log alone
    area = factories.AreaFactory()
    AccessLog.objects.create(area=area, action="view", object_type="subject")
    with pytest.raises(DatabaseError), connection.cursor() as cursor:
        cursor.execute("TRUNCATE consent_accesslog CASCADE")
