"""Oslostandarden: the standard's 46 recommendations as data (the checklist).

Each recommendation has a stable code (OS01–OS46), the line of the ✓ in the seed
``004_7d55de24f870cc72.txt`` (Oslostandard for SaLTo-arbeidet, L178–L928), who it
addresses (``bydel``: assessed by each district's coordinator; ``city``: assessed by
the secretariat for Oslo as a whole) and a bokmål paraphrase of our own that cites
the line (domain.md §9). The text is stored data in Norwegian, not a UI string: the
standard exists only in Norwegian.
"""

from __future__ import annotations

from dataclasses import dataclass

BYDEL = "bydel"
CITY = "city"
SOURCE = "Oslostandard for SaLTo-arbeidet"


@dataclass(frozen=True)
class Recommendation:
    code: str
    line: int
    scope: str
    text: str
    chapter: str

    @property
    def source_ref(self) -> str:
        return f"Oslostandarden L{self.line}"


_ROLE = "Roller og forventninger"
_PLANS = "Planer og føringer"
_LEVELS = "Organisering på tre nivåer"
_COORD = "SaLTo-koordinator"
_CENTRE = "SaLTo-sentrum"
_SCHOOL = "Utdanningsetaten og skolene"
_SECR = "SaLTo-sekretariatet"
_POLICE = "Politiet"
_EXTREMISM = "Radikalisering, hatkriminalitet og voldelig ekstremisme"

