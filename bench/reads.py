"""The reads the indices benchmark times: national and Kanwil roll-ups, the Kanwil page and the dashboards."""

from __future__ import annotations

import datetime
import statistics
import time
from collections.abc import Callable
from typing import Any

KANWIL = "kanwil-jabar"  # the largest Kanwil


def timed(fn: Callable[[], Any], runs: int, warmup: int) -> dict[str, float]:
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return {"median_ms": statistics.median(samples), "min_ms": min(samples), "max_ms": max(samples)}


def measure_reads(period: Any, runs: int, warmup: int) -> dict[str, Any]:
    from django.test import Client

    from sikap.accounts.models import User
    from sikap.indices import read
    from sikap.indices.queries import unit_index, version_for
    from sikap.organisation.models import Unit

    all_ids = list(Unit.objects.values_list("pk", flat=True))
    kanwil = Unit.objects.get(code=KANWIL)
    today = datetime.date.today()
    reads: dict[str, Any] = {}
    for code in ("SKM", "SPKP"):
        version = version_for(code, period)
        if version is None:
            continue
        result = read.result(read.Scope(all_ids, period, version))
        if not result.respondents:
            continue
        national = read.Scope(all_ids, period, version)
        reads[f"national {code}"] = timed(lambda s=national: read.result(s), runs, warmup)
        reads[f"national {code}"]["respondents"] = result.respondents
        reads[f"national {code}"]["score"] = result.score
    skm = version_for("SKM", period)
    reads["kanwil unit_index"] = timed(
        lambda: unit_index(kanwil, period, skm, subtree=True, today=today), runs, warmup
    )
    client = Client()
    client.force_login(
        User.objects.get(username="admin"), backend="django.contrib.auth.backends.ModelBackend"
    )
    query = f"?periode={period.pk}&instrumen=SKM"
    pages = {"kanwil page": f"/indeks/unit/{KANWIL}/{query}", **dashboard_urls(period, query)}
    for name, url in pages.items():
        response = client.get(url)
        if response.status_code == 200:
            reads[name] = timed(lambda url=url: client.get(url), runs, warmup)
        else:
            reads[name] = {"error": f"HTTP {response.status_code}"}
    return reads


def dashboard_urls(period: Any, query: str) -> dict[str, str]:
    """The dashboards: the ministry, the Kanwil, its busiest unit, and that unit's busiest service."""
    from django.db.models import Count

    from sikap.organisation.models import Unit
    from sikap.responses.models import Submission

    kanwil = Unit.objects.get(code=KANWIL)
    busiest = (
        Submission.objects.filter(period=period, unit__path__startswith=kanwil.path, service__isnull=False)
        .exclude(unit=kanwil)
        .values("unit__code", "service_id")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    urls = {"dashboard ministry": f"/dasbor/{query}", "dashboard kanwil": f"/dasbor/{KANWIL}/{query}"}
    if busiest is not None:
        unit = busiest["unit__code"]
        urls["dashboard unit"] = f"/dasbor/{unit}/{query}"
        urls["dashboard service"] = f"/dasbor/{unit}/layanan/{busiest['service_id']}/{query}"
    return urls
