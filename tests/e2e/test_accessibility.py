"""axe-core on every page of the demo data, as each role: 0 WCAG 2.1 A/AA violations.

The crawler starts at the role's start page, follows same-site links (at most two pages
per URL pattern, so /meetings/17/ and /meetings/18/ count once), and checks each page
with axe plus: one h1, a label for every form control, a lang attribute. It writes the
list of pages it visited to test-artifacts/accessibility-pages.txt.
"""

from __future__ import annotations

import re
from collections import Counter, deque
from urllib.parse import urldefrag, urlparse

import pytest

from tests.e2e.accessibility import axe_violations, structure_problems
from tests.e2e.conftest import ARTIFACTS, log_in

ROLES = {
    "coordinator": "koordinator.alna",
    "steering_member": "direktor.alna",
    "police_contact": "politikontakt.ost",
    "operative": "fleksiteam.alna",
    "coordination_member": "kg.barnevern.alna",
    "secretariat": "sekretariat1",
    "coordinator_kommune": "koordinator1.baerum",
    "viewer": "leser.baerum",
    "coordinator_region": "koordinator.indre-sogn",
}
# Files (downloads) and pages that are not for people: not crawled.
SKIP = re.compile(
    r"/accounts/logout|/admin/|/api/|/i18n/|\.ics$|\.pdf$|/pdf/$|\.csv$|/download"
    r"|/feed|/export|/healthz"
)
PER_PATTERN = 2
MAX_PAGES = 120
ANONYMOUS_PAGES = ["/accounts/login/", "/accounts/password/reset/"]


def pattern(path: str) -> str:
    return re.sub(r"/\d+(?=/|$)", "/{id}", path)


def crawl(page, live_url: str, start: str):
    host = urlparse(live_url).netloc
    seen, per_pattern, visited = set(), Counter(), []
    queue = deque([start])
    while queue and len(visited) < MAX_PAGES:
        url = queue.popleft()
        path = urlparse(url).path + (
            ("?" + urlparse(url).query) if urlparse(url).query else ""
        )
        key = pattern(urlparse(url).path)
        if url in seen or per_pattern[key] >= PER_PATTERN:
            continue
        seen.add(url)
        per_pattern[key] += 1
        response = page.goto(url)
        if (
            response is None
            or response.status != 200
            or "text/html" not in (response.headers.get("content-type", ""))
        ):
            continue
        visited.append(path)
        yield path
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            href = urldefrag(href).url
            parsed = urlparse(href)
            if (
                parsed.netloc == host
                and not SKIP.search(parsed.path)
                and href not in seen
            ):
                queue.append(href)


def check(page) -> list[str]:
    problems = [
        f"axe {v['id']} ({v['impact']}): {v['help']} at {v['targets']}"
        for v in axe_violations(page)
    ]
    return problems + structure_problems(page)


def record(lines: list[str], name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    with (ARTIFACTS / "accessibility-pages.txt").open("a") as out:
        out.write(f"## {name}\n" + "\n".join(lines) + "\n")


@pytest.mark.parametrize("role", list(ROLES))
def test_every_page_for_this_role_has_no_wcag_violations(role, live_url, new_page):
    page = new_page()
    log_in(page, live_url, ROLES[role])
    failures, visited = {}, []
    for path in crawl(page, live_url, f"{live_url}/?all=1"):
        visited.append(path)
        problems = check(page)
        if problems:
            failures[path] = problems
    record(visited, role)
    assert len(visited) >= 3, visited
    assert failures == {}, failures


def test_pages_before_login_have_no_wcag_violations(live_url, new_page):
    page = new_page()
    failures = {}
    for path in ANONYMOUS_PAGES:
        page.goto(live_url + path)
        if problems := check(page):
            failures[path] = problems
    record(ANONYMOUS_PAGES, "anonymous")
    assert failures == {}


def test_form_with_errors_has_no_wcag_violations(live_url, new_page):
    page = new_page()
    page.goto(f"{live_url}/accounts/login/")
    page.click("main button[type=submit]")
    page.wait_for_selector(".ds-error-summary")
    assert check(page) == []


def test_narrow_phone_screen_has_no_wcag_violations(live_url, new_page):
    page = new_page(viewport=(360, 740))
    log_in(page, live_url, ROLES["police_contact"])
    page.goto(f"{live_url}/?all=1")
    assert check(page) == []
    overflow = page.evaluate(
        "document.documentElement.scrollWidth > window.innerWidth + 1"
    )
    assert not overflow, "the page scrolls sideways at 360 px"


def test_the_checker_catches_a_planted_violation(live_url, new_page):
    """Guards against a silent checker: a page with known faults must fail."""
    page = new_page()
    page.goto(f"{live_url}/accounts/login/")
    page.evaluate(
        """() => {
            const img = document.createElement('img'); img.src = 'data:,';
            document.querySelector('main').append(img);
            const input = document.createElement('input');
            document.querySelector('main').append(input);
            document.querySelector('main').append(document.createElement('h1'));
        }"""
    )
    problems = " ".join(check(page))
    assert "image-alt" in problems
    assert "expected one h1, found 2" in problems
    assert "unlabelled input" in problems
