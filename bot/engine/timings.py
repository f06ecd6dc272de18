"""How long each stored index took to load or build last time, for the "still loading,
ready in about N s" answer: one small JSON file next to the stored indexes
(``CACHE_DIR/indexes/timings.json``, index name -> {"load": s, "build": s}).

Separate from :mod:`bot.engine.stored` so that the event loop can read it without
importing numpy and SciPy.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import uuid
from pathlib import Path

log = logging.getLogger(__name__)

INDEXES_DIR = "indexes"  # under CACHE_DIR: the stored indexes and this file
TIMINGS = "timings.json"
KINDS = ("load", "build")
_LOCK = threading.Lock()  # two capabilities finishing at once in one process


def indexes_root(cache_dir: Path | str) -> Path:
    return Path(cache_dir).expanduser() / INDEXES_DIR


def recorded_seconds(root: Path, name: str) -> dict[str, float]:
    """The last recorded ``load`` and ``build`` time of this index, in seconds; {} when
    none (or the file is unreadable: an estimate is never worth an error)."""
    try:
        data = json.loads((root / TIMINGS).read_text(encoding="utf-8"))
        return {k: float(v) for k, v in data.get(name, {}).items() if k in KINDS}
    except (OSError, ValueError, TypeError, AttributeError):
        return {}


def has_stored(root: Path, name: str) -> bool:
    """Whether any stored copy of this index is on disk (one directory listing; whether it
    fits this corpus and code is for the store to say, after the fingerprints are read)."""
    try:
        with os.scandir(root / name) as entries:
            return any(e.is_dir() for e in entries)
    except OSError:
        return False


def record_seconds(root: Path, name: str, kind: str, seconds: float) -> None:
    """Remember how long a ``load`` or a ``build`` of this index took (best effort: a disk
    that refuses costs the next estimate, never an answer)."""
    path = root / TIMINGS
    tmp = path.with_name(f".{TIMINGS}.{uuid.uuid4().hex}")
    with _LOCK:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            data = data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            data = {}
        entry = data.get(name) if isinstance(data.get(name), dict) else {}
        data[name] = {**entry, kind: round(seconds, 3)}
        try:
            root.mkdir(parents=True, exist_ok=True)
            tmp.write_text(json.dumps(data), encoding="utf-8")
            os.replace(tmp, path)
        except OSError as exc:
            log.debug("%s index timing not recorded: %s", name, exc)
            tmp.unlink(missing_ok=True)
