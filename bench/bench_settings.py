"""Settings for the submission benchmark: the production settings plus a ceiling URL.

Every benchmark client comes from 127.0.0.1, so the per-network rate limit (60 per 10 minutes) would answer
429 within a second: bench/submit.py opens the limits of the benchmark's own period (rules are data kept
with each period), so the benchmark measures storing, not refusing.
"""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.ceiling_urls"
