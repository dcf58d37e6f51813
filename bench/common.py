"""What every benchmark module shares: the result row, the run context, the load
client (wrk) and a way to run a Django snippet against one data set.

A benchmark module is ``bench/bench_<name>.py`` (found by ``bench/run.py``). It
defines ``run(ctx: Context) -> list[Row]``, called once
per data set while a gunicorn server serves that data set at ``ctx.base_url``, and
may define ``summarize(rows: list[Row]) -> list[Row]`` for rows that compare the
data sets.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
WRK_SCRIPT = str(Path(__file__).with_name("wrk_report.lua"))
# The same report, with an address of its own for every request (no cache hit).
WRK_UNCACHED_SCRIPT = str(Path(__file__).with_name("wrk_uncached.lua"))


@dataclass
class Row:
    metric: str
    value: float | None
    unit: str = ""
    target: str = ""
    met: bool | None = None  # None: a figure without a target
    dataset: str = ""
    note: str = ""


@dataclass
class Dataset:
    name: str  # "full" or "tenth"
    database: str
    areas: int
    years: int


@dataclass
class Context:
    dataset: Dataset
    base_url: str
    env: dict  # the server's environment (DATABASE_URL, REDIS_URL, ...)
    area_slug: str
    duration: int  # seconds per wrk measurement
    cache: dict = field(default_factory=dict)  # per data set, shared by modules

    def django(self, *args: str) -> dict:
        """Run ``bench/django_tasks.py`` against this data set; its JSON answer."""
        return django_task(self.env, *args)


def django_task(env: dict, *args: str) -> dict:
    out = subprocess.run(
        [PYTHON, str(ROOT / "bench" / "django_tasks.py"), *args],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


# --- Load client --------------------------------------------------------------------


def ensure_wrk() -> str:
    """wrk from Debian; installed when missing (the benchmark machine is a dev box)."""
    found = shutil.which("wrk")
    if found:
        return found
    print("wrk is missing; installing it with apt-get", file=sys.stderr)
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    subprocess.run([*sudo, "apt-get", "install", "-y", "-q", "wrk"], check=True)
    return shutil.which("wrk") or "wrk"


@dataclass(frozen=True)
class Load:
    requests: int
    seconds: float
    errors: int
    p50_ms: float
    p95_ms: float
    p99_ms: float

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def wrk(
    url: str,
    *,
    clients: int,
    seconds: int,
    headers: dict[str, str] | None = None,
    uncached: bool = False,
) -> Load:
    """Hit ``url`` with ``clients`` keep-alive connections for ``seconds``; with
    ``uncached`` every request carries a query parameter of its own."""
    threads = min(clients, 2)  # two cores: more client threads only steal CPU
    cmd = [
        ensure_wrk(),
        f"-t{threads}",
        f"-c{clients}",
        f"-d{seconds}s",
        "--timeout",
        "30s",
        "-s",
        WRK_UNCACHED_SCRIPT if uncached else WRK_SCRIPT,
    ]
    for name, value in (headers or {}).items():
        cmd += ["-H", f"{name}: {value}"]
    cmd.append(url)
    if uncached:
        cmd += ["--", uuid.uuid4().hex[:12]]  # a run id: no entry left from before
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    line = next(x for x in out.splitlines() if x.startswith("WRK_JSON "))
    data = json.loads(line.removeprefix("WRK_JSON "))
    return Load(
        requests=data["requests"],
        seconds=data["duration_us"] / 1e6,
        errors=data["errors"],
        p50_ms=data["p50"] / 1000,
        p95_ms=data["p95"] / 1000,
        p99_ms=data["p99"] / 1000,
    )


# --- HTTP helpers ------------------------------------------------------------------


def fetch_status(url: str, headers: dict[str, str] | None = None) -> int:
    """The status of one GET, without following redirects."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with opener.open(request, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def session_login(base_url: str, email: str, password: str) -> str:
    """Log in through the login form as a browser does; the Cookie header value."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    login = f"{base_url}/accounts/login/"
    page = opener.open(login, timeout=60).read().decode()
    token = page.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    body = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "username": email, "password": password}
    ).encode()
    request = urllib.request.Request(login, data=body, headers={"Referer": login})
    opener.open(request, timeout=60).read()
    cookies = {c.name: c.value for c in jar}
    if "sessionid" not in cookies:
        raise RuntimeError(f"Logging in as {email} failed")
    return "; ".join(f"{k}={v}" for k, v in cookies.items())
