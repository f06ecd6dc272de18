"""The learned needs-context model (bot/engine/needs_context.py) and where answers use it."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from bot.corpus.model import Corpus, Document, Sentence
from bot.engine import needs_context
from bot.engine.needs_context import FEATURES, MODEL_PATH, doubtful_of, features, model
from bot.engine.standalone import keep_quotable, quotable_order


def _doc(doc_id: str, *texts: str, title: str = "", published: str = "") -> Document:
    sentences = [Sentence(t, doc_id, i, 0) for i, t in enumerate(texts)]
    return Document(doc_id=doc_id, title=title or doc_id, sentences=sentences,
                    published=published, source=doc_id)


def test_the_shipped_model_matches_its_features_and_records_held_out_figures():
    data = json.loads(MODEL_PATH.read_text())
    assert tuple(data["features"]) == FEATURES
    assert len(data["coef"]) == len(FEATURES) == len(features("A line.", "A title"))
    held = data["held_out"]
    # the held-out checks are later checks, never in the threshold's cross-validation
    assert set(held["checks"]).isdisjoint(
        {n for n in data["training"]["checks"] if n not in held["checks"]})
    assert held["auc_rule_passed"] > 0.6
    assert held["at_threshold_rule_passed"]["precision"] > held["needs_rate_rule_passed"]
    assert 0.3 <= data["threshold"] <= 0.9


def test_lines_people_read_as_needing_context_score_above_clear_ones():
    fitted = model()
    assert fitted is not None
    leaning = fitted.probability("He said the firm would appeal against the ruling.",
                                 "Court rejects appeal")
    unattributed = fitted.probability(
        "Perhaps the most interesting aspect of the deal will be seeing how it affects "
        "the presentation of future titles.", "Sporting rivals go to extra time")
    clear = fitted.probability(
        "Toyota said on Tuesday it would build a new car plant in Poland, creating 2,000 "
        "jobs.", "Toyota to build Polish car plant")
    assert clear < fitted.threshold
    assert leaning > clear and unattributed > clear


def test_a_time_word_counts_only_in_an_undated_article():
    undated = features("Sales fell last week, the retailer said.", "Retailer sales fall")
    dated = features("Sales fell last week, the retailer said.", "Retailer sales fall",
                     dated=True)
    k = FEATURES.index("undated_time")
    assert undated[k] == 1.0 and dated[k] == 0.0
    assert np.array_equal(np.delete(undated, k), np.delete(dated, k))


def test_no_model_file_means_no_doubts(tmp_path, monkeypatch, caplog):
    missing = tmp_path / "none.json"
    assert model(missing) is None
    assert "not loaded" in caplog.text
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"features": ["x"], "mean": [0], "scale": [1], "coef": [1],
                                 "intercept": 0, "threshold": 0.5}))
    assert model(other) is None
    monkeypatch.setattr(needs_context, "model", lambda *a, **k: None)
    assert doubtful_of(Corpus(Path("."), {})) is None


def _corpus() -> Corpus:
    return Corpus(Path("."), {
        "a": _doc("a", "Carmakers in Europe face falling sales.",
                  "How will he achieve the breakthrough?", title="a"),
        "b": _doc("b", "Opel said it would cut 400 jobs at its car plants in Germany.",
                  title="Opel to cut jobs")})


def test_a_doubted_line_gives_its_place_to_one_about_as_good():
    corpus = _corpus()
    sentences = [s for d in corpus.documents.values() for s in d.sentences]
    doubtful = doubtful_of(corpus)
    assert doubtful is not None
    assert doubtful(sentences[1]) and not doubtful(sentences[2])
    kept = keep_quotable([1], [1, 2], sentences, stand_ins=True, doubtful=doubtful)
    assert kept == [2]
    assert keep_quotable([1], [1, 2], sentences, stand_ins=True) == [1]
    # a brief shows it after every line it does not doubt
    assert quotable_order([1, 2], sentences, doubtful=doubtful) == [2, 1]
    assert quotable_order([1, 2], sentences) == [1, 2]
