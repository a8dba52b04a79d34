"""The key that makes reporter hashes, kept outside the database.

A report is stored with ``HMAC-SHA256(key, member key)``, never with the reporter. Member keys
are few and guessable, so whoever holds the key can test "did this member report that?"; the
key therefore never goes into the database: someone holding only the database (a backup, a
stolen file, a curious admin of a shared PostgreSQL) cannot link a report to anyone.

Where the key comes from, first found wins:

1. the environment variable ``CIVILITY_REPORTER_KEY`` (a secret, like the bot tokens);
2. a key file, created on first run with 0600 permissions: for an SQLite store, next to the
   database file (``civility.db`` → ``civility.db.reporter-key``); for PostgreSQL, in the
   directory of the config file (``civility-reporter.key``), or the working directory when
   there is no config file;
3. for ``memory://`` stores, a random key for the life of the process.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import stat
from pathlib import Path

import structlog

log = structlog.get_logger()

ENV = "CIVILITY_REPORTER_KEY"
FILE_SUFFIX = ".reporter-key"
CONFIG_DIR_FILE = "civility-reporter.key"

_PROCESS_KEY = secrets.token_bytes(32)


def key_path(store_url: str, config_source: str = "") -> Path | None:
    """Where the key file for this store lives (None: a memory store, no file)."""
    if store_url.startswith("memory:"):
        return None
    # Imported here: every command (and `--help`) imports this module, few open a SQL store.
    from sqlalchemy.engine import make_url

    try:
        url = make_url(store_url)
    except Exception:  # not an SQLAlchemy URL: the config's directory
        url = None
    if url is not None and url.get_backend_name() == "sqlite":
        database = url.database or ""
        if database and database != ":memory:" and not database.startswith("file:"):
            return Path(database + FILE_SUFFIX)
        return None
    config = Path(config_source) if config_source and not config_source.startswith("<") \
        else None
    return (config.parent if config else Path.cwd()) / CONFIG_DIR_FILE


def load_key(store_url: str, config_source: str = "", *, create: bool = True) -> bytes | None:
    """The reporter key; with ``create``, a new key file is made when none exists. Without
    it (read-only commands), None when there is no key yet: then no report was ever hashed."""
    from_env = os.environ.get(ENV, "")
    if from_env:
        return from_env.encode("utf-8", "surrogatepass")
    path = key_path(store_url, config_source)
    if path is None:
        return _PROCESS_KEY
    if path.exists():
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            path.chmod(0o600)
            log.warning("reporter_key_permissions_fixed", path=str(path), was=oct(mode))
        return path.read_bytes().strip()
    if not create:
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32).encode()
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first: use theirs
        return path.read_bytes().strip()
    with os.fdopen(fd, "wb") as out:
        out.write(key + b"\n")
    log.info("reporter_key_created", path=str(path))
    return key


def reporter_hash(key: bytes, member_key: str) -> str:
    """What the store keeps of a reporter: an HMAC of their member key."""
    digest = hmac.new(key, member_key.encode("utf-8", "surrogatepass"), hashlib.sha256)
    return digest.hexdigest()[:32]


def reporter_hash_for(store_url: str, config_source: str, member_key: str) -> str | None:
    """The hash this store's reports would carry for a member (for export and erasure);
    None when no key exists yet."""
    key = load_key(store_url, config_source, create=False)
    return reporter_hash(key, member_key) if key is not None else None
