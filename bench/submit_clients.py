"""Browser-like clients and CPU accounting of the submission benchmark (bench/submit.py)."""

from __future__ import annotations

import http.client
import itertools
import os
import random
import re
import subprocess
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

CEILING_PATH = "/bench/ceiling/"
HOST = "127.0.0.1"
# Each new respondent connects from its own loopback address (127.1.0.0/16, all of 127/8 is this machine),
# as respondents on their own phones do: one address for every client would make the per-network counts
# (rate limit, repeat signal) grow with the load, which no real deployment sees. --one-address restores it.
SPREAD = {"on": True}
_ADDRESSES = itertools.count(1)
_ADDRESS_LOCK = threading.Lock()


def next_address() -> tuple[str, int]:
    with _ADDRESS_LOCK:
        n = next(_ADDRESSES) % 65_000 + 1
    return (f"127.1.{n // 256}.{n % 256}", 0)


# --------------------------------------------------------------------------------------------- clients


@dataclass
class Window:
    """The measured interval (time.monotonic): after the warm-up, for `duration` seconds."""

    start: float
    stop: float

    def holds(self, moment: float) -> bool:
        return self.start <= moment <= self.stop


@dataclass
class Tally:
    """One client thread's results, merged after the run."""

    latencies: dict[str, list[float]] = field(default_factory=dict)
    accepted_in_window: int = 0
    requests_in_window: int = 0
    accepted_keys: list[str] = field(default_factory=list)
    unanswered_keys: list[str] = field(default_factory=list)  # POSTs that got no answer at all
    errors: Counter[str] = field(default_factory=Counter)
    resent: int = 0  # requests resent after the server had closed an idle kept-alive connection
    resends: int = 0  # POSTs of the same form sent again after an error (Pace.resend)
    respondents: list[float] = field(default_factory=list)  # seconds from arrival to the thank-you page
    accepted_at: list[float] = field(default_factory=list)  # time.monotonic() of each 302 to thanks
    failed_at: list[float] = field(default_factory=list)  # time.monotonic() of each error

    def record(self, kind: str, window: Window, started: float, ended: float) -> bool:
        inside = window.holds(ended)
        if inside:
            self.latencies.setdefault(kind, []).append(ended - started)
            self.requests_in_window += 1
        return inside

    def fail(self, kind: str) -> None:
        self.errors[kind] += 1
        self.failed_at.append(time.monotonic())

    def merge(self, other: Tally) -> None:
        for kind, values in other.latencies.items():
            self.latencies.setdefault(kind, []).extend(values)
        self.accepted_in_window += other.accepted_in_window
        self.requests_in_window += other.requests_in_window
        self.accepted_keys += other.accepted_keys
        self.unanswered_keys += other.unanswered_keys
        self.errors.update(other.errors)
        self.resent += other.resent
        self.resends += other.resends
        self.respondents += other.respondents
        self.accepted_at += other.accepted_at
        self.failed_at += other.failed_at


