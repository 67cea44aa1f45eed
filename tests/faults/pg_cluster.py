"""A private PostgreSQL cluster and a gunicorn web server for the fault tests.

Fault tests stop and restart PostgreSQL, so they never touch the shared server the rest of the suite
uses: each starts its own cluster (initdb into a temporary folder, its own free port, fsync off) and
removes it afterwards. PostgreSQL refuses to run as root: as root the cluster is run by the
`postgres` user, as scripts/services.sh does.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name))
    return Path(found[-1]) if found else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_pg(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


class PrivateCluster:
    """initdb, start, stop, restart — of a cluster nobody else uses."""

    def __init__(self):
        self.bin = pg_bin()
        self.dir = Path(tempfile.mkdtemp(prefix="thongsuot-pg-"))
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres")
        self.data = self.dir / "pg"
        self.port = free_port()
        self.options = (
            f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=50"
        )

    @property
    def url(self) -> str:
        return f"postgresql://thongsuot@127.0.0.1:{self.port}/thongsuot"

    def _run(self, *args: str, timeout: float = 120) -> None:
        subprocess.run(
            _as_pg([str(self.bin / args[0]), *args[1:]]),
            check=True,
            timeout=timeout,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )

    def init(self) -> None:
        self._run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            "thongsuot",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        self.start()
        import psycopg

        with psycopg.connect(
            f"postgresql://thongsuot@127.0.0.1:{self.port}/postgres", autocommit=True
        ) as conn:
            conn.execute("CREATE DATABASE thongsuot")

    def start(self) -> None:
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-l",
            str(self.dir / "pg.log"),
            "-w",
            "-t",
            "120",
            "-o",
            self.options,
            "start",
        )

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "120", "stop")

    def restart(self) -> None:
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-l",
            str(self.dir / "pg.log"),
            "-m",
            "fast",
            "-w",
            "-t",
            "120",
            "-o",
            self.options,
            "restart",
        )

    def log(self) -> str:
        path = self.dir / "pg.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def destroy(self) -> None:
        if (self.data / "postmaster.pid").exists():
            with contextlib.suppress(subprocess.SubprocessError, OSError):
                self.stop("immediate")
        shutil.rmtree(self.dir, ignore_errors=True)


class Gunicorn:
    """`gunicorn portal.wsgi` on a free loopback port, with the environment given."""

    def __init__(self, env: dict, workdir: Path, *, workers: int = 2, threads: int = 2):
        self.env, self.workdir = env, workdir
        self.port = free_port()
        self.log_path = workdir / "gunicorn.log"
        self.workers, self.threads = workers, threads
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        with self.log_path.open("ab") as log:
            self.proc = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "portal.wsgi",
                    "--bind",
                    f"127.0.0.1:{self.port}",
                    "--workers",
                    str(self.workers),
                    "--threads",
                    str(self.threads),
                    "--timeout",
                    "60",
                    "--graceful-timeout",
                    "5",
                    "--log-level",
                    "info",
                    "--error-logfile",
                    "-",
                ],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + 90
        while self.booted() < self.workers:
            assert self.proc.poll() is None, f"gunicorn exited:\n{self.log()}"
            assert time.monotonic() < deadline, f"gunicorn did not start:\n{self.log()}"
            time.sleep(0.2)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def booted(self) -> int:
        """How many worker processes gunicorn has booted so far (a worker restarted counts again)."""
        return self.log().count("Booting worker with pid")

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def stop(self) -> None:
        if not self.alive():
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)
