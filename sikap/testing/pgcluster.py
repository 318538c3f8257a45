"""A throwaway PostgreSQL cluster for the test suite, started from the machine's own binaries.

    python -m sikap.testing.pgcluster -- pytest [args]

finds initdb/pg_ctl (on PATH or under /usr/lib/postgresql/*/bin), creates a cluster in a temporary
directory listening only on a Unix socket, runs the command with DATABASE_URL pointing at it, then
stops the cluster and deletes it. PostgreSQL refuses to run as root, so as root the server runs as
the unprivileged `postgres` user (created by Debian's postgresql package).

Where no binaries exist it prints a loud warning and exits 0, unless SIKAP_REQUIRE_POSTGRES=1
(set by .ci/run), in which case it fails.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

DB_USER = "sikap"
DB_NAME = "sikap"


def find_bindir() -> Path | None:
    """The directory holding initdb and pg_ctl, newest version first."""
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl"):
        return Path(os.path.realpath(on_path)).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=_version_key, reverse=True)
    return Path(candidates[0]).parent if candidates else None


def _version_key(path: str) -> float:
    try:
        return float(Path(path).parent.parent.name)
    except ValueError:
        return 0.0


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    runuser = shutil.which("runuser") or shutil.which("setpriv")
    if runuser is None or not _user_exists("postgres"):
        raise SystemExit("pgcluster: running as root needs the 'postgres' user and runuser")
    return [runuser, "-u", "postgres", "--", *command]


def _user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


@contextlib.contextmanager
def throwaway_cluster(bindir: Path, keep_in: Path | None = None, *, durable: bool = False) -> Iterator[str]:
    """Start a private cluster; yield its DATABASE_URL; stop and delete it afterwards.

    With `keep_in` (benchmarks), the cluster lives in that directory and is kept when stopped; a
    directory that already holds one is started again as it is. `durable` keeps fsync, synchronous
    commit and full page writes on, as in production (the fault campaign crashes it on purpose).
    """
    root = keep_in or Path(tempfile.mkdtemp(prefix="sikap-pg-"))
    data, sock = root / "data", root / "sock"
    reuse = keep_in is not None and (data / "PG_VERSION").exists()
    root.mkdir(parents=True, exist_ok=True)
    sock.mkdir(exist_ok=True)
    if os.geteuid() == 0:
        record = pwd.getpwnam("postgres")
        for p in (root, sock):
            os.chown(p, record.pw_uid, record.pw_gid)
    log = root / "server.log"

    # The server user may not be allowed into the caller's working directory: run from the cluster's own.
    def run(command: list[str]) -> list[str]:
        return _as_server_user(command)

    cwd = str(root)
    try:
        if not reuse:
            _initdb(bindir, data, run, cwd)
        # fsync off and a larger shared_buffers: a throwaway test cluster trades durability for speed.
        safety = "on" if durable else "off"
        options = (
            f"-c listen_addresses='' -k {sock} -c fsync={safety} -c synchronous_commit={safety} "
            f"-c full_page_writes={safety} -c max_connections=200 -c shared_buffers=256MB"
        )
        subprocess.run(
            run([str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options, "-w", "start"]),
            check=True,
            stdout=subprocess.DEVNULL,
            cwd=cwd,
        )
        if not reuse:
            subprocess.run(
                run([str(bindir / "createdb"), "-h", str(sock), "-U", DB_USER, DB_NAME]), check=True, cwd=cwd
            )
        yield f"postgres://{DB_USER}@/{DB_NAME}?host={sock}"
    finally:
        if (data / "postmaster.pid").exists():
            subprocess.run(
                run(
                    [
                        str(bindir / "pg_ctl"),
                        "-D",
                        str(data),
                        "-m",
                        "fast" if keep_in else "immediate",
                        "stop",
                    ]
                ),
                check=False,
                stdout=subprocess.DEVNULL,
                cwd=cwd,
            )
        if keep_in is None:
            shutil.rmtree(root, ignore_errors=True)


def restart(bindir: Path, database_url: str, mode: str) -> None:
    """Restart the cluster behind `database_url` with pg_ctl's shutdown `mode` ("fast": roll back and
    disconnect, checkpoint; "immediate": no checkpoint, crash recovery on start), keeping its options."""
    sock = Path(parse_qs(urlsplit(database_url).query)["host"][0])
    root = sock.parent
    command = [str(bindir / "pg_ctl"), "-D", str(root / "data"), "-l", str(root / "server.log"), "-m", mode]
    subprocess.run(
        _as_server_user([*command, "-w", "restart"]), check=True, stdout=subprocess.DEVNULL, cwd=root
    )


def _initdb(bindir: Path, data: Path, run: Callable[[list[str]], list[str]], cwd: str) -> None:
    subprocess.run(
        run(
            [
                str(bindir / "initdb"),
                "-D",
                str(data),
                "-U",
                DB_USER,
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ]
        ),
        check=True,
        stdout=subprocess.DEVNULL,
        cwd=cwd,
    )


def main(argv: list[str]) -> int:
    if "--" in argv:
        argv = argv[argv.index("--") + 1 :]
    if not argv:
        print("usage: python -m sikap.testing.pgcluster -- COMMAND [ARGS]", file=sys.stderr)
        return 2
    bindir = find_bindir()
    if bindir is None:
        banner = "!" * 78
        message = (
            f"\n{banner}\n!! PostgreSQL binaries (initdb, pg_ctl) not found: the PostgreSQL test run is "
            f"SKIPPED.\n!! Install Debian's 'postgresql' package to run it.\n{banner}\n"
        )
        print(message, file=sys.stderr)
        return 1 if os.environ.get("SIKAP_REQUIRE_POSTGRES") == "1" else 0
    with throwaway_cluster(bindir) as url:
        print(f"pgcluster: PostgreSQL from {bindir} at {url}", file=sys.stderr)
        env = {**os.environ, "DATABASE_URL": url}
        return subprocess.run(argv, env=env, check=False).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
