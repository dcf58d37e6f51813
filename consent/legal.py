"""Taushetsplikt: the statute references and their labels, in ONE place.

Every label that cites a statute (forvaltningsloven, straffeloven, barnevernsloven)
lives here, so that when the new Public Administration Act replaces the 1967 Act
(NOU 2019:5; domain.md §8 note 2) one module changes and the stored enum values stay.
The stored values (``fvl_13b_nr5`` …) are codes, not text: they never change.

Legal assumptions the product makes (domain.md §8; to confirm with legal review):

- A consent reaches only its categories, its agencies (one list that may both give
  and receive, as on common Norwegian consent forms), its named-mode groups and its
  purpose; that a purpose matches is attested by the user, not checked by machine.
- Under 18 the young person and every guardian with parental responsibility
  consent; "under 18" while year − birth year ≤ 18. Such a consent lasts at most
  to 31 December of the year the person turns 18; then they consent alone.
- Any one party's withdrawal ends the whole consent at once; open § 13 b nr. 6
  proposals of the young person are stopped too, so the body decides anew.
- Anonymised means the whole checklist is done and recognition is attested to be
  impossible; the text scan only warns. Counts of 1–4 are shown as «<5».
- § 13 b nr. 5 goes to public bodies only; nr. 6 goes to the police or a state
  supervisory body, decided by the giving agency and approved by a second person.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

# The Act the labels below refer to (shown in help texts and the access report).
ACT_NAME = _("the Public Administration Act (forvaltningsloven, LOV-1967-02-10)")
ACT_URL = "https://lovdata.no/dokument/NL/lov/1967-02-10/KAPITTEL_3"


class LegalBasis(models.TextChoices):
    """Grunnlag for deling: exactly one per disclosure (rule C3)."""

    CONSENT = "consent", _("Consent")
    ANONYMISED = "anonymised_13a_nr2", _("Anonymised (fvl. § 13 a nr. 2)")
    SAME_PURPOSE = "fvl_13b_nr2", _("Same purpose (fvl. § 13 b nr. 2)")
    NECESSARY_FOR_TASKS = (
        "fvl_13b_nr5",
        _("Necessary for the giving body's tasks (fvl. § 13 b nr. 5)"),
    )
    OFFENCE_REPORT = "fvl_13b_nr6", _("Report of offences (fvl. § 13 b nr. 6)")


# What each basis requires, shown beside the choice (handbook L1330-1406).
BASIS_HELP = {
    LegalBasis.CONSENT: _(
        "Only as far as the consent reaches: an active consent that names the "
        "information, the agencies and the purpose."
    ),
    LegalBasis.ANONYMISED: _(
        "In statistical form, or with every individualising trait left out. Removing "
        "name and place is not enough: recognition must actually be impossible."
    ),
    LegalBasis.SAME_PURPOSE: _(
        "Information given or collected in a case may be used to reach the purpose it "
        "was given or collected for. State that original purpose."
    ),
    LegalBasis.NECESSARY_FOR_TASKS: _(
        "To another public body, when necessary to further the giving body's own tasks "
        "under law, instruction or mandate. Explain the necessity and the close and "
        "relevant link between the two bodies."
    ),
    LegalBasis.OFFENCE_REPORT: _(
        "To report offences to the prosecuting authority or a supervisory authority. "
        "The body as a whole decides, never one employee alone: record the decision "
        "and let another person approve it."
    ),
}

# The bases that are statutory exceptions (fvl. § 13 b), not consent or anonymity.
STATUTORY_EXCEPTIONS = frozenset(
    {
        LegalBasis.SAME_PURPOSE,
        LegalBasis.NECESSARY_FOR_TASKS,
        LegalBasis.OFFENCE_REPORT,
    }
)


class InformationCategory(models.TextChoices):
    """Personlige forhold (fvl. § 13 first paragraph; handbook L1307-1309)."""

    FAMILY_HOME = "family_home", _("Family and home situation")
    HEALTH = "health", _("Physical and mental health")
    CHARACTER_EMOTIONAL = "character_emotional", _("Character and emotional life")
    EDUCATION_WORK = "education_work", _("Education and work")
    FINANCES = "finances", _("Financial situation")
    CLIENT_RELATIONSHIP = "client_relationship", _("Client relationship")


class AnonymisationCheck(models.TextChoices):
    """Sjekkliste for anonymisering (rule C8; handbook L1360-1370)."""

    NAME = "name", _("Names of the young person, family and others")
    PLACE = "place", _("Places: address, street, neighbourhood")
    SCHOOL = "school", _("School, class, club or workplace")
    AGE_DATE = "age_date", _("Exact age, date of birth and other dates")
    FAMILY = "family", _("Family details: siblings, parents' jobs or origin")
    INCIDENT = "incident", _("Incident details others could recognise")
    OTHER_TRAITS = "other_traits", _("Other traits: appearance, diagnoses, nicknames")


CONFIDENTIALITY_DUTY = _(
    "Everyone who works for a public body has a duty of confidentiality "
    "(fvl. § 13): to stay silent and to prevent others from getting access to "
    "anyone's personal matters."
)
CONSENT_DOES_NOT_OBLIGE = _(
    "A consent allows sharing; it obliges no one to share. Each agency applies its "
    "own confidentiality rules: health services have the strictest, child welfare "
    "more exceptions, the police the most."
)
DUTY_TO_REPORT = _(
    "A report of concern to the child welfare service is a personal duty "
    "(bvl. § 13-2) and goes at once through the service's own channel, not through "
    "this portal. The duty to avert serious crime (strl. § 196) and to warn of a "
    "wrongful charge or conviction (strl. § 226) also apply."
)