class Browser:
    """Just enough of a browser: one keep-alive connection (reopened when the server closes it), cookies."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.conn = self._connection()
        self.cookies: dict[str, str] = {}
        self.retries = 0

    def _connection(self) -> http.client.HTTPConnection:
        source = next_address() if SPREAD["on"] else None
        return http.client.HTTPConnection(HOST, self.port, timeout=60, source_address=source)

    def forget(self) -> None:
        """A new respondent: a browser that has never seen this site (and, spread, a network of its own)."""
        self.cookies = {}
        if SPREAD["on"]:
            self.conn.close()
            self.conn = self._connection()

    def send(
        self, method: str, path: str, body: str | None = None
    ) -> tuple[int, http.client.HTTPResponse, bytes, float, float]:
        headers = {"User-Agent": "sikap-bench", "Accept": "text/html"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.monotonic()
        for attempt in (1, 2):
            reused = self.conn.sock is not None
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                data = response.read()
                break
            except (ConnectionError, http.client.RemoteDisconnected):
                self.conn.close()
                # The server closed a kept-alive connection while it sat idle (a respondent thinking):
                # browsers then resend on a new connection, and so do we. The idempotency key makes a
                # resent POST safe even if the first one did arrive.
                if not reused or attempt == 2:
                    raise
                self.retries += 1
            except (OSError, http.client.HTTPException):
                self.conn.close()
                raise
        ended = time.monotonic()
        for header in response.headers.get_all("Set-Cookie") or []:
            jar: SimpleCookie = SimpleCookie()
            jar.load(header)
            self.cookies.update({name: morsel.value for name, morsel in jar.items()})
        return response.status, response, data, started, ended


INPUT = re.compile(r"<input\b([^>]*)>")
SELECT = re.compile(r'<select\b[^>]*\bname="([^"]+)"[^>]*>(.*?)</select>', re.S)
OPTION = re.compile(r'<option value="([^"]+)"')
ATTR = re.compile(r'([\w-]+)="([^"]*)"')


def answer(html: str, serial: int) -> tuple[str, str]:
    """The POST body a respondent's browser sends for this form, and its idempotency key."""
    start = html.index('<form method="post" action="/s/')  # the survey form, not the language switcher
    form = html[start : html.index("</form>", start)]
    fields: dict[str, str] = {}
    radios: dict[str, list[str]] = {}
    for tag in INPUT.findall(form):
        attrs = dict(ATTR.findall(tag))
        name = attrs.get("name", "")
        if attrs.get("type") == "hidden":
            fields[name] = attrs.get("value", "")
        elif attrs.get("type") == "radio":
            radios.setdefault(name, []).append(attrs["value"])
    for n, (name, values) in enumerate(radios.items()):
        # Varied answers (top, top - 1, ...), so the straight-lining rule has nothing to find.
        fields[name] = values[-1 - (n + serial) % 2] if len(values) > 1 else values[0]
    for name, options in SELECT.findall(form):
        values = OPTION.findall(options)
        fields[name] = values[serial % len(values)]
    fields.update(age=str(20 + serial % 50), suggestion=f"Saran uji beban nomor {serial}.")
    return urlencode(fields), fields["key"]


@dataclass
class Pace:
    """How a respondent behaves: mean think time between loading and sending the form, and how many times
    it resends the same form (same idempotency key) after an error page or a dropped connection, as a
    person pressing "send" again would."""

    think: float = 0.0
    resend: int = 0
    resend_after: float = 0.5  # seconds before resending


def respond(
    browser: Browser,
    form_path: str,
    window: Window,
    tally: Tally,
    serial: int,
    pace: Pace,
    rng: random.Random,
    scheduled: float | None = None,
) -> None:
    """One new respondent: load the form, answer, send (resending on errors if `pace` says so), follow the
    302 to the thank-you page. With `scheduled` (open loop), the form's latency and the respondent's run
    from that moment, not from when the request could be sent: no coordinated omission."""
    browser.forget()
    key = ""
    try:
        status, _r, html, started, ended = browser.send("GET", form_path)
        first = started if scheduled is None else scheduled
        tally.record("GET form", window, first, ended)
        if status != 200:
            tally.fail(f"GET form -> {status}")
            return
        body, key = answer(html.decode(), serial)
        if pace.think:  # a person reading and answering: 0.5 to 1.5 times the mean time
            time.sleep(pace.think * rng.uniform(0.5, 1.5))
        for attempt in range(pace.resend + 1):
            if attempt:
                time.sleep(pace.resend_after)
                tally.resends += 1
            try:
                status, response, _d, started, ended = browser.send("POST", form_path, body)
            except (OSError, http.client.HTTPException) as error:
                tally.fail(f"POST form: {type(error).__name__}")
                continue
            inside = tally.record("POST form", window, started, ended)
            location = response.getheader("Location", "")
            if status == 302 and "/terima-kasih/" in location:
                tally.accepted_keys.append(key)
                tally.accepted_in_window += inside
                tally.accepted_at.append(ended)
                key = ""
                break
            tally.fail(f"POST form -> {status}")
            if status < 500:  # a refusal (400, 403, 429) is not cured by sending again
                break
        if key:
            tally.unanswered_keys.append(key)
            return
        status, _r, _d, started, ended = browser.send("GET", urlsplit(location).path)
        tally.record("GET thanks", window, started, ended)
        if status != 200:
            tally.fail(f"GET thanks -> {status}")
        elif window.holds(ended):
            tally.respondents.append(ended - first)
    except (OSError, http.client.HTTPException) as error:
        tally.fail(type(error).__name__)
        if key:
            tally.unanswered_keys.append(key)


