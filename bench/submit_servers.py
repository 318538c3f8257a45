"""Servers and databases of the submission benchmarks (bench/submit.py, bench/faults.py): a code tree's
gunicorn against its own database in one throwaway PostgreSQL cluster, today's code checked out into a
temporary worktree, what the database stored, and the fair ceiling's captured form and table."""

from __future__ import annotations

import contextlib
import http.client
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from bench.submit_clients import HOST, Browser, answer

ROOT = Path(__file__).resolve().parent.parent
SETUP = ROOT / "bench" / "submit_setup.py"


@contextlib.contextmanager
def worktree(revision: str) -> Iterator[Path]:
    """`revision` checked out (detached) into a temporary directory, removed afterwards."""
    tmp = Path(tempfile.mkdtemp(prefix="sikap-bench-baseline-"))
    tree = tmp / "tree"
    subprocess.run(
        ["git", "worktree", "add", "--quiet", "--detach", str(tree), revision], cwd=ROOT, check=True
    )
    try:
        yield tree
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, check=False)
        subprocess.run(["rm", "-rf", str(tmp)], check=False)


def create_database(database_url: str, name: str) -> str:
    """A second database in the same cluster; its URL."""
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(database_url)
    return parts._replace(path=f"/{name}").geturl()


def prepare(tree: Path, env: dict[str, str]) -> str:
    """Migrate the tree's database with its own code and create the campaign; the form's path."""
    out = subprocess.run(
        [sys.executable, str(SETUP)],
        cwd=tree,
        env={**os.environ, **env, "PYTHONPATH": str(tree)},
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode:
        raise SystemExit(f"setting up {tree} failed:\n{out.stderr[-3000:]}")
    return out.stdout.strip().splitlines()[-1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    """gunicorn serving one code tree, and the path that answers 200 once it is up."""

    tree: Path
    env: dict[str, str]
    ready_path: str
    workers: int = 2
    worker_class: str = "sync"
    threads: int = 1
    port: int = 0
    process: subprocess.Popen | None = None
    log: Path | None = None

    def start(self, log: Path) -> None:
        self.port, self.log = free_port(), log
        command = [
            *(sys.executable, "-m", "gunicorn", "config.wsgi:application"),
            *("--bind", f"{HOST}:{self.port}", "--workers", str(self.workers)),
            *("--worker-class", self.worker_class, "--threads", str(self.threads), "--backlog", "2048"),
            *("--log-level", "warning", "--error-logfile", str(log)),
        ]
        env = {**os.environ, **self.env, "PYTHONPATH": str(self.tree)}
        with log.open("ab") as output:  # Django's own error lines go beside gunicorn's
            self.process = subprocess.Popen(command, cwd=self.tree, env=env, stdout=output, stderr=output)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn exited with {self.process.returncode}:\n{self.errors()}")
            try:
                conn = http.client.HTTPConnection(HOST, self.port, timeout=5)
                conn.request("GET", self.ready_path)
                if conn.getresponse().status == 200:
                    return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise SystemExit(f"gunicorn did not answer within 30 s:\n{self.errors()}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def errors(self) -> str:
        return self.log.read_text().strip()[-3000:] if self.log and self.log.exists() else ""


@dataclass
class Stored:
    """What one database holds after a run: submissions per idempotency key, and whether each is whole."""

    keys: Counter[str]
    responses: int
    answers: int
    statuses: Counter[str]
    uneven: int  # submissions whose number of responses differs from the most common number
    counted: int  # respondents counted in the rollups (RespondentTally), to compare with the submissions


def stored(database_url: str) -> Stored:
    """Read with plain SQL, so that it works against any code's database without loading that code."""
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as conn:
        keys = Counter(
            {k: n for k, n in conn.execute("SELECT key::text, count(*) FROM responses_submission GROUP BY 1")}
        )
        (responses,) = conn.execute("SELECT count(*) FROM responses_response").fetchone() or (0,)
        (answers,) = conn.execute("SELECT count(*) FROM responses_answer").fetchone() or (0,)
        statuses = Counter(dict(conn.execute("SELECT status, count(*) FROM responses_submission GROUP BY 1")))
        per = Counter(
            n
            for (n,) in conn.execute(
                "SELECT count(r.id) FROM responses_submission s "
                "LEFT JOIN responses_response r ON r.submission_id = s.id GROUP BY s.id"
            )
        )
        usual = per.most_common(1)[0][0] if per else 0
        counted = respondents_counted(conn, usual)
    return Stored(keys, responses, answers, statuses, sum(n for k, n in per.items() if k != usual), counted)


def respondents_counted(conn, per_submission: int) -> int:
    """Submissions as counted by the rollups: each stored response adds one respondent to its version's
    RespondentTally row, so the sum over the rows divided by the responses per submission."""
    try:
        (total,) = conn.execute("SELECT coalesce(sum(n), 0) FROM indices_respondenttally").fetchone()
    except Exception:  # another code's rollups may differ: the check is then left out (-1)
        return -1
    return int(total) // per_submission if per_submission else 0


# ------------------------------------------------------------------------------------ the fair ceiling


def capture_form(port: int, form_path: str, into: Path) -> str:
    """One real respondent against the code being measured: keep the form and thank-you page bytes for
    the ceiling; return the key it stored (so the stored/accepted check counts it)."""
    browser = Browser(port)
    status, _r, html, _s, _e = browser.send("GET", form_path)
    assert status == 200, f"GET {form_path} -> {status}"
    body, key = answer(html.decode(), 0)
    status, response, _d, _s, _e = browser.send("POST", form_path, body)
    location = response.getheader("Location", "")
    assert status == 302 and "/terima-kasih/" in location, f"POST {form_path} -> {status}"
    status, _r, thanks, _s, _e = browser.send("GET", urlsplit(location).path)
    assert status == 200, f"GET {location} -> {status}"
    (into / "form.html").write_bytes(html)
    (into / "thanks.html").write_bytes(thanks)
    return key


def create_ceiling_table(database_url: str) -> None:
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE bench_ceiling (key text, body text)")


def ceiling_keys(database_url: str) -> Counter[str]:
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as conn:
        return Counter({k: n for k, n in conn.execute("SELECT key, count(*) FROM bench_ceiling GROUP BY 1")})
