"""Shared by the workflow tests (cases, outbox, digest): a real store per test, on SQLite (a
file) and on PostgreSQL when CIVILITY_TEST_POSTGRES_URL names a server (`.ci/run` starts one)."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from civility.store import Store
from civility.store.sql import SqlStore

BACKENDS = ["sqlite", "postgres"]


async def fresh_store(backend: str, tmp_path: Path) -> Store:
    """A new, empty store (not opened): a SQLite file, or a new PostgreSQL database."""
    if backend == "sqlite":
        return SqlStore(f"sqlite:///{tmp_path / 'civility.db'}")
    url = os.environ.get("CIVILITY_TEST_POSTGRES_URL")
    if not url:
        pytest.skip("CIVILITY_TEST_POSTGRES_URL is not set (no PostgreSQL server)")
    import sqlalchemy as sa
    from sqlalchemy.ext.asyncio import create_async_engine

    from civility.store.sql import async_url

    name = f"civility_wf_{uuid.uuid4().hex[:12]}"
    admin = create_async_engine(async_url(url), isolation_level="AUTOCOMMIT")
    async with admin.connect() as conn:
        await conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    await admin.dispose()
    return SqlStore(url.rsplit("/", 1)[0] + "/" + name)


@pytest.fixture(params=BACKENDS)
async def sql_store(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Store]:
    """An open, empty store on each real backend."""
    store = await fresh_store(request.param, tmp_path)
    await store.open()
    yield store
    await store.close()