def respondent(
    port: int, form_path: str, window: Window, tally: Tally, serials: Counter[str], pace: Pace
) -> None:
    """Closed loop: one client, one new respondent after another until the window closes."""
    browser = Browser(port)
    name = threading.current_thread().name
    rng = random.Random(name)
    while time.monotonic() < window.stop:
        serials[name] += 1
        respond(browser, form_path, window, tally, serials[name], pace, rng)
    tally.resent += browser.retries


class Arrivals:
    """Open loop: respondent i arrives at `start + i / rate`, whether or not earlier ones are done."""

    def __init__(self, start: float, rate: float, stop: float) -> None:
        self.start, self.rate, self.stop = start, rate, stop
        self.lock = threading.Lock()
        self.next = 0

    def take(self) -> float | None:
        """The scheduled moment of the next arrival not yet taken, or None when the window is over."""
        with self.lock:
            moment = self.start + self.next / self.rate
            self.next += 1
        return moment if moment <= self.stop else None


def arrival_worker(
    port: int, form_path: str, window: Window, tally: Tally, arrivals: Arrivals, pace: Pace
) -> None:
    """One of a pool of threads serving the arrivals' schedule (a pool large enough that an arrival waits
    for a thread only when the server is saturated, which the latency from the schedule then shows)."""
    browser = Browser(port)
    rng = random.Random(threading.current_thread().name)
    while (moment := arrivals.take()) is not None:
        time.sleep(max(0.0, moment - time.monotonic()))
        respond(browser, form_path, window, tally, int(moment * 1000), pace, rng, scheduled=moment)
    tally.resent += browser.retries


# -------------------------------------------------------------------------------------------- CPU use


def _proc_ticks(pid: int, *, reaped: bool = False) -> int:
    """utime + stime of a process; with `reaped`, also of its children that have exited (and been waited
    for): a database backend closed during the window (DB_CONN_MAX_AGE) keeps counting."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0
    ticks = int(fields[11]) + int(fields[12])
    return ticks + int(fields[13]) + int(fields[14]) if reaped else ticks


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry.name))
            except (OSError, IndexError, ValueError):
                continue
    return found


def cpu_snapshot(gunicorn_pid: int, postmaster_pid: int | None) -> dict[str, float]:
    """Busy CPU seconds so far: the whole machine, this client process, gunicorn, PostgreSQL."""
    hz = os.sysconf("SC_CLK_TCK")
    total = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = total[3] + total[4]
    times = os.times()

    def tree(pid: int | None) -> float:
        if pid is None:
            return 0.0
        return (_proc_ticks(pid, reaped=True) + sum(_proc_ticks(p) for p in _children(pid))) / hz

    return {
        "machine": (sum(total[:8]) - idle) / hz,
        "clients": times.user + times.system,
        "gunicorn": tree(gunicorn_pid),
        "postgres": tree(postmaster_pid),
    }


def postmaster_of(database_url: str) -> int | None:
    socket_dir = parse_qs(urlsplit(database_url).query).get("host", [""])[0]
    pid_file = Path(socket_dir).parent / "data" / "postmaster.pid"
    try:
        return int(pid_file.read_text().split("\n", 1)[0])
    except (OSError, ValueError):
        return None


# -------------------------------------------------------------------------------------------- machine


def postgres_version(bindir: Path) -> str:
    out = subprocess.run([str(bindir / "postgres"), "--version"], capture_output=True, text=True, check=False)
    return out.stdout.strip()


def _ram() -> str:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return f"{int(line.split()[1]) / 1024 / 1024:.0f} GiB"
    return "?"


def _version(package: str) -> str:
    from importlib.metadata import version

    return version(package)
