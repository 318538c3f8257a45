"""Settings for the submission benchmark: the production settings plus a ceiling URL and open rate limits.

Every benchmark client comes from 127.0.0.1, so the per-network rate limit (60 per 10 minutes) would answer
429 within a second. The limits are raised so that the benchmark measures storing, not refusing; the
integrity signals still run and still mark most benchmark submissions suspect, which costs the same.
"""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.ceiling_urls"
SIKAP_INTEGRITY_RULES = {
    "device_limit_per_10_min": 10**9,
    "network_limit_per_10_min": 10**9,
}
