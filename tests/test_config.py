"""Settings: .env then environment, validated with messages that say what to fix."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import ConfigError, load_settings, read_environment
from bot.logs import REDACTED, RedactSecrets

TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GabcDE.secret-token-value-xyz"


def test_env_file_then_environment_override(tmp_path: Path, monkeypatch) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("CORPUS_DIR=/from/env/file\nLOG_LEVEL=debug\nDEV_GUILD_ID=42\n")
    monkeypatch.setenv("CORPUS_DIR", "/from/environment")
    settings = load_settings(env_file=env_file)
    assert settings.corpus_dir == Path("/from/environment")
    assert settings.log_level == "DEBUG" and settings.dev_guild_id == 42
    assert read_environment(env_file)["CORPUS_DIR"] == "/from/environment"


@pytest.mark.parametrize(("key", "value", "message"), [
    ("DEV_GUILD_ID", "my-server", "DEV_GUILD_ID must be a server id"),
    ("LOG_LEVEL", "LOUD", "LOG_LEVEL must be one of"),
    ("MAX_FILE_BYTES", "ten", "MAX_FILE_BYTES must be a whole number"),
    ("DEFAULT_TIMEZONE", "Mars/Olympus", "IANA time zone"),
    ("DATABASE_URL", "briefbot.db", "SQLAlchemy URL"),
])
def test_invalid_settings_say_what_to_fix(key: str, value: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_settings(env={key: value})


def test_token_required_for_run_and_never_shown() -> None:
    with pytest.raises(ConfigError, match="briefbot offline"):
        load_settings(env={}, require_token=True)
    settings = load_settings(env={"DISCORD_TOKEN": TOKEN}, require_token=True)
    assert TOKEN not in repr(settings) and TOKEN not in str(settings)


def test_run_without_token_exits_2(tmp_path: Path) -> None:
    env = {"PATH": "", "HOME": str(tmp_path)}
    proc = subprocess.run(
        [sys.executable, "-c", "import sys; from bot.cli import main; sys.exit(main(['run']))"],
        cwd=Path(__file__).resolve().parent.parent, env={**env, "DISCORD_TOKEN": ""},
        capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 2
    assert "DISCORD_TOKEN" in proc.stderr and "briefbot offline" in proc.stderr


def test_token_redacted_from_log_records(caplog) -> None:
    record = logging.LogRecord("x", logging.ERROR, __file__, 1, "login with %s failed", (TOKEN,),
                               None)
    RedactSecrets([TOKEN]).filter(record)
    assert TOKEN not in record.getMessage() and REDACTED in record.getMessage()
    try:
        raise RuntimeError(f"bad token {TOKEN}")
    except RuntimeError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "boom", None, sys.exc_info())
    RedactSecrets([TOKEN]).filter(record)
    assert TOKEN not in record.exc_text
