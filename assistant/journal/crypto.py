"""Encryption at rest (opt-in): entry bodies sealed with AES-256-GCM under a key derived from a
passphrase (scrypt), via the `cryptography` package.

Why entry bodies and not SQLCipher: everything people say lives in `entries.data`; sealing that
column keeps the standard `sqlite3` module (WAL, the integrity check, migrations and the tests
all stay as they are) and needs only a wheel that installs anywhere, where SQLCipher needs its
own build of SQLite. What stays readable on disk: kinds, times, partner names and which deck
cards were drawn (deck bookkeeping stays plain so drawing can be queried).

A sealed body is "enc1:" + base64(12-byte nonce + ciphertext); the entry's kind is bound in as
associated data, so a body cannot be moved to another kind unnoticed. The salt, the scrypt
cost and a sealed check value live in the journal's `settings` table.
"""

import base64
import getpass
import json
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from assistant.errors import JournalError

PREFIX = "enc1:"
PASSPHRASE_ENV = "HEARTH_PASSPHRASE"
SCRYPT_N = 2**15  # ~0.1 s and 32 MB per opening: slow to guess, quick enough to start
MIN_PASSPHRASE = 8
_CHECK = b"hearth-journal-key-check"
PLAIN_KINDS = frozenset({"deck_seen", "deck_reset"})  # bookkeeping: queried in SQL, not private


class Sealer:
    """Seals and opens entry bodies with one key."""

    def __init__(self, key: bytes):
        self._aead = AESGCM(key)

    def seal(self, kind: str, text: str) -> str:
        """The stored form of an entry body."""
        if kind in PLAIN_KINDS:
            return text
        nonce = os.urandom(12)
        sealed = self._aead.encrypt(nonce, text.encode("utf-8"), kind.encode("utf-8"))
        return PREFIX + base64.b64encode(nonce + sealed).decode("ascii")

    def open(self, kind: str, stored: str, where: str) -> str:
        """The body as it was saved; plain bodies (saved before encryption) pass through."""
        if not stored.startswith(PREFIX):
            return stored
        raw = base64.b64decode(stored[len(PREFIX):])
        try:
            return self._aead.decrypt(raw[:12], raw[12:], kind.encode("utf-8")).decode("utf-8")
        except InvalidTag as exc:
            raise JournalError("holds an entry that does not open with this key (changed on "
                               "disk?); it was left untouched", where) from exc


def derive_key(passphrase: str, salt: bytes, n: int = SCRYPT_N) -> bytes:
    """A 256-bit key from the passphrase."""
    return Scrypt(salt=salt, length=32, n=n, r=8, p=1).derive(passphrase.encode("utf-8"))


def new_settings(passphrase: str) -> tuple[dict, Sealer]:
    """Settings to store for a newly encrypted journal, and its sealer."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise JournalError(f"a passphrase needs at least {MIN_PASSPHRASE} characters")
    salt = os.urandom(16)
    sealer = Sealer(derive_key(passphrase, salt))
    settings = {"salt": base64.b64encode(salt).decode("ascii"), "n": SCRYPT_N,
                "check": sealer.seal("check", _CHECK.decode("ascii"))}
    return settings, sealer


def sealer_for(settings: dict, passphrase: str, where: str) -> Sealer:
    """The sealer for an encrypted journal; a wrong passphrase is one clear error."""
    key = derive_key(passphrase, base64.b64decode(settings["salt"]), int(settings["n"]))
    sealer = Sealer(key)
    try:
        sealer.open("check", settings["check"], where)
    except JournalError as exc:
        raise JournalError("is encrypted and that passphrase does not open it; try again "
                           f"(or set {PASSPHRASE_ENV})", where) from exc
    return sealer


def ask_passphrase(where: str, confirm: bool = False) -> str:
    """The passphrase from HEARTH_PASSPHRASE, else asked on the terminal (never echoed)."""
    given = os.environ.get(PASSPHRASE_ENV)
    if given:
        return given
    if not _has_terminal():
        raise JournalError(f"is encrypted; set {PASSPHRASE_ENV} or run from a terminal to be "
                           "asked for the passphrase", where)
    first = getpass.getpass("Journal passphrase: ")
    if confirm and getpass.getpass("Once more: ") != first:
        raise JournalError("the two passphrases differ; nothing was changed", where)
    return first


def _has_terminal() -> bool:
    try:
        with open("/dev/tty"):
            return True
    except OSError:
        return False


def dumps(settings: dict) -> str:
    """Settings as stored text."""
    return json.dumps(settings)
