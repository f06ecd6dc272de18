"""Shared fixtures: the bundled seeds, small inline corpora, the local Discord harness."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
BBC = ROOT.parent / "shared" / "bbc-news-summary"

from tests.db_fixtures import db_url, postgres_url  # noqa: E402, F401  (both backends)
from tests.localdiscord_fixtures import *  # noqa: E402, F403  (end-to-end fixtures)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    """A writable copy of the seeds (tests add hostile files to it)."""
    dest = tmp_path / "corpus"
    shutil.copytree(SEEDS, dest)
    return dest


@pytest.fixture(scope="session")
def seed_corpus():
    from bot.corpus import load_corpus

    return load_corpus(SEEDS)


@pytest.fixture(scope="session")
def seed_engine(seed_corpus):
    from bot.engine import Engine

    return Engine(seed_corpus)


def write_corpus(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write ``{relative path: text or bytes}`` under ``root``."""
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    """How many requests the local Discord refused as Discord would (each refusal fails its
    test through the harness unless that test expects it)."""
    from bot.localdiscord.rest import REFUSALS

    if REFUSALS:
        terminalreporter.write_line(f"local Discord refused {len(REFUSALS)} request(s) as "
                                    f"Discord would (all expected by their tests if green)")


@pytest.fixture
def encoder_runs(monkeypatch):
    """Watch a SentenceEncoder's session runs: ``encoder_runs(enc)`` returns the list that
    gets the name of the thread of each run from then on."""
    import threading

    def watch(enc) -> list[str]:
        threads: list[str] = []
        run = enc._run

        def spy(*args, **kwargs):
            threads.append(threading.current_thread().name)
            return run(*args, **kwargs)

        monkeypatch.setattr(enc, "_run", spy)
        return threads

    return watch
