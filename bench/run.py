"""``make bench``: every benchmark against gunicorn on the generated national data
and on a tenth of it, printed as one table (metric, value, target, met).

1. Makes sure both data sets exist (``generate_scale_data`` is resumable: a finished
   data set costs a second; a missing one is built, which takes a while).
2. For each data set starts gunicorn (production settings, DEBUG off, the benchmark
   baseline routed with ``BENCH_ENDPOINTS=1``) and runs each benchmark module.
3. Prints the table and writes it as JSON to ``bench/results/``.

The tenth is the same 371 areas with one year (this year) instead of ten: same
tenants, same "today" (upcoming meetings, open follow-ups, this year's plan), and
a tenth of the rows both nationally and per area. A page whose cost grew with the
size of its tables *or* with an area's own history shows up as a ratio above 1.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import PYTHON, ROOT, Context, Dataset, Row, ensure_wrk


def _args() -> argparse.Namespace:
    env = os.environ
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--areas", type=int, default=int(env.get("BENCH_AREAS", 371)))
    parser.add_argument("--years", type=int, default=int(env.get("BENCH_YEARS", 10)))
    parser.add_argument("--seed", type=int, default=int(env.get("BENCH_SEED", 1)))
    parser.add_argument("--database", default=env.get("BENCH_DB", "slt_scale"))
    parser.add_argument(
        "--tenth-database", default=env.get("BENCH_TENTH_DB", "slt_scale_tenth")
    )
    parser.add_argument(
        "--postgres",
        default=env.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432"),
        help="Server URL without the database name.",
    )
    parser.add_argument(
        "--redis", default=env.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/3")
    )
    parser.add_argument("--area", default=env.get("BENCH_AREA", "alna"))
    parser.add_argument(
        "--duration", type=int, default=int(env.get("BENCH_DURATION", 10))
    )
    # More worker processes than cores: a keep-alive client's connections can land
    # unevenly on the workers, and with one worker per core a worker that got none
    # left a core idle (throughput halved in one run of four).
    parser.add_argument("--workers", type=int, default=int(env.get("BENCH_WORKERS", 4)))
    parser.add_argument("--threads", type=int, default=int(env.get("BENCH_THREADS", 2)))
    parser.add_argument(
        "--only", choices=["full", "tenth"], help="Run on one data set only."
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=int(env.get("BENCH_JOBS", os.cpu_count() or 1)),
        help="Processes generating a missing data set (shards).",
    )
    return parser.parse_args()


def _modules() -> list:
    names = sorted(f"bench.{p.stem}" for p in (ROOT / "bench").glob("bench_*.py"))
    return [importlib.import_module(n) for n in names]


def _env(args, dataset: Dataset) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": f"{args.postgres}/{dataset.database}",
        "REDIS_URL": args.redis,
        "CACHE_KEY_PREFIX": f"bench-{dataset.database}",
        "DJANGO_DEBUG": "false",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "BENCH_ENDPOINTS": "1",
        "LOG_LEVEL": "WARNING",
    }


def _ensure_database(args, dataset: Dataset, env: dict) -> None:
    subprocess.run(
        [
            PYTHON,
            "-c",
            "import psycopg,sys\n"
            "c=psycopg.connect(sys.argv[1]+'/postgres',autocommit=True)\n"
            "if not c.execute('SELECT 1 FROM pg_database WHERE datname=%s',"
            "[sys.argv[2]]).fetchone(): c.execute('CREATE DATABASE '+sys.argv[2])",
            args.postgres,
            dataset.database,
        ],
        check=True,
    )
    print(f"== data set {dataset.name}: {dataset.database}", file=sys.stderr)
    subprocess.run(
        [PYTHON, "manage.py", "migrate", "-v0"], env=env, cwd=ROOT, check=True
    )
    generate = [
        PYTHON,
        "manage.py",
        "generate_scale_data",
        f"--areas={dataset.areas}",
        f"--years={dataset.years}",
        f"--seed={args.seed}",
        "--no-migrate",
    ]
    shards = [
        subprocess.Popen([*generate, f"--shard={n}/{args.jobs}"], env=env, cwd=ROOT)
        for n in range(args.jobs)
    ]
    if any(shard.wait() for shard in shards):
        raise RuntimeError(f"generate_scale_data failed on {dataset.database}")


def _clear_cache(args, dataset: Dataset) -> None:
    """Drop the data set's cache entries: a regenerated database must not meet
    entries (signed-in users, pages) built from the one before."""
    import redis

    client = redis.Redis.from_url(args.redis)
    keys = list(client.scan_iter(f"bench-{dataset.database}:*", count=1000))
    for start in range(0, len(keys), 1000):
        client.delete(*keys[start : start + 1000])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_server(args, env: dict) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    server = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "slt_portal.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--threads",
            str(args.threads),
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    base = f"http://127.0.0.1:{port}"
    for _n in range(120):
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=5) as response:
                if response.status == 200:
                    return server, base
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise RuntimeError("gunicorn did not become healthy")


def _run_dataset(args, dataset: Dataset, modules) -> list[Row]:
    env = _env(args, dataset)
    _ensure_database(args, dataset, env)
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"],
        env=env,
        cwd=ROOT,
        check=True,
    )
    _clear_cache(args, dataset)
    server, base = _start_server(args, env)
    rows: list[Row] = []
    try:
        ctx = Context(dataset, base, env, args.area, args.duration)
        for module in modules:
            print(f"-- {module.__name__} on {dataset.name}", file=sys.stderr)
            rows += module.run(ctx)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return rows


def _fmt(value: float | None) -> str:
    if value is None:
        return "–"
    if isinstance(value, int) or float(value).is_integer():
        return f"{int(value)}"
    return f"{value:.3g}" if abs(value) < 100 else f"{value:.0f}"


def print_table(rows: list[Row]) -> None:
    header = ("data", "metric", "value", "target", "met")
    lines = [
        (
            r.dataset,
            r.metric + (f" ({r.note})" if r.note else ""),
            f"{_fmt(r.value)} {r.unit}".strip(),
            r.target,
            "" if r.met is None else ("yes" if r.met else "NO"),
        )
        for r in rows
    ]
    widths = [max(len(x[i]) for x in [header, *lines]) for i in range(len(header))]
    for line in [header, tuple("-" * w for w in widths), *lines]:
        print("  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)))


def main() -> None:
    args = _args()
    ensure_wrk()
    modules = _modules()
    datasets = [
        Dataset("full", args.database, args.areas, args.years),
        Dataset("tenth", args.tenth_database, args.areas, 1),
    ]
    if args.only:
        datasets = [d for d in datasets if d.name == args.only]
    rows: list[Row] = []
    for dataset in datasets:
        rows += _run_dataset(args, dataset, modules)
    for module in modules:
        if hasattr(module, "summarize"):
            rows += module.summarize(rows)
    print_table(rows)
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
    (out / f"bench-{stamp}.json").write_text(
        json.dumps([r.__dict__ for r in rows], indent=1, ensure_ascii=False)
    )


if __name__ == "__main__":
    main()
