"""Database fixtures: every store, digest and multi-process test runs on SQLite and on
PostgreSQL.

PostgreSQL comes from ``BRIEFBOT_TEST_POSTGRES_URL`` (``.ci/run`` starts a server and
sets it). Without a reachable server those tests skip and say why, except in CI
(``CI=true``), where a missing server is a failure: CI must not pass by skipping them.
Each test gets a schema of its own in that database, dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.exc import SQLAlchemyError

POSTGRES_ENV = "BRIEFBOT_TEST_POSTGRES_URL"
BACKENDS = ("sqlite", "postgresql")


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"PostgreSQL tests cannot run in CI: {reason}", pytrace=False)
    pytest.skip(f"PostgreSQL tests skipped: {reason}")


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """The test server's URL, checked once per session."""
    url = os.environ.get(POSTGRES_ENV, "").strip()
    if not url:
        _unavailable(f"{POSTGRES_ENV} is not set (.ci/run starts a server and sets it)")
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except SQLAlchemyError as exc:
        _unavailable(f"cannot connect to {make_url(url).render_as_string()}: "
                     f"{getattr(exc, 'orig', exc)}")
    finally:
        engine.dispose()
    yield url


def postgres_schema_url(server_url: str) -> tuple[str, str]:
    """A fresh schema on the server, and a URL whose connections work in it."""
    schema = f"t_{uuid.uuid4().hex[:16]}"
    engine = create_engine(server_url)
    with engine.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()
    separator = "&" if "?" in server_url else "?"
    return f"{server_url}{separator}options={quote(f'-csearch_path={schema}')}", schema


def drop_postgres_schema(server_url: str, schema: str) -> None:
    engine = create_engine(server_url)
    with engine.begin() as conn:
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    engine.dispose()


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database: a SQLite file, or a PostgreSQL schema of its own."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'briefbot.sqlite3'}"
        return
    server = request.getfixturevalue("postgres_url")
    url, schema = postgres_schema_url(server)
    try:
        yield url
    finally:
        drop_postgres_schema(server, schema)
