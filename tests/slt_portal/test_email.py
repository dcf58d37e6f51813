import pytest
from django.core import mail
from django.db import transaction

from slt_portal.email import email_enqueue, email_requeue_pending, email_send
from slt_portal.models import OutboundEmail
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)

CONTEXT = {
    "recipient_name": "Kari",
    "area_name": "Alna",
    "role": "Koordinator",
    "invited_by": "Ola",
    "login_path": "/accounts/login/",
}


def test_an_email_is_sent_once_per_key(db):
    user = factories.UserFactory()
    with transaction.atomic():
        assert email_enqueue(
            key="k1",
            to_address=user.email,
            to_user=user,
            template="invitation",
            context=CONTEXT,
        )
        assert not email_enqueue(
            key="k1",
            to_address=user.email,
            to_user=user,
            template="invitation",
            context=CONTEXT,
        )
    assert len(mail.outbox) == 1
    sent = OutboundEmail.objects.get(key="k1")
    assert sent.status == "sent"
    assert "Alna" in sent.subject
    assert mail.outbox[0].alternatives[0][1] == "text/html"


def test_sending_again_does_nothing(db):
    with transaction.atomic():
        email_enqueue(
            key="k2", to_address="a@example.no", template="invitation", context=CONTEXT
        )
    email = OutboundEmail.objects.get(key="k2")
    assert email_send(email_id=email.pk) is False
    assert len(mail.outbox) == 1


def test_nothing_is_sent_when_the_transaction_rolls_back(db):
    def enqueue_then_fail():
        with transaction.atomic():
            email_enqueue(
                key="k3",
                to_address="a@example.no",
                template="invitation",
                context=CONTEXT,
            )
            raise RuntimeError

    with pytest.raises(RuntimeError):
        enqueue_then_fail()
    assert not OutboundEmail.objects.exists()
    assert mail.outbox == []


def test_a_queued_email_left_behind_is_sent_by_the_requeue_task(db):
    OutboundEmail.objects.create(
        key="lost", to_address="a@example.no", template="invitation", context=CONTEXT
    )
    assert email_requeue_pending(older_than=__import__("datetime").timedelta(0)) == 1
    assert OutboundEmail.objects.get(key="lost").status == "sent"


def test_email_is_rendered_in_the_recipients_language(db):
    user = factories.UserFactory(language="en")
    with transaction.atomic():
        email_enqueue(
            key="k4",
            to_address=user.email,
            to_user=user,
            template="invitation",
            context=CONTEXT,
        )
    assert "You have been given a role" in mail.outbox[0].subject
