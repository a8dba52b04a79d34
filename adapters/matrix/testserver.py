"""A throwaway Synapse homeserver on 127.0.0.1, for the adapter's tests and benchmark.

Needs ``matrix-synapse`` installed (the ``test`` extra). SQLite, no federation, registration by
shared secret only, rate limits raised (matrix-nio sleeps on every 429, which would make tests
slow rather than failing them), presence and URL previews off.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import importlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

SERVER_NAME = "localhost"
SHARED_SECRET = "civility-test-shared-secret"  # noqa: S105 - a throwaway loopback server
_BIG = {"per_second": 10_000, "burst_count": 10_000}
_RATE_LIMITS = ("rc_message", "rc_registration", "rc_joins_per_room", "rc_invites",
                "rc_3pid_validation", "rc_admin_redaction", "rc_presence",
                "rc_delayed_event_mgmt", "rc_reports")


def _config(port: int, data: Path) -> dict[str, Any]:
    config: dict[str, Any] = {
        "server_name": SERVER_NAME,
        "public_baseurl": f"http://127.0.0.1:{port}/",
        "pid_file": str(data / "homeserver.pid"),
        "listeners": [{"port": port, "bind_addresses": ["127.0.0.1"], "type": "http",
                       "tls": False, "x_forwarded": False,
                       "resources": [{"names": ["client"], "compress": False}]}],
        "database": {"name": "sqlite3", "args": {"database": str(data / "homeserver.db")}},
        "media_store_path": str(data / "media"),
        "signing_key_path": str(data / "signing.key"),
        "log_config": str(data / "log.yaml"),
        "report_stats": False,
        "trusted_key_servers": [],
        "suppress_key_server_warning": True,
        "enable_registration": False,
        "registration_shared_secret": SHARED_SECRET,
        "bcrypt_rounds": 4,
        "use_presence": False,
        "presence": {"enabled": False},
        "url_preview_enabled": False,
        "enable_metrics": False,
        "rc_login": {"address": _BIG, "account": _BIG, "failed_attempts": _BIG},
        "rc_joins": {"local": _BIG, "remote": _BIG},
        "rc_invites": {"per_room": _BIG, "per_user": _BIG, "per_issuer": _BIG},
    }
    for name in _RATE_LIMITS:
        config.setdefault(name, _BIG)
    return config


_LOG_CONFIG = """version: 1
formatters:
  plain: {format: '%(asctime)s %(name)s %(levelname)s %(message)s'}
handlers:
  file: {class: logging.FileHandler, filename: LOGFILE, formatter: plain}
root: {level: WARNING, handlers: [file]}
disable_existing_loggers: false
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _write_signing_key(path: Path) -> None:
    # Writing the key ourselves saves Synapse's slow --generate-keys start.
    key = importlib.import_module("signedjson.key")
    with path.open("w") as out:
        key.write_signing_keys(out, [key.generate_signing_key("a_civ")])


@attrs.frozen
class TestUser:
    user_id: str
    access_token: str
    password: str


@attrs.define
class Synapse:
    """A running homeserver; `base_url` is where clients connect."""

    base_url: str
    process: subprocess.Popen[bytes]
    data: Path
    _counter: int = 0

    def register(self, name: str, *, admin: bool = False) -> TestUser:
        """A new account by shared-secret registration (the admin API Synapse keeps for this)."""
        nonce = _get(f"{self.base_url}/_synapse/admin/v1/register")["nonce"]
        password = f"pw-{name}"
        mac = hmac.new(SHARED_SECRET.encode(), digestmod=hashlib.sha1)
        mac.update("\x00".join([nonce, name, password, "admin" if admin else "notadmin"]).encode())
        body = {"nonce": nonce, "username": name, "password": password, "admin": admin,
                "mac": mac.hexdigest()}
        reply = _post(f"{self.base_url}/_synapse/admin/v1/register", body)
        return TestUser(reply["user_id"], reply["access_token"], password)

    async def aregister(self, name: str, *, admin: bool = False) -> TestUser:
        return await asyncio.to_thread(self.register, name, admin=admin)

    def unique(self, prefix: str) -> str:
        self._counter += 1
        return f"{prefix}{self._counter}_{os.getpid()}"

    def stop(self) -> None:
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def _get(url: str) -> dict[str, Any]:
    with urllib.request.urlopen(url, timeout=10) as reply:  # noqa: S310 - loopback only
        data: dict[str, Any] = json.load(reply)
        return data


def _post(url: str, body: dict[str, Any]) -> dict[str, Any]:
    request = urllib.request.Request(url, json.dumps(body).encode(), method="POST",  # noqa: S310
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as reply:  # noqa: S310
        data: dict[str, Any] = json.load(reply)
        return data


def start_synapse(data: Path, *, ready_timeout: float = 60.0) -> Synapse:
    """Start Synapse in its own process session and return once the client API answers."""
    data.mkdir(parents=True, exist_ok=True)
    port = free_port()
    (data / "log.yaml").write_text(_LOG_CONFIG.replace("LOGFILE", str(data / "homeserver.log")))
    _write_signing_key(data / "signing.key")
    (data / "homeserver.yaml").write_text(json.dumps(_config(port, data), indent=1))  # JSON is YAML
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # otherwise every start recompiles Synapse (~10 s)
    with (data / "stdout.log").open("wb") as out:  # the child keeps its own copy
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and config
            [sys.executable, "-m", "synapse.app.homeserver", "-c", str(data / "homeserver.yaml")],
            cwd=data, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    server = Synapse(f"http://127.0.0.1:{port}", process, data)
    deadline = time.monotonic() + ready_timeout
    while True:
        if process.poll() is not None:
            log = (data / "stdout.log").read_text(errors="replace")[-2000:]
            raise RuntimeError(f"Synapse exited with {process.returncode}: {log}")
        try:
            _get(f"{server.base_url}/_matrix/client/versions")
            return server
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            if time.monotonic() > deadline:
                server.stop()
                raise RuntimeError("Synapse did not answer in time") from None
            time.sleep(0.05)


@contextlib.contextmanager
def running_synapse(data: Path) -> Iterator[Synapse]:
    server = start_synapse(data)
    try:
        yield server
    finally:
        server.stop()
