"""The core flows in headless Chromium on the demo data, as the people who do them.

Each flow records every step with :func:`step` (a screenshot kept for test-artifacts/
on failure, and axe-core plus the structure checks on each page it passes through)
and ends by asserting that those pages had no WCAG 2.1 A/AA violation. The
progress update on a phone is done with the keyboard alone.
"""

from __future__ import annotations

import datetime as dt
import re
import time

from django.utils import timezone

from municipalities.demo import DEMO_PASSWORD
from tests.e2e.conftest import assert_steps_accessible, demo_email, log_in, step

COORDINATOR = "koordinator.alna"
TEAM_MEMBER = "fleksiteam.alna"
POLICE_CONTACT = "politikontakt.ost"
AREA = "/o/alna"


def submit(page, form_selector: str = "main form[method=post]") -> None:
    """Click the form's submit button and wait for the next page."""
    with page.expect_navigation():
        page.locator(form_selector).locator("button[type=submit]").first.click()


def messages(page) -> str:
    return (
        page.locator(".app-messages").inner_text()
        if page.locator(".app-messages").count()
        else ""
    )


# --- Logging in and out ------------------------------------------------------------


def test_log_in_out_and_a_wrong_password(live_url, new_page):
    page = new_page()
    page.goto(f"{live_url}/")
    assert "/accounts/login/" in page.url  # the start page needs a login
    step(page, "login page")

    page.fill("#id_username", demo_email(COORDINATOR))
    page.fill("#id_password", "not-the-password")
    submit(page)
    assert "/accounts/login/" in page.url
    assert page.locator(".ds-error-summary, .ds-alert[data-color=danger]").count()
    assert page.locator("#id_username").input_value() == demo_email(COORDINATOR)
    step(page, "wrong password is refused")

    page.fill("#id_password", DEMO_PASSWORD)
    submit(page)
    assert page.url.rstrip("/").endswith(AREA)  # one area: straight to it
    assert page.locator("h1").inner_text() == "Bydel Alna"
    step(page, "logged in: the coordinator's start page")

    with page.expect_navigation():
        page.locator("form[action$='/accounts/logout/'] button").click()
    step(page, "logged out")
    page.goto(f"{live_url}{AREA}/")
    assert "/accounts/login/" in page.url  # the session is gone
    assert_steps_accessible()


# --- A meeting from scheduling to approved minutes ---------------------------------


def local_input(moment: dt.datetime) -> str:
    """A datetime-local value in Oslo time, to the second."""
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M:%S")


