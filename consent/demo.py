"""Demo data: the fictional Alna consents of domain.md §7.

UNG-7KQ2 (15) has a valid consent from the youth and both guardians, with
disclosures to NAV and BUP and a proposed fvl. § 13 b nr. 6 report; UNG-M3X9 (16)
has an oral consent from one of two guardians (incomplete) and an anonymised case
in the Konsultasjonsteam; UNG-P8D4 (17) had its consent withdrawn by a guardian in
its fifth month; UNG-A2R6 (20) gave her own consent, now expired. Everything goes
through the services, so every write (and a few reads) is in the access log. Only
lawful sharing is recorded: refusals are shown by the tests, not stored as data.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from consent import audit, policy, selectors, services
from consent.legal import AnonymisationCheck
from consent.models import AccessLog, Consent, Subject
from municipalities.demo import DemoContext
from municipalities.selectors import access_for_user

CONSENT_TEXT = {
    "information_scope": (
        "Skolefravær og læringsmiljø, hjemmesituasjon og behov for helsehjelp, "
        "slik det står i samtykkeskjemaet."
    ),
    "purpose": (
        "Samordnet oppfølging i Fleksiteam Operativt SaLTo: skole, fritid, "
        "arbeidstrening og psykisk helse."
    ),
    "informed_about": (
        "Hvilke tjenester som får vite hva og hvorfor, at tjenestene kan ta "
        "kontakt med hverandre, og at samtykket kan trekkes tilbake når som helst."
    ),
}


def seed(ctx: DemoContext) -> None:
    alna = ctx.areas["alna"]
    if Subject.objects.filter(area=alna, pseudonym="UNG-7KQ2").exists():
        return
    demo = _Alna(ctx)
    demo.ung_7kq2()
    demo.ung_m3x9()
    demo.ung_p8d4()
    demo.ung_a2r6()


class _Alna:
    def __init__(self, ctx: DemoContext):
        self.ctx = ctx
        self.area = ctx.areas["alna"]
        self.now = timezone.now()
        agency = ctx.agencies.get
        self.salto = agency(("alna", "SaLTo-koordinator, bydel Alna"))
        self.barnevern = agency(("alna", "Barneverntjenesten Alna"))
        self.nav = agency(("alna", "Nav Alna"))
        self.bup = agency(("alna", "BUP Groruddalen"))
        self.school = agency(("alna", "Granstangen skole"))
        self.outreach = agency(("alna", "Forebyggende ungdomsavdeling"))
        self.police = agency(("alna", "Nærpolitiet Alna"))
        self.fleksiteam = ctx.groups[("alna", "Fleksiteam Operativt SaLTo")]
        self.consultation = ctx.groups[("oslo", "Konsultasjonsteamet")]
        self.coordinator = self.actor("koordinator.alna")
        self.operative = self.actor("fleksiteam.alna")
        self.barnevern_member = self.actor("kg.barnevern.alna")

    def actor(self, key: str) -> policy.Actor:
        user = self.ctx.users[key]
        return policy.actor_for(
            access=access_for_user(user=user),
            user=user,
            area_ids=[self.area.pk],
            request_id="demo",
        )

    def ago(self, days: int) -> dt.datetime:
        return self.now - dt.timedelta(days=days)

    def subject(self, pseudonym: str, age: int, guardians: int) -> Subject:
        subject = services.subject_create(
            actor=self.coordinator,
            area=self.area,
            birth_year=self.ctx.year - age,
            identity_held_by=self.barnevern,
            pseudonym=pseudonym,
        )
        self.guardians = [
            services.guardian_create(
                actor=self.coordinator, subject=subject, label=f"Verge {n}"
            )
            for n in range(1, guardians + 1)
        ]
        return subject

    def consent(
        self,
        subject: Subject,
        given_at: dt.datetime,
        guardians,
        *,
        form: str = Consent.Form.WRITTEN,
        document_reference: str = "Barneverntjenesten Alna, arkivsak 2025/0412",
    ) -> Consent:
        result = services.consent_create(
            actor=self.coordinator,
            subject=subject,
            recorded_by_agency=self.salto,
            given_at=given_at,
            information_categories=["education_work", "family_home", "health"],
            recipient_agencies=[
                self.school,
                self.barnevern,
                self.nav,
                self.bup,
                self.outreach,
            ],
            recipient_groups=[self.fleksiteam],
            voluntary=True,
            express=True,
            form=form,
            document_reference=document_reference,
            context=Consent.Context.ONE_TO_ONE,
            guardian_consents=[
                services.GuardianConsentInput(
                    guardian=g, consented_at=given_at, form=form
                )
                for g in guardians
            ],
            **CONSENT_TEXT,
        )
        return result.consent

    def share(self, subject, consent, days_ago, from_agency, to_agency, what, cats):
        return services.disclosure_create(
            actor=self.coordinator,
            subject=subject,
            legal_basis="consent",
            consent=consent,
            from_agency=from_agency,
            to_agency=to_agency,
            information_categories=cats,
            information_description=what,
            purpose="Samordnet oppfølging etter samtykket.",
            purpose_within_consent=True,
            disclosed_at=self.ago(days_ago),
        )

    def ung_7kq2(self) -> None:
        subject = self.subject("UNG-7KQ2", age=15, guardians=2)
        consent = self.consent(subject, self.ago(60), self.guardians)
        self.share(
            subject,
            consent,
            45,
            self.school,
            self.nav,
            "Fravær over tid og ønske om arbeidstrening via OT.",
            ["education_work"],
        )
        self.share(
            subject,
            consent,
            30,
            self.barnevern,
            self.bup,
            "Bekymring for søvn og angst; henvisning drøftet med foresatte.",
            ["health", "family_home"],
        )
        services.disclosure_create(
            actor=self.barnevern_member,
            subject=subject,
            legal_basis="fvl_13b_nr6",
            from_agency=self.barnevern,
            to_agency=self.police,
            decided_by_agency=self.barnevern,
            decision_ref="Barneverntjenesten Alna, leders beslutning (utkast)",
            information_categories=["family_home"],
            information_description="Opplysninger om mulig vold mot ungdommen.",
            purpose="Anmeldelse av mulig lovbrudd.",
        )
        selectors.subject_open(
            actor=self.coordinator, area_id=self.area.pk, pk=subject.pk
        )
        selectors.subject_open(
            actor=self.operative, area_id=self.area.pk, pk=subject.pk
        )

    def ung_m3x9(self) -> None:
        subject = self.subject("UNG-M3X9", age=16, guardians=2)
        self.consent(
            subject,
            self.ago(20),
            self.guardians[:1],
            form=Consent.Form.ORAL,
            document_reference="",
        )
        services.disclosure_create(
            actor=self.coordinator,
            subject=subject,
            legal_basis="anonymised_13a_nr2",
            from_agency=self.outreach,
            to_group=self.consultation,
            information_categories=["character_emotional"],
            information_description=(
                "Ungdom i ungdomsskolealder som deler ekstreme ytringer i sosiale "
                "medier. Vi ønsker råd om videre oppfølging."
            ),
            purpose="Råd fra konsultasjonsteamet om en ikke-akutt bekymring.",
            anonymisation_attested=True,
            anonymisation_checklist=AnonymisationCheck.values,
            disclosed_at=self.ago(10),
        )

    def ung_p8d4(self) -> None:
        subject = self.subject("UNG-P8D4", age=17, guardians=2)
        given = self.ago(170)
        consent = self.consent(subject, given, self.guardians)
        self.share(
            subject,
            consent,
            120,
            self.school,
            self.barnevern,
            "Fravær og konflikt i klassen.",
            ["education_work"],
        )
        services.consent_withdraw(
            actor=self.coordinator,
            consent=consent,
            party=f"guardian:{self.guardians[1].pk}",
            note="Verge 2 ringte og trakk samtykket.",
            withdrawn_at=given + dt.timedelta(days=130),  # in its fifth month
        )

    def ung_a2r6(self) -> None:
        """An adult's own consent that has run out: made as it stood then (the
        service refuses to record one already expired), then expired by the
        same step as the daily run."""
        subject = self.subject("UNG-A2R6", age=20, guardians=0)
        given = self.ago(425)
        consent = Consent(
            area=self.area,
            subject=subject,
            subject_consented_at=given,
            given_at=given,
            information_categories=["education_work"],
            voluntary=True,
            express=True,
            form=Consent.Form.WRITTEN,
            document_reference="Nav Alna, arkivsak 2024/2231",
            recorded_by=self.coordinator.user,
            recorded_by_agency=self.salto,
            valid_from=given.date(),
            valid_until=services.latest_valid_until(
                subject=subject, given_on=given.date()
            ),
            status=Consent.Status.ACTIVE,
            created_by=self.coordinator.user,
            **CONSENT_TEXT,
        )
        consent.full_clean()
        consent.save()
        consent.recipient_agencies.set([self.nav, self.outreach])
        audit.log(
            actor=self.coordinator,
            obj=consent,
            action=AccessLog.Action.CREATE,
            detail=["information_scope", "purpose", "valid_until", "status"],
            legal_basis="consent",
        )
        services.consents_expire(actor=policy.SYSTEM, today=self.ctx.today)
        selectors.subject_open(
            actor=self.coordinator,
            area_id=self.area.pk,
            pk=subject.pk,
            purpose=audit.Purpose(code=AccessLog.Purpose.RETENTION_REVIEW),
        )
