"""Process helpers for the fault tests: a private Redis the test may stop and start, Celery workers and beat
schedulers, and the web (gunicorn) — all real processes on the test database, all stopped when the test ends,
even when it fails.

The shared Redis and PostgreSQL of the suite are never touched: a test that stops Redis stops its OWN
redis-server (own port, own folder). E-mail sent by the workers is captured as files (EMAIL_FILE_PATH) and
read back with `captured_mail`.
"""

from __future__ import annotations

import email
import email.policy
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"
START_TIMEOUT = 90  # two cores shared with other test runs: starting Django in a subprocess can be slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database_url() -> str:
    db = connection.settings_dict
    auth = quote(db["USER"] or "", safe="") + (f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else "")
    return f"postgresql://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _stop(proc: subprocess.Popen, sig=signal.SIGTERM, timeout: float = 30) -> None:
    if proc.poll() is None:
        proc.send_signal(sig)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)


class RedisServer:
    """A private redis-server without persistence: stopping it loses whatever it held, as a crash would."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.proc: subprocess.Popen | None = None
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        assert self.proc is None or self.proc.poll() is not None, "redis is already running"
        log = (self.folder / "redis.log").open("ab")
        self.proc = subprocess.Popen(
            [
                REDIS_SERVER,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.folder),
                "--daemonize",
                "no",
                "--protected-mode",
                "no",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + START_TIMEOUT
        while not self.answers():
            assert self.proc.poll() is None, (self.folder / "redis.log").read_text(errors="replace")
            assert time.monotonic() < deadline, "redis-server did not start"
            time.sleep(0.05)

    def answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as s:
                s.sendall(b"PING\r\n")
                return s.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def queue_length(self, queue: str) -> int:
        import redis

        client = redis.Redis.from_url(self.url)
        try:
            return client.llen(queue)
        finally:
            client.close()

    def stop(self) -> None:
        """Stop the server (SIGTERM, no save): clients see their connections refused until it is back."""
        if self.proc is not None:
            _stop(self.proc)
        assert not self.answers()


@pytest.fixture
def private_redis(tmp_path):
    server = RedisServer(tmp_path / "redis")
    server.start()
    yield server
    server.stop()


class Processes:
    """Celery workers, beat schedulers and gunicorn on the test database, with one shared env."""

    def __init__(self, tmp_path: Path, redis_url: str):
        self.tmp = tmp_path
        self.mail_dir = tmp_path / "mail"
        self.data_dir = tmp_path / "data"
        self.procs: dict[str, subprocess.Popen] = {}
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("EMAIL_", "CELERY_", "DJANGO_DEBUG", "CHASE_", "OUTBOX_", "PDF_BATCH_"))
        }
        env.update(
            DATABASE_URL=database_url(),
            REDIS_URL=redis_url,
            EMAIL_FILE_PATH=str(self.mail_dir),
            THONGSUOT_DATA_DIR=str(self.data_dir),
            DJANGO_SETTINGS_MODULE="portal.settings",
            PYTHONUNBUFFERED="1",
            PYTHONPATH=str(ROOT),
            # The processes issue in one step, as the suite does (tests/conftest.py): the faults are about the
            # broker, the workers and the database, not about keys (the signing flow has its own tests).
            THONGSUOT_SIGNING_REQUIRED="0",
        )
        self.env = env

    def log(self, name: str) -> str:
        path = self.tmp / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def count(self, name: str, pattern: str) -> int:
        return len(re.findall(pattern, self.log(name)))

    def _start(self, name: str, argv: list[str], ready: str, env: dict[str, str]) -> subprocess.Popen:
        log = (self.tmp / f"{name}.log").open("ab")
        proc = self.procs[name] = subprocess.Popen(
            argv,
            cwd=ROOT,
            env={**self.env, **env},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + START_TIMEOUT
        while ready not in self.log(name):
            assert proc.poll() is None, f"{name} exited:\n{self.log(name)}"
            assert time.monotonic() < deadline, f"{name} did not start:\n{self.log(name)}"
            time.sleep(0.1)
        return proc

    def worker(self, name: str, **env: str) -> None:
        self._start(
            name,
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "portal",
                "worker",
                "--pool",
                "solo",
                "-n",
                f"{name}-{self.tmp.name}@%h",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-l",
                "info",
            ],
            " ready.",
            env,
        )

    def beat(self, name: str, **env: str) -> None:
        # Its own schedule file and pidfile in tmp_path: two beats side by side, nothing written to the checkout.
        self._start(
            name,
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "portal",
                "beat",
                "-l",
                "debug",
                "--max-interval",
                "1",
                "--schedule",
                str(self.tmp / f"{name}-schedule"),
                "--pidfile",
                str(self.tmp / f"{name}.pid"),
            ],
            "beat: Starting",
            env,
        )

    def web(self, name: str = "web", **env: str) -> str:
        port = free_port()
        self._start(
            name,
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "portal.wsgi",
                "-b",
                f"127.0.0.1:{port}",
                "-w",
                "2",
                "--timeout",
                "120",
                "--access-logfile",
                "-",
            ],
            "Booting worker",
            env,
        )
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    return url
            except OSError:
                assert time.monotonic() < deadline, f"gunicorn did not listen:\n{self.log(name)}"
                time.sleep(0.1)

    def stop(self, name: str) -> None:
        _stop(self.procs[name])

    def stop_all(self) -> None:
        for proc in self.procs.values():  # SIGTERM to every process first, so they wind down together
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in self.procs.values():
            _stop(proc)


@pytest.fixture
def processes(tmp_path, private_redis):
    procs = Processes(tmp_path, private_redis.url)
    yield procs
    procs.stop_all()


def captured_mail(mail_dir: Path) -> Counter:
    """Every e-mail the file backend wrote, as a Counter of (recipient, subject, body)."""
    sent: Counter = Counter()
    separator = b"\n" + b"-" * 79 + b"\n"
    for path in sorted(mail_dir.glob("*.log")) if mail_dir.exists() else []:
        for raw in path.read_bytes().split(separator):
            if not raw.strip():
                continue
            message = email.message_from_bytes(raw, policy=email.policy.default)
            sent[
                (str(message["To"]), " ".join(str(message["Subject"]).split()), message.get_content().strip())
            ] += 1
    return sent


@pytest.fixture
def eager_here():
    """Arrange the scene with tasks run in-process: the set-up's own notifications are mailed at once (to
    Django's test outbox), so nothing it does reaches a broker and only the scenario's mail is counted."""
    from portal.celery import app

    eager = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = eager


def wait_for(predicate, *, timeout: float, what: str, poll: float = 0.25, log=lambda: ""):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        assert time.monotonic() < deadline, f"timed out waiting for {what}\n{log()}"
        time.sleep(poll)
