"""The two published årshjul templates of domain.md §5: generic SLT and Oslo SaLTo.

They have no area (published defaults); an area copies one and edits its copy.
Months marked as assumptions are product defaults (domain.md §8), shown as such in
the UI. A migration only creates a template that is missing: edits in the admin
site are never overwritten.
"""

from django.db import migrations

SG = "steering_group"
KG = "coordination_group"
OPS = "operational_team"
NET = "network"
GATHERING = "gathering"

# (title, description, fields)
GENERIC_SLT = [
    (
        "Koordineringsgruppemøte",
        "Faste saker: politiets kriminalitetsbilde og rapport fra utførende nivå.",
        dict(
            kind="meeting",
            recurrence="monthly",
            skip_months=[7],
            day=15,
            group_kind=KG,
            owner_role="coordinator",
            generates="meeting",
            month_is_assumption=True,
            source_ref="Håndboka L402-403; Bærum L519-520",
        ),
    ),
    (
        "Samle saker til koordineringsgruppen",
        "Hent inn saker fra tjenestene og ungdomsteamene to uker før møtet.",
        dict(
            kind="task",
            recurrence="monthly",
            skip_months=[7],
            day=15,
            lead_days=14,
            group_kind=KG,
            owner_role="coordinator",
            generates="task",
            month_is_assumption=True,
            source_ref="Håndboka L402-403",
        ),
    ),
    (
        "Ungdomsteam / utførende nivå",
        "Møter hver fjerde uke i skoleåret (august–juni).",
        dict(
            kind="meeting",
            recurrence="every_4_weeks",
            skip_months=[7],
            week=2,
            group_kind=OPS,
            owner_role="coordinator",
            generates="meeting",
            month_is_assumption=True,
            source_ref="Bærum L224, L521",
        ),
    ),
    (
        "Styringsgruppemøte",
        "Minst fire møter i året.",
        dict(
            kind="meeting",
            months=[2, 5, 9, 11],
            day=15,
            group_kind=SG,
            owner_role="coordinator",
            generates="meeting",
            month_is_assumption=True,
            source_ref="Håndboka L358-359",
        ),
    ),
    (
        "Frist for saker til styringsgruppen",
        "Saker meldes inn 21 dager før styringsgruppemøtet.",
        dict(
            kind="task",
            months=[2, 5, 9, 11],
            day=15,
            lead_days=21,
            group_kind=SG,
            owner_role="coordinator",
            generates="task",
            month_is_assumption=True,
            source_ref="Oslostandarden L567-573",
        ),
    ),
    (
        "Send innkalling og sakspapirer til styringsgruppen",
        "Innkalling med dagsorden sendes sju dager før møtet.",
        dict(
            kind="task",
            months=[2, 5, 9, 11],
            day=15,
            lead_days=7,
            group_kind=SG,
            owner_role="coordinator",
            generates="task",
            month_is_assumption=True,
            source_ref="Oslostandarden L571-573",
        ),
    ),
    (
        "Politiets utfordringsbilde for fjoråret",
        "Politiets bilde av rus, kriminalitet og ekstremisme blant unge.",
        dict(
            kind="report_deadline",
            month=1,
            day=31,
            owner_role="police_contact",
            generates="report",
            report_kind="challenge_picture",
            month_is_assumption=True,
            source_ref="Bærum L31-42, L81-83",
        ),
    ),
    (
        "Styringsgruppen fastsetter årets innsatsområder",
        "Vedtakssak på grunnlag av utfordringsbildet.",
        dict(
            kind="task",
            month=2,
            day=15,
            group_kind=SG,
            owner_role="coordinator",
            generates="task",
            month_is_assumption=True,
            source_ref="Bærum L79-84, L150-153",
        ),
    ),
    (
        "Fremdrift fra tiltakseierne for fjoråret",
        "Tiltakseierne melder status på sine tiltak innen 15. januar.",
        dict(
            kind="task",
            month=1,
            day=15,
            owner_role="coordinator",
            generates="task",
            month_is_assumption=True,
            source_ref="Antakelse (domain.md §5)",
        ),
    ),
    (
        "Utkast til årsrapport",
        "Koordinatoren skriver utkast til årsrapporten.",
        dict(
            kind="task",
            month=2,
            day=15,
            owner_role="coordinator",
            generates="task",
            month_is_assumption=True,
            source_ref="Antakelse (domain.md §5)",
        ),
    ),
    (
        "Årsrapporten godkjennes av styringsgruppen og sendes politirådet",
        "Frist 31. mars.",
        dict(
            kind="report_deadline",
            month=3,
            day=31,
            group_kind=SG,
            owner_role="coordinator",
            generates="report",
            report_kind="annual_report",
            month_is_assumption=True,
            source_ref="Antakelse (domain.md §5, §8)",
        ),
    ),
    (
        "Oppdatere indikatorer: FHI folkehelseprofil og Ungdata",
        "Folkehelseprofilen kommer hvert år; Ungdata når undersøkelsen er gjennomført.",
        dict(
            kind="survey",
            month=3,
            day=15,
            owner_role="coordinator",
            generates="reminder",
            month_is_assumption=True,
            source_ref="Håndboka L569-570, L589-591",
        ),
    ),
    (
        "Årlig samling for alle tre nivåer",
        "Samling for styrende, koordinerende og utførende nivå.",
        dict(
            kind="meeting",
            month=5,
            day=23,
            group_kind=GATHERING,
            owner_role="coordinator",
            generates="meeting",
            month_is_assumption=True,
            source_ref="Håndboka L298-299; Bærum L262",
        ),
    ),
    (
        "Kommunens budsjett- og planfrister",
        "Sett måned og dag etter kommunens egen plankalender.",
        dict(
            kind="task",
            owner_role="coordinator",
            generates="reminder",
            source_ref="Håndboka L685-691",
        ),
    ),
    (
        "Evalueringsstatus for igangsatte tiltak",
        "Koordineringsgruppen går gjennom evalueringene av tiltakene som pågår.",
        dict(
            kind="task",
            month=10,
            day=15,
            group_kind=KG,
            owner_role="coordinator",
            generates="task",
            month_is_assumption=True,
            source_ref="Håndboka L400",
        ),
    ),
    (
        "Skriv neste års årshjul og vurder rullering av handlingsplanen",
        "Start rullering hvis planperioden slutter innen tolv måneder.",
        dict(
            kind="task",
            month=11,
            day=15,
            owner_role="coordinator",
            generates="task",
            month_is_assumption=True,
            source_ref="Håndboka L689-691, L790-793",
        ),
    ),
    (
        "Hva fungerer, hva fungerer ikke, hva bør endres?",
        "Innspillsrunde fra hver tjeneste på siste koordineringsgruppemøte før jul.",
        dict(
            kind="task",
            month=12,
            day=10,
            group_kind=KG,
            owner_role="coordinator",
            generates="task",
            report_kind="service_feedback",
            source_ref="Bærum L634-637",
        ),
    ),
    (
        "Møtepunkt politikontakt og koordinator",
        "Fast møtepunkt mellom politikontakten og SLT-koordinatoren.",
        dict(
            kind="meeting",
            recurrence="monthly",
            day=5,
            owner_role="police_contact",
            generates="reminder",
            month_is_assumption=True,
            source_ref="Håndboka L1094-1095",
        ),
    ),
]