RECOMMENDATIONS: tuple[Recommendation, ...] = (
    Recommendation(
        "OS01", 178, BYDEL, "Forventningene mellom aktørene er avklart.", _ROLE
    ),
    Recommendation(
        "OS02",
        182,
        BYDEL,
        "Bydel, skole og politi gjør modellen godt kjent i egen organisasjon.",
        _ROLE,
    ),
    Recommendation(
        "OS03",
        186,
        BYDEL,
        "Koordinatoren er pådriver for det lokale forebyggende arbeidet, som i "
        "hovedsak skjer sammen med bydelens tjenester, skolene og politiet.",
        _ROLE,
    ),
    Recommendation(
        "OS04",
        243,
        BYDEL,
        "Ledelsen i bydelen, Utdanningsetaten og politiet forankrer SaLTo-arbeidet "
        "i egne virksomheter.",
        _ROLE,
    ),
    Recommendation(
        "OS05",
        247,
        BYDEL,
        "Styringssignaler følger de ordinære linjene i bydel, Utdanningsetaten og "
        "politiet.",
        _ROLE,
    ),
    Recommendation(
        "OS06",
        295,
        CITY,
        "SaLTo handlingsprogram gir de overordnede føringene for satsingene.",
        _PLANS,
    ),
    Recommendation(
        "OS07",
        301,
        BYDEL,
        "Partene har oversikt over planer som berører SaLTo-arbeidet og ser dem i "
        "sammenheng.",
        _PLANS,
    ),
    Recommendation(
        "OS08",
        342,
        BYDEL,
        "Bydel, Utdanningsetaten, skolene og politiet deltar på alle nivåene.",
        _LEVELS,
    ),
    Recommendation(
        "OS09",
        344,
        BYDEL,
        "Koordinatoren binder nivåene sammen og er sekretær for styringsgruppen og "
        "koordineringsgruppen.",
        _LEVELS,
    ),
    Recommendation(
        "OS10",
        348,
        BYDEL,
        "Møtene på alle nivåene har tydelig mandat og dagsorden.",
        _LEVELS,
    ),
    Recommendation(
        "OS11",
        414,
        BYDEL,
        "Det finnes en lokal eller regional styringsgruppe.",
        _LEVELS,
    ),
    Recommendation(
        "OS12",
        416,
        BYDEL,
        "Styringsgruppen ledes av bydelsdirektøren og møter tilsvarende nivå i "
        "politiet og Utdanningsetaten.",
        _LEVELS,
    ),
    Recommendation(
        "OS13",
        450,
        BYDEL,
        "På koordinerende nivå møter bydel, skole og politi med tilsvarende "
        "beslutningsnivå.",
        _LEVELS,
    ),
    Recommendation(
        "OS14",
        452,
        BYDEL,
        "Deltakerne på koordinerende nivå har nok myndighet og kunnskap til at "
        "beslutningene treffer utfordringene.",
        _LEVELS,
    ),
    Recommendation(
        "OS15",
        487,
        BYDEL,
        "Bydel, politi og skoler deltar på utøvende nivå og løfter inn relevante "
        "problemstillinger.",
        _LEVELS,
    ),
    Recommendation(
        "OS16",
        491,
        BYDEL,
        "Koordinatoren kaller inn til møter på utøvende nivå og bringer kunnskapen "
        "videre til nivåene over.",
        _LEVELS,
    ),
    Recommendation(
        "OS17",
        497,
        BYDEL,
        "Brukermedvirkning, sivilsamfunn og næringsliv involveres der det er aktuelt.",
        _LEVELS,
    ),
    Recommendation(
        "OS18",
        535,
        BYDEL,
        "Lokal eller regional styringsgruppe er valgt i samråd med "
        "Utdanningsetaten og politiet; regional bare ved tett samarbeid mellom "
        "bydelene.",
        _LEVELS,
    ),
    Recommendation(
        "OS19", 611, BYDEL, "Koordinatoren har fast stilling i 100 %.", _COORD
    ),
    Recommendation(
        "OS20",
        613,
        BYDEL,
        "Koordinatorrollen er rendyrket, med tid til kjerneoppgavene.",
        _COORD,
    ),
    Recommendation(
        "OS21", 617, BYDEL, "Koordinatoren har gode rammebetingelser.", _COORD
    ),
    Recommendation(
        "OS22",
        618,
        BYDEL,
        "SaLTo-arbeidet er godt forankret hos alle aktørene.",
        _COORD,
    ),
    Recommendation(
        "OS23",
        620,
        BYDEL,
        "Det finnes en plan for å involvere unge (og frivillige og næringsliv) i "
        "planer og tiltak.",
        _COORD,
    ),
    Recommendation(
        "OS24",
        626,
        BYDEL,
        "Koordinatoren samordner sakene som meldes inn til gruppene; alle parter "
        "kan melde inn saker.",
        _COORD,
    ),
    Recommendation(
        "OS25",
        632,
        BYDEL,
        "Koordinatoren lager et lokalt årshjul med møter på alle nivåene, hvert med "
        "mandat og struktur.",
        _COORD,
    ),
    Recommendation(
        "OS26",
        682,
        CITY,
        "SaLTo-sentrum har oversikt over utfordringene i Oslo sentrum.",
        _CENTRE,
    ),
    Recommendation(
        "OS27",
        684,
        CITY,
        "SaLTo-sentrum holder en god møtestruktur med sentrumsbydelene, politiet og "
        "frivillige aktører.",
        _CENTRE,
    ),
    Recommendation(
        "OS28",
        690,
        CITY,
        "SaLTo-sentrum kontakter bydeler og andre kommuner om utsatt ungdom som "
        "møtes i sentrum.",
        _CENTRE,
    ),
    Recommendation(
        "OS29",
        694,
        CITY,
        "SaLTo-sentrum har et særlig ansvar ved demonstrasjoner og store "
        "arrangementer.",
        _CENTRE,
    ),
    Recommendation(
        "OS30",
        721,
        BYDEL,
        "Utdanningsetaten og skolene deltar på alle nivåene.",
        _SCHOOL,
    ),
    Recommendation(
        "OS31",
        723,
        BYDEL,
        "Utdanningsetaten og skolene følger opp programmet og de lokale planene "
        "sammen med bydel og politi.",
        _SCHOOL,
    ),
    Recommendation(
        "OS32",
        729,
        BYDEL,
        "Det er aktivt samarbeid mellom bydelen og skolene som ligger i bydelen.",
        _SCHOOL,
    ),
    Recommendation(
        "OS33",
        733,
        BYDEL,
        "For en videregående skole er koordinatoren i bydelen der skolen ligger "
        "kontaktpunkt ved bekymring.",
        _SCHOOL,
    ),
    Recommendation(
        "OS34",
        786,
        CITY,
        "Sekretariatet binder det lokale SaLTo-arbeidet og den politiske ledelsen "
        "sammen.",
        _SECR,
    ),
    Recommendation(
        "OS35",
        790,
        CITY,
        "Sekretariatet kaller inn til byomfattende møter og nettverk og har et "
        "årshjul.",
        _SECR,
    ),
    Recommendation(
        "OS36",
        794,
        CITY,
        "Sekretariatet sprer kunnskap om modellen på tvers av nivåene.",
        _SECR,
    ),
    Recommendation(
        "OS37",
        798,
        CITY,
        "Sekretariatet bygger forståelse for rollene i modellen.",
        _SECR,
    ),
    Recommendation(
        "OS38",
        802,
        CITY,
        "Sekretariatet lærer opp og følger opp koordinatorene.",
        _SECR,
    ),
    Recommendation("OS39", 844, BYDEL, "Politiet deltar på alle nivåene.", _POLICE),
    Recommendation(
        "OS40",
        846,
        BYDEL,
        "Politiet deler kunnskap aktivt, så partene kan lage felles mål og tiltak.",
        _POLICE,
    ),
    Recommendation(
        "OS41",
        850,
        BYDEL,
        "Politiet deler kunnskap om utfordringer så tidlig som mulig.",
        _POLICE,
    ),
    Recommendation(
        "OS42",
        910,
        BYDEL,
        "Bydelen har tydelige strukturer og rutiner for å forebygge radikalisering, "
        "hatkriminalitet og voldelig ekstremisme.",
        _EXTREMISM,
    ),
    Recommendation(
        "OS43",
        914,
        BYDEL,
        "Koordinatoren samordner dette forebyggende arbeidet.",
        _EXTREMISM,
    ),
    Recommendation(
        "OS44",
        918,
        BYDEL,
        "Koordinatoren bidrar til kompetansen til de ansatte på feltet.",
        _EXTREMISM,
    ),
    Recommendation(
        "OS45",
        922,
        CITY,
        "Konsultasjonsteamet supplerer tjenestene med råd ved bekymringer som ikke "
        "er akutte.",
        _EXTREMISM,
    ),
    Recommendation(
        "OS46",
        928,
        CITY,
        "Mentorordningen støtter individuell oppfølging der det er bekymring for "
        "radikalisering.",
        _EXTREMISM,
    ),
)

BY_CODE: dict[str, Recommendation] = {r.code: r for r in RECOMMENDATIONS}
CODES = tuple(BY_CODE)


def recommendations_for(scope: str) -> tuple[Recommendation, ...]:
    """The recommendations a district (``bydel``) or the city (``city``) assesses."""
    return tuple(r for r in RECOMMENDATIONS if r.scope == scope)
