"""Settings: ``.env`` via python-dotenv, the environment overrides it, validated once.

Every setting is documented in ``.env.example``. Validation errors name the
variable and say what to fix; the token is never part of any message or repr.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dotenv import dotenv_values

log = logging.getLogger(__name__)

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BUNDLED_SEEDS = PROJECT_ROOT / "seeds"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
#: overrides briefbot's cache folder (tests point it at a temporary folder)
CACHE_ENV = "BRIEFBOT_CACHE_DIR"


def user_cache_path() -> Path:
    """briefbot's own cache folder (the built gazetteer, checked-spec markers, entity
    labels): ``$BRIEFBOT_CACHE_DIR``, else the user cache dir (``~/.cache/briefbot`` on
    Linux, honouring ``XDG_CACHE_HOME``)."""
    override = os.environ.get(CACHE_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("briefbot", appauthor=False))


class ConfigError(Exception):
    """A setting is missing or invalid; the message says which and how to fix it."""


@dataclass(frozen=True)
class Settings:
    discord_token: str = field(default="", repr=False)
    corpus_dir: Path = BUNDLED_SEEDS
    dev_guild_id: int | None = None
    log_level: str = "INFO"
    max_file_bytes: int = 5 * 1024 * 1024
    database_url: str = field(default_factory=lambda: default_database_url())
    digest_grace_minutes: int = 120
    default_timezone: str = "UTC"
    corpus_rescan_seconds: int = 300
    cache_dir: Path | None = None
    allow_private_urls: bool = False
    feed_poll_seconds: int = 600
    #: shards in all (None: Discord's recommendation, all of them in this process)
    shard_count: int | None = None
    #: the shards this process runs (None: all of them)
    shard_ids: tuple[int, ...] | None = None

    def owns_guild(self, guild_id: int) -> bool:
        """Whether this process runs the shard holding the server (its digest is ours)."""
        if self.shard_ids is None or self.shard_count is None:
            return True
        return shard_of(guild_id, self.shard_count) in self.shard_ids

    def __repr__(self) -> str:  # never show the token, even in a debugger or traceback
        shown = ", ".join(
            f"{k}={v!r}" for k, v in self.__dict__.items() if k != "discord_token"
        )
        token = "set" if self.discord_token else "unset"
        return f"Settings(discord_token=<{token}>, {shown})"


def default_database_url() -> str:
    """SQLite in the user's data directory (``~/.local/share/briefbot`` on Linux), not the
    current folder: the bot finds its settings whichever folder it is started from."""
    from platformdirs import user_data_path

    return f"sqlite:///{user_data_path('briefbot', appauthor=False) / 'briefbot.sqlite3'}"


def prepare_database(url: str) -> None:
    """Create the folder of a SQLite file URL (SQLite creates the file, not its folder)."""
    prefix = "sqlite:///"
    if url.startswith(prefix) and url[len(prefix):] not in ("", ":memory:"):
        Path(url[len(prefix):]).expanduser().parent.mkdir(parents=True, exist_ok=True)


def shard_of(guild_id: int, shard_count: int) -> int:
    """Discord's rule: the shard that receives a server's events."""
    return (guild_id >> 22) % shard_count


def parse_shards(count_raw: str | int | None, ids_raw: str | None,
                 ) -> tuple[int | None, tuple[int, ...] | None]:
    """SHARD_COUNT / SHARD_IDS (or --shard-count / --shard-ids) checked together."""
    count: int | None = None
    text = str(count_raw).strip() if count_raw is not None else ""
    if text:
        if not text.isdigit() or int(text) < 1:
            raise ConfigError(f"SHARD_COUNT must be a whole number of at least 1, got {text!r}")
        count = int(text)
    ids_text = (ids_raw or "").strip()
    if not ids_text:
        return count, None
    if count is None:
        raise ConfigError("SHARD_IDS needs SHARD_COUNT: the ids only mean something out of a "
                          "known number of shards")
    parts = [p.strip() for p in ids_text.replace(" ", ",").split(",") if p.strip()]
    if not all(p.isdigit() for p in parts):
        raise ConfigError(f"SHARD_IDS must be shard numbers separated by commas, e.g. 0,1; "
                          f"got {ids_text!r}")
    ids = tuple(sorted({int(p) for p in parts}))
    outside = [i for i in ids if i >= count]
    if outside:
        raise ConfigError(f"SHARD_IDS {', '.join(map(str, outside))} not below SHARD_COUNT "
                          f"{count}: shards are numbered 0 to {count - 1}")
    return count, ids


def _default_corpus() -> Path:
    cwd_seeds = Path.cwd() / "seeds"
    return cwd_seeds if cwd_seeds.is_dir() else BUNDLED_SEEDS


def _int(env: dict[str, str], name: str, default: int, *, minimum: int = 0) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, got {raw!r}") from None
    if value < minimum:
        raise ConfigError(f"{name} must be at least {minimum}, got {value}")
    return value


def _bool(env: dict[str, str], name: str, default: bool) -> bool:
    raw = env.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in ("1", "true", "yes", "on"):
        return True
    if raw in ("0", "false", "no", "off"):
        return False
    raise ConfigError(f"{name} must be true or false, got {raw!r}")


def read_environment(env_file: Path | str | None = ".env") -> dict[str, str]:
    """``.env`` values overlaid by the process environment (the environment wins)."""
    values: dict[str, str] = {}
    if env_file is not None and Path(env_file).is_file():
        values.update({k: v for k, v in dotenv_values(env_file).items() if v is not None})
    values.update(os.environ)
    return values


def load_settings(
    *,
    corpus_dir: Path | str | None = None,
    env_file: Path | str | None = ".env",
    require_token: bool = False,
    env: dict[str, str] | None = None,
    shard_count: int | None = None,
    shard_ids: str | None = None,
) -> Settings:
    """Read and validate settings; ``corpus_dir`` (the --corpus flag) beats CORPUS_DIR,
    ``shard_count``/``shard_ids`` (--shard-count/--shard-ids) beat SHARD_COUNT/SHARD_IDS."""
    env = read_environment(env_file) if env is None else env
    token = env.get("DISCORD_TOKEN", "").strip()
    if require_token and not token:
        raise ConfigError(
            "DISCORD_TOKEN is not set: put it in .env (see .env.example), "
            "or try the bot without Discord: `briefbot offline`"
        )
    corpus = Path(corpus_dir) if corpus_dir else (
        Path(env["CORPUS_DIR"]) if env.get("CORPUS_DIR", "").strip() else _default_corpus()
    )
    guild_raw = env.get("DEV_GUILD_ID", "").strip()
    dev_guild: int | None = None
    if guild_raw:
        if not guild_raw.isdigit():
            raise ConfigError(
                f"DEV_GUILD_ID must be a server id (digits; Developer Mode > Copy Server ID), "
                f"got {guild_raw!r}"
            )
        dev_guild = int(guild_raw)
    level = env.get("LOG_LEVEL", "INFO").strip().upper() or "INFO"
    if level not in LOG_LEVELS:
        raise ConfigError(f"LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}, got {level!r}")
    tz = env.get("DEFAULT_TIMEZONE", "UTC").strip() or "UTC"
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            f"DEFAULT_TIMEZONE must be an IANA time zone such as Europe/London, got {tz!r}"
        ) from None
    db = env.get("DATABASE_URL", "").strip() or default_database_url()
    if "://" not in db:
        raise ConfigError(
            f"DATABASE_URL must be a SQLAlchemy URL such as sqlite:///briefbot.sqlite3, got {db!r}"
        )
    cache = env.get("CACHE_DIR", "").strip()
    count, ids = parse_shards(shard_count if shard_count is not None else env.get("SHARD_COUNT"),
                              shard_ids if shard_ids is not None else env.get("SHARD_IDS"))
    return Settings(
        discord_token=token,
        corpus_dir=corpus,
        dev_guild_id=dev_guild,
        log_level=level,
        max_file_bytes=_int(env, "MAX_FILE_BYTES", Settings.max_file_bytes, minimum=1),
        database_url=db,
        digest_grace_minutes=_int(env, "DIGEST_GRACE_MINUTES", Settings.digest_grace_minutes),
        default_timezone=tz,
        corpus_rescan_seconds=_int(env, "CORPUS_RESCAN_SECONDS", Settings.corpus_rescan_seconds),
        cache_dir=Path(cache) if cache else None,
        allow_private_urls=_bool(env, "ALLOW_PRIVATE_URLS", False),
        feed_poll_seconds=_int(env, "FEED_POLL_SECONDS", Settings.feed_poll_seconds, minimum=0),
        shard_count=count,
        shard_ids=ids,
    )
