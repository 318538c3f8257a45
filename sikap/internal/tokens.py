"""One-time invitation tokens: drawn at random, typed from paper or followed from an e-mail, stored hashed.

A token has 10 characters from the service codes' alphabet without look-alikes (31^10, about 8e14), shown
as two groups of five. Only its SHA-256 is stored: a copy of the database cannot answer for anyone, and
the token itself lives only in the e-mail or on the printed slip.
"""

from __future__ import annotations

import hashlib
import secrets

from sikap.responses.codes import ALPHABET

LENGTH = 10


def new_token() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise(raw: str) -> str:
    """What a person typed, as the token: case, spaces and dashes do not matter."""
    return "".join(ch for ch in str(raw).upper() if ch not in " -\t\r\n")[:64]


def shown(token: str) -> str:
    """The token as printed: ABCDE-FGHJK."""
    return f"{token[:5]}-{token[5:]}" if len(token) == LENGTH else token


def hash_token(raw: str) -> str:
    return hashlib.sha256(normalise(raw).encode()).hexdigest()


def looks_valid(raw: str) -> bool:
    token = normalise(raw)
    return len(token) == LENGTH and all(ch in ALPHABET for ch in token)