OSLO_SALTO = [
    (
        "Lokal/regional styringsgruppe",
        "Leder: bydelsdirektøren. Utdanningsetaten og politiet deltar.",
        dict(
            kind="meeting",
            recurrence="quarterly",
            months=[3, 6, 9, 12],
            day=15,
            group_kind=SG,
            owner_role="coordinator",
            generates="meeting",
            month_is_assumption=True,
            source_ref="Oslostandarden L396, L416",
        ),
    ),
    (
        "Frist for innmelding og screening av saker til styringsgruppen",
        "Saker screenes 21 dager før møtet.",
        dict(
            kind="task",
            months=[3, 6, 9, 12],
            day=15,
            lead_days=21,
            group_kind=SG,
            owner_role="coordinator",
            generates="task",
            month_is_assumption=True,
            source_ref="Oslostandarden L567-573",
        ),
    ),
    (
        "Send innkalling og sakspapirer til styringsgruppen",
        "Dagsorden sendes sju dager før møtet.",
        dict(
            kind="task",
            months=[3, 6, 9, 12],
            day=15,
            lead_days=7,
            group_kind=SG,
            owner_role="coordinator",
            generates="task",
            month_is_assumption=True,
            source_ref="Oslostandarden L571-573",
        ),
    ),
    (
        "Koordineringsgruppemøte",
        "Koordineringsgruppen møtes regelmessig.",
        dict(
            kind="meeting",
            recurrence="monthly",
            skip_months=[7],
            day=15,
            group_kind=KG,
            owner_role="coordinator",
            generates="meeting",
            month_is_assumption=True,
            source_ref="Oslostandarden L346, L559-563",
        ),
    ),
    (
        "Operative møter (plenum eller smågrupper)",
        "Jevnlige møter på utførende nivå.",
        dict(
            kind="meeting",
            recurrence="every_4_weeks",
            skip_months=[7],
            week=2,
            group_kind=OPS,
            owner_role="coordinator",
            generates="meeting",
            month_is_assumption=True,
            source_ref="Oslostandarden L465-469, L491",
        ),
    ),
    (
        "SaLTo-nettverk i delbydelen",
        "Månedlig nettverksmøte, for eksempel Furusetalliansen.",
        dict(
            kind="meeting",
            recurrence="monthly",
            skip_months=[7],
            day=20,
            group_kind=NET,
            owner_role="coordinator",
            generates="meeting",
            source_ref="Alna L1906-1924",
        ),
    ),
    (
        "Møtepunkt politikontakt og bydelsdirektør",
        "Jevnlig kontakt etter Politirådsavtalen.",
        dict(
            kind="meeting",
            recurrence="monthly",
            day=5,
            owner_role="police_contact",
            generates="reminder",
            month_is_assumption=True,
            source_ref="Oslostandarden L822-826",
        ),
    ),
    (
        "Politiets tertialrapport",
        "Rapporten settes på neste koordineringsgruppemøte.",
        dict(
            kind="report_deadline",
            recurrence="tertial",
            months=[1, 5, 9],
            day=20,
            owner_role="police_contact",
            generates="report",
            report_kind="police_tertial",
            month_is_assumption=True,
            source_ref="Alna L469, L553",
        ),
    ),
    (
        "Rapport om fjorårets arbeid til Politirådet",
        "Rapport til politirådet og årsrapport.",
        dict(
            kind="report_deadline",
            month=2,
            day=28,
            group_kind=SG,
            owner_role="coordinator",
            generates="report",
            report_kind="report_to_council",
            month_is_assumption=True,
            source_ref="Oslostandarden L151, L408",
        ),
    ),
    (
        "Byrapport til Politirådet og byrådsavdelingen",
        "Aggregater for alle bydeler.",
        dict(
            kind="report_deadline",
            month=3,
            day=31,
            owner_role="secretariat",
            generates="report",
            month_is_assumption=True,
            source_ref="Oslostandarden L747-749",
        ),
    ),
    (
        "Koordinatornettverket",
        "Fast møtestruktur for SaLTo-koordinatorene, ledet av sekretariatet.",
        dict(
            kind="meeting",
            recurrence="monthly",
            skip_months=[7],
            day=10,
            group_kind=NET,
            owner_role="secretariat",
            generates="meeting",
            month_is_assumption=True,
            source_ref="Oslostandarden L156-162",
        ),
    ),
    (
        "Oppdater planen for involvering av ungdom, frivillige og næringsliv",
        "",
        dict(
            kind="task",
            month=9,
            day=15,
            owner_role="coordinator",
            generates="task",
            month_is_assumption=True,
            source_ref="Oslostandarden L620-624",
        ),
    ),
    (
        "Publiser neste års maler (årshjul, handlingsplan, rapportskjema)",
        "",
        dict(
            kind="task",
            month=10,
            day=15,
            owner_role="secretariat",
            generates="task",
            month_is_assumption=True,
            source_ref="Oslostandarden L773-775, L790-792",
        ),
    ),
    (
        "Koordineringsgruppen initierer evaluering av løpende tiltak",
        "",
        dict(
            kind="task",
            month=10,
            day=15,
            group_kind=KG,
            owner_role="coordinator",
            generates="task",
            month_is_assumption=True,
            source_ref="Oslostandarden L440-442",
        ),
    ),
    (
        "Skriv lokalt årshjul for neste år",
        "Årshjulet skal dekke møter på alle nivåer.",
        dict(
            kind="task",
            month=11,
            day=15,
            owner_role="coordinator",
            generates="task",
            month_is_assumption=True,
            source_ref="Oslostandarden L632-636",
        ),
    ),
    (
        "Felles revisjon av handlingsplanen (bydel, skole og politi)",
        "Én gang per programperiode: utkast i september–oktober, vedtak i "
        "styringsgruppen i desember. Sett måned når revisjonen skal gjøres.",
        dict(
            kind="task",
            owner_role="coordinator",
            generates="task",
            source_ref="Oslostandarden L261-269, L593-597",
        ),
    ),
]

TEMPLATES = [
    ("Årshjul for SLT (standard)", "generic_slt", GENERIC_SLT),
    ("Årshjul for SaLTo (Oslostandarden)", "oslo_salto", OSLO_SALTO),
]


def create_templates(apps, schema_editor):
    template_model = apps.get_model("actionplans", "CycleTemplate")
    item_model = apps.get_model("actionplans", "CycleItem")
    for name, variant, items in TEMPLATES:
        if template_model._base_manager.filter(
            area__isnull=True, variant=variant
        ).exists():
            continue
        template = template_model._base_manager.create(
            name=name, variant=variant, is_published=True
        )
        item_model._base_manager.bulk_create(
            item_model(
                template=template,
                title=title,
                description=description,
                order=order,
                **fields,
            )
            for order, (title, description, fields) in enumerate(items, start=1)
        )


def remove_templates(apps, schema_editor):
    template_model = apps.get_model("actionplans", "CycleTemplate")
    template_model._base_manager.filter(
        area__isnull=True,
        variant__in=[v for _n, v, _i in TEMPLATES],
        copies__isnull=True,
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("actionplans", "0005_feed_history_versions")]

    operations = [migrations.RunPython(create_templates, remove_templates)]
