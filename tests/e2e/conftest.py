"""Browser tests: Debian's Chromium driven by Playwright against a live server.

They run in their own pytest session (``pytest -m e2e``, see the Makefile) because the
demo data is seeded once into the test database and committed, which the other tests'
per-test transactions must not see. On failure the page's screenshot is saved under
``test-artifacts/``, and so is the screenshot of every :func:`step` the test took.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.management import call_command
from django.test.testcases import LiveServerThread

from municipalities.demo import DEMO_DOMAIN, DEMO_PASSWORD
from tests.e2e.accessibility import axe_violations, structure_problems

# Playwright's sync API runs an event loop in this thread; Django's database calls made
# by the test fixtures here are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
            # The marker makes pytest-django create the test database for the session;
            # the test body's own transaction is rolled back and sees the seeded data.
            item.add_marker(pytest.mark.django_db)


@pytest.fixture(scope="session")
def live_url(django_db_setup, django_db_blocker):
    """A threaded server on the seeded test database, for the whole session."""
    from django.db import connections

    # Request threads close their connection after each response, so the test
    # database can be dropped at the end of the session.
    connections.settings["default"]["CONN_MAX_AGE"] = 0
    with django_db_blocker.unblock():
        call_command("seed_demo", "--quiet-logins")
    thread = LiveServerThread("127.0.0.1", StaticFilesHandler, port=0)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    django_db_blocker.unblock()  # the server thread opens its own connections
    yield f"http://127.0.0.1:{thread.port}"
    thread.terminate()
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, request):
    """``new_page(viewport=(w, h))`` opens a fresh browser context (no shared login)."""
    pages = []

    def make(viewport=(1280, 900)):
        context = browser.new_context(
            viewport={"width": viewport[0], "height": viewport[1]},
            locale="nb-NO",
            bypass_csp=False,
        )
        page = context.new_page()
        page.set_default_timeout(15_000)
        pages.append(page)
        return page

    yield make
    failed = getattr(request.node, "rep_call", None)
    for index, page in enumerate(pages):
        if failed is not None and failed.failed:
            ARTIFACTS.mkdir(exist_ok=True)
            name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)[-150:]
            page.screenshot(path=str(ARTIFACTS / f"{name}-{index}.png"), full_page=True)
        page.context.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


# --- Steps: a screenshot and an accessibility check of each step of a flow ------------


@dataclass
class Steps:
    """The current test's steps: (name, PNG) in order, and the pages' problems."""

    shots: list[tuple[str, bytes]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    checked: set[str] = field(default_factory=set)


_current = Steps()


def step(page, name: str, *, check: bool = True) -> None:
    """Record one step of a flow: a full-page screenshot (written to test-artifacts/
    if the test fails) and, once per page address, axe-core and the structure checks."""
    _current.shots.append((name, page.screenshot(full_page=True)))
    path = re.sub(r"/\d+(?=/|$)", "/{id}", urlparse(page.url).path)
    if not check or path in _current.checked:
        return
    _current.checked.add(path)
    _current.problems += [
        f"{name} ({page.url}): axe {v['id']}: {v['help']} at {v['targets']}"
        for v in axe_violations(page)
    ] + [f"{name} ({page.url}): {p}" for p in structure_problems(page)]


def assert_steps_accessible() -> None:
    """Every page the flow passed through has no WCAG 2.1 A/AA violation."""
    assert not _current.problems, "\n".join(_current.problems)


@pytest.fixture(autouse=True)
def _steps(request):
    global _current
    _current = Steps()
    yield _current
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed and _current.shots:
        folder = ARTIFACTS / re.sub(r"[^\w.-]+", "_", request.node.nodeid)[-150:]
        folder.mkdir(parents=True, exist_ok=True)
        for index, (name, png) in enumerate(_current.shots, start=1):
            slug = re.sub(r"[^\w-]+", "-", name).strip("-")[:60]
            (folder / f"{index:02d}-{slug}.png").write_bytes(png)


def demo_email(key: str) -> str:
    return f"{key}@{DEMO_DOMAIN}"


def log_in(page, live_url: str, key: str) -> None:
    page.goto(f"{live_url}/accounts/login/")
    page.fill("#id_username", demo_email(key))
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state("domcontentloaded")
    assert "/accounts/login/" not in page.url, f"login failed for {key}"