def test_schedule_and_run_a_meeting_to_approved_minutes(live_url, new_page):
    page = new_page()
    page.on("dialog", lambda dialog: dialog.accept())  # "Approve and send?"
    log_in(page, live_url, COORDINATOR)
    title = "Ekstraordinært KG-møte om skolefravær"
    # Invitations go out before the start and a meeting is held after it, so the
    # meeting starts a little after the invitation is sent.
    starts = timezone.now() + dt.timedelta(seconds=40)

    page.locator("nav.app-nav a[href$='/meetings/']").click()
    page.locator(f"a[href='{AREA}/meetings/new/']").click()
    step(page, "new meeting form")
    page.select_option("#id_group", label="Koordineringsgruppe")
    page.fill("#id_title", title)
    page.fill("#id_starts_at", local_input(starts))
    page.fill("#id_ends_at", local_input(starts + dt.timedelta(hours=1)))
    page.fill("#id_location", "Alna bydelshus, møterom 3")
    page.fill("#id_purpose", "Felles tiltak mot økende skolefravær på 9. trinn.")
    submit(page)
    assert page.locator("h1").inner_text() == title
    meeting_url = page.url
    step(page, "meeting planned")

    page.locator("a[href$='/items/new/']").first.click()
    page.fill("#id_title", "Skolefravær: tall fra skolene")
    page.select_option("#id_kind", "discussion")
    step(page, "agenda item form")
    submit(page)
    page.goto(meeting_url)
    assert "Skolefravær: tall fra skolene" in page.locator("#agenda").inner_text()
    step(page, "item on the agenda")

    submit(page, "form[action$='/invite/']")
    assert page.locator("form[action$='/held/'], .next-step").count()
    step(page, "invitation sent")

    while timezone.now() < starts + dt.timedelta(seconds=1):
        time.sleep(1)
    page.goto(meeting_url)
    submit(page, "form[action$='/held/']")
    step(page, "meeting held")

    page.locator("a[href$='/attendance/']").first.click()
    for select in page.locator("select[name^='status_']").all():
        select.select_option("present")
    step(page, "attendance form")
    submit(page)

    page.goto(meeting_url)
    page.locator("a[href$='/minutes/']").first.click()
    page.fill("#id_minutes", "Alle skolene deltok. Fraværet er høyest i januar.")
    step(page, "minutes form")
    submit(page)

    page.goto(meeting_url)
    page.locator("a[href$='/decisions/new/']").first.click()
    page.select_option("#id_agenda_item", label="Skolefravær: tall fra skolene")
    page.select_option("#id_kind", "resolution")
    page.fill("#id_text", "Skolene og NAV lager en felles fraværsrutine.")
    step(page, "decision form")
    submit(page)

    page.goto(meeting_url)
    page.locator("a[href*='/follow-ups/new/?decision=']").first.click()
    page.fill("#id_title", "Utkast til felles fraværsrutine")
    page.select_option("#id_owner", index=1)
    page.fill(
        "#id_due_date", (timezone.localdate() + dt.timedelta(days=30)).isoformat()
    )
    step(page, "follow-up form")
    submit(page)

    page.goto(meeting_url)
    step(page, "before approval")
    submit(page, "form[action$='/minutes/approve/']")
    page.goto(meeting_url)
    minutes = page.locator("#minutes").inner_text()
    assert "Alle skolene deltok" in minutes
    assert page.locator("#minutes .ds-tag[data-color=success]").count() == 1
    assert "Utkast til felles fraværsrutine" in page.locator("main").inner_text()
    assert "Skolene og NAV lager en felles fraværsrutine." in (
        page.locator("#decisions").inner_text()
    )
    assert not page.locator("a[href$='/minutes/']").count()  # locked
    step(page, "minutes approved and sent")

    # On paper: the minutes without the menu and the buttons.
    page.emulate_media(media="print")
    assert not page.locator("nav.app-nav").is_visible()
    assert not page.locator("main .ds-button:visible").count()
    assert page.locator("#minutes").is_visible()
    step(page, "the minutes as printed", check=False)
    assert_steps_accessible()


# --- A matter from a team up to the styringsgruppe and the answer back down ---------


def test_raise_a_matter_from_a_team_and_answer_it_from_the_styringsgruppe(
    live_url, new_page
):
    title = "Behov for natteravner på Furuset senter"
    team = new_page()
    log_in(team, live_url, TEAM_MEMBER)
    team.locator("nav.app-nav a[href$='/matters/']").click()
    team.locator("a[href$='/matters/new/']").first.click()
    team.select_option("#id_from_group", label="Fleksiteam Operativt SaLTo")
    team.select_option("#id_to_group", label="Koordineringsgruppe")
    team.fill("#id_title", title)
    team.fill(
        "#id_description",
        "Flere grupper ungdom samles på senteret fredag kveld. Teamet ber "
        "koordineringsgruppen vurdere natteravner og utvidet åpningstid "
        "på fritidsklubben.",
    )
    step(team, "team raises a matter")
    submit(team, "main form[method=post]:has(#id_title)")
    team_matter_url = team.url
    assert team.locator("h1").inner_text() == title
    step(team, "matter sent to the koordineringsgruppe")

    coordinator = new_page()
    log_in(coordinator, live_url, COORDINATOR)
    coordinator.goto(team_matter_url)
    submit(coordinator, "form[action$='/receive/']")
    step(coordinator, "KG receives the matter")
    coordinator.locator("a[href$='/lift/']").click()
    coordinator.select_option("#id_to_group", label="Styringsgruppe")
    coordinator.check("#id_system_level_confirmed")
    step(coordinator, "KG lifts it to the styringsgruppe")
    submit(coordinator, "main form[method=post]:has(#id_title)")
    sg_matter_url = coordinator.url
    assert sg_matter_url != team_matter_url
    step(coordinator, "matter with the styringsgruppe")

    submit(coordinator, "form[action$='/receive/']")
    coordinator.locator("a[href$='/answer/']").click()
    answer = "Styringsgruppen bevilger natteravner fredager ut skoleåret."
    coordinator.fill("#id_response", answer)
    step(coordinator, "styringsgruppen answers")
    submit(coordinator)
    assert answer in coordinator.locator("main").inner_text()
    step(coordinator, "answered in the styringsgruppe")

    team.goto(team_matter_url)
    page_text = team.locator("main").inner_text()
    assert answer in page_text  # the answer came back down to the team
    trail = team.locator("#trail-heading + *").inner_text()
    assert "Styringsgruppe" in trail
    assert "Koordineringsgruppe" in trail
    step(team, "the team sees the answer and the trail")
    assert_steps_accessible()


