"""Build the real BriefBot for end-to-end tests (after the local Discord is redirected)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from bot.client import EXTENSIONS, BriefBot
from bot.config import Settings
from bot.engine import Engine


def bot_factory(tmp_path: Path, corpus_dir: Path, *, engine: Engine | None = None,
                extensions: Iterable[str] = EXTENSIONS, **settings: object
                ) -> Callable[[], BriefBot]:
    values: dict[str, object] = {
        "corpus_dir": corpus_dir,
        "database_url": f"sqlite:///{tmp_path / 'briefbot.sqlite3'}",
        "corpus_rescan_seconds": 0,
        **settings,
    }
    config = Settings(**values)  # type: ignore[arg-type]

    def make() -> BriefBot:
        return BriefBot(config, engine=engine, extensions=extensions, guild_ready_timeout=0.05)

    return make