# --- A progress update on a phone, with the keyboard alone --------------------------


def tab_to(page, selector: str, limit: int = 80) -> None:
    """Press Tab until the element matching ``selector`` has focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(
            "(s) => document.activeElement && document.activeElement.matches(s)",
            selector,
        ):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_log_a_progress_update_on_a_phone_with_the_keyboard_only(live_url, new_page):
    page = new_page(viewport=(360, 740))
    page.goto(f"{live_url}/accounts/login/")
    tab_to(page, "#id_username")
    page.keyboard.type(demo_email(POLICE_CONTACT))
    page.keyboard.press("Tab")
    page.keyboard.type(DEMO_PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    # A politikontakt serving three districts lands on the start page for all.
    assert page.locator("#panel-quick-update-heading").count() == 1
    step(page, "politikontakt's start page on a phone")

    measure_url = page.locator("#panel-quick-update-heading ~ ul a.ds-link").first
    measure_url = measure_url.get_attribute("href")
    summary = "#panel-quick-update-heading ~ ul summary"
    tab_to(page, summary)
    page.keyboard.press("Enter")  # opens the quick update for the first measure
    form = page.locator("#panel-quick-update-heading ~ ul details[open] form")
    assert form.count() == 1
    text = "Fem nye ungdommer i fleksiteamet denne måneden."
    tab_to(page, "details[open] textarea")
    page.keyboard.type(text)
    tab_to(page, "details[open] input[type=radio]")
    page.keyboard.press("Space")
    assert form.locator("input[type=radio]:checked").count() == 1
    step(page, "quick update filled in")
    tab_to(page, "details[open] button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/?all=1")  # back on the start page
    assert page.locator(".app-messages").count() == 1
    step(page, "update saved, back on the start page")

    # The update is on the measure's page.
    page.goto(live_url + measure_url)
    assert text in page.locator("main").inner_text()
    step(page, "the measure shows the update")
    assert_steps_accessible()


# --- A consent and a disclosure -----------------------------------------------------


def test_record_a_consent_and_a_disclosure(live_url, new_page):
    page = new_page()
    log_in(page, live_url, COORDINATOR)
    page.locator("nav.app-nav a[href$='/consent/']").click()
    page.locator("a[href$='/consent/new/']").click()
    page.fill("#id_birth_year", str(timezone.localdate().year - 15))
    page.select_option("#id_identity_held_by", label="Barneverntjenesten Alna")
    step(page, "register a young person")
    submit(page)
    subject_url = page.url
    pseudonym = page.locator("h1").inner_text()
    assert re.search(r"\w", pseudonym)
    step(page, "the young person is registered")

    guardian_form = "form[action$='/guardians/']"
    page.locator(f"{guardian_form} [name=label]").fill("Mor")
    page.locator(f"{guardian_form} [name=relation]").select_option(index=1)
    page.locator(f"{guardian_form} [name=has_parental_responsibility]").check()
    step(page, "guardian form")
    submit(page, guardian_form)

    page.goto(subject_url)
    page.locator("a[href$='/consents/new/']").first.click()
    page.select_option("#id_recorded_by_agency", label="Barneverntjenesten Alna")
    page.fill("#id_given_on", timezone.localdate().isoformat())
    page.check("input[name=form][value=written]")
    page.fill("#id_document_reference", "Barnevernet sak 2026/41")
    page.check("input[name=information_categories][value=education_work]")
    page.fill("#id_information_scope", "Skolefravær og oppfølging i skolen.")
    recipients = page.locator("fieldset:has(input[name=recipient_agencies])")
    for agency in ("Barneverntjenesten Alna", "BUP Groruddalen"):
        recipients.get_by_label(agency, exact=True).check()
    page.fill("#id_purpose", "Samordnet oppfølging mellom barnevern og BUP.")
    page.fill(
        "#id_informed_about",
        "Hvem som får vite hva, og retten til å trekke samtykket tilbake.",
    )
    page.check("#id_voluntary")
    page.check("#id_express")
    page.locator("input[name=guardians]").first.check()
    page.select_option("#id_guardian_form", "written")
    step(page, "consent form")
    submit(page)
    assert "/consents/" in page.url, page.locator("main").inner_text()[:500]
    step(page, "consent recorded")

    page.goto(subject_url)
    page.locator("a[href$='/disclosures/new/']").first.click()
    page.check("input[name=legal_basis][value=consent]")
    page.select_option("#id_consent", index=1)
    page.select_option("#id_from_agency", label="Barneverntjenesten Alna")
    page.select_option("#id_to_agency", label="BUP Groruddalen")
    page.check("input[name=information_categories][value=education_work]")
    page.fill("#id_information_description", "Fravær 30 % siste måned.")
    page.fill("#id_purpose", "Samordnet oppfølging.")
    page.check("#id_purpose_within_consent")
    step(page, "disclosure form")
    submit(page)
    assert "/disclosures/" in page.url, page.locator("main").inner_text()[:500]
    step(page, "disclosure recorded")

    page.goto(subject_url)
    record = page.locator("main").inner_text()
    assert "BUP Groruddalen" in record  # the disclosure's receiver is listed
    step(page, "the record shows the consent and the disclosure")
    assert_steps_accessible()


# --- The annual report: draft, review, approve, PDF ---------------------------------

BAERUM = "/o/baerum"


def test_draft_review_and_approve_an_annual_report_and_download_its_pdf(
    live_url, new_page
):
    from pypdf import PdfReader

    year = timezone.localdate().year
    coordinator = new_page()
    log_in(coordinator, live_url, "koordinator1.baerum")
    coordinator.goto(f"{live_url}{BAERUM}/reports/")
    coordinator.select_option("#id_year", str(year))
    step(coordinator, "the reports hub: draft from the records")
    submit(coordinator, "form[action$='/reports/annual/draft/']")
    assert re.search(r"/reports/annual/\d+/$", coordinator.url)
    report_url = coordinator.url
    step(coordinator, "the draft with its figures")

    for code, text in (
        ("summary", "SLT-styret prioriterte rus og utenforskap i år."),
        ("closing", "Takk til alle som bidro i SLT-arbeidet i Bærum."),
    ):
        coordinator.locator(f"a[href$='/sections/{code}/']").click()
        coordinator.fill("#id_text", text)
        step(coordinator, f"edit the section {code}")
        submit(coordinator)
        assert coordinator.url.split("#")[0] == report_url
        assert text in coordinator.locator("main").inner_text()
    submit(coordinator, "form[action$='/submit/']")
    step(coordinator, "sent to the steering group")
    assert "/submit/" not in coordinator.url

    for key, section in (
        ("visepolitimester.baerum", "practice.challenges"),
        ("stasjonssjef.baerum", "model.focus_areas"),
    ):
        member = new_page()
        log_in(member, live_url, key)
        member.goto(report_url)
        member.select_option("#id_section", section)
        member.fill("#id_text", "Godt skrevet; ta med tallene fra i fjor.")
        step(member, f"{key} comments on a section")
        submit(member, "form[action$='/review/']")
        member.select_option("#id_section", "")
        member.check("input[name=verdict][value=recommend_approval]")
        submit(member, "form[action$='/review/']")
        step(member, f"{key} recommends approval")
        assert "Godt skrevet" in member.locator("main").inner_text()

    chair = new_page()
    log_in(chair, live_url, "styreleder.baerum")
    chair.goto(report_url)
    step(chair, "the chair reads the reviews")
    submit(chair, "form[action$='/approve/']")
    step(chair, "approved")
    # The PDF is made by a Celery task (in-process in the tests); the page polls.
    download = chair.locator("#pdf-status a[href$='/pdf/download/']")
    for _ in range(30):
        if download.count():
            break
        time.sleep(1)
        chair.goto(report_url)
    step(chair, "the PDF is ready")
    with chair.expect_download() as info:
        download.click()
    pdf = PdfReader(info.value.path())
    pages = [p.extract_text() for p in pdf.pages]
    text = "\n".join(pages)
    assert "SLT-styret prioriterte rus og utenforskap" in text
    assert "Takk til alle som bidro" in text
    assert f"2 / {len(pages)}" in pages[1]  # page numbers on the contents page
    assert_steps_accessible()
