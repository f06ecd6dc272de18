"""The anchored-event features of the point model (bot/engine/compare/anchors.py) and
point-model files that use them (bot/engine/compare/points.py)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from bot.engine.compare import anchors, points
from bot.engine.compare.anchors import ANCHOR_FEATURES, anchor_features, date_keys


def _row(a: str, b: str) -> dict[str, float]:
    return dict(zip(ANCHOR_FEATURES, anchor_features([(a, b)])[0], strict=True))


def test_date_keys_normalise_months_years_and_weekdays() -> None:
    assert date_keys("The siege began in October 2016.") == {"m10", "y2016"}
    assert date_keys("He was fired on Sept. 2 and arrested Oct. 20.") == {"m9", "m10"}
    assert date_keys("Forces retook the city Saturday.") == {"d:sat"}


def test_date_keys_skip_words_that_only_look_like_months() -> None:
    # "May" opening a sentence is the verb; "mar" and "march" in lower case are words
    assert date_keys("May I ask what the march was about?") == frozenset()
    assert date_keys("Talks resume in May.") == {"m5"}


def test_shared_and_differing_dates() -> None:
    same = _row("The offensive began in October.", "In October of last year forces launched it.")
    assert same["dates_shared"] == 1.0 and same["dates_differ"] == 0.0
    other = _row("Anwar was arrested on Sept. 20.", "Anwar was arrested in 1998 in December.")
    assert other["dates_shared"] == 0.0 and other["dates_differ"] == 1.0
    none = _row("The city fell.", "Forces retook the city in June.")
    assert none["dates_shared"] == 0.0 and none["dates_differ"] == 0.0


def test_participants_match_through_acronyms_and_adjectives() -> None:
    assert _row("ISF retook the city.", "Iraqi Security Forces entered the city.")[
        "anchors_shared"] == 1.0
    assert _row("U.S. jets bombed the bridge.", "The United States bombed it.")[
        "anchors_shared"] == 1.0
    assert _row("Rebels crossed from Syria.", "Syrian rebels crossed the border.")[
        "anchors_shared"] == 1.0
    assert _row("Clinton met Yeltsin.", "Mahathir fired Anwar.")["anchors_shared"] == 0.0


def test_event_words_that_are_near_synonyms_align_better_than_unrelated_ones() -> None:
    if anchors.glove() is None:
        pytest.skip("GloVe vectors not installed")
    near = _row("The army attacked the town.", "The army assaulted the town.")["event_min"]
    far = _row("The army attacked the town.", "The army painted the town.")["event_min"]
    assert near > far


def test_known_feature_lists() -> None:
    assert points.known(points.FEATURES)
    assert points.known(points.ANCHORED_FEATURES)
    assert points.known((*points.FEATURES, "dates_differ"))
    assert not points.known(("cosine", "logit_matcher"))
    assert not points.known((*points.FEATURES, "event_min", "dates_shared"))


def _write(tmp_path: Path, features: tuple[str, ...], coef: list[float]) -> Path:
    path = tmp_path / "points.json"
    n = len(features)
    path.write_text(json.dumps({
        "features": list(features), "mean": [0.0] * n, "scale": [1.0] * n, "coef": coef,
        "intercept": 0.0, "threshold": 0.5, "matcher_digest": "d"}), encoding="utf-8")
    return path


def test_an_anchored_model_reads_the_sentence_pairs(tmp_path: Path) -> None:
    features = (*points.FEATURES, "dates_shared")
    model = points.read(_write(tmp_path, features, [0.0, 0.0, 4.0]), digest="d")
    assert model is not None and model.features == features
    q, cos = np.array([0.5, 0.5]), np.array([0.5, 0.5])
    pairs = [("It began in October.", "It started in October."),
             ("It began in October.", "It started in June.")]
    p = model.probabilities(q, cos, pairs)
    assert p[0] > 0.9 and p[1] == pytest.approx(0.5)
    with pytest.raises(ValueError):
        model.probabilities(q, cos)


def test_a_plain_model_needs_no_pairs(tmp_path: Path) -> None:
    model = points.read(_write(tmp_path, points.FEATURES, [1.0, 1.0]), digest="d")
    assert model is not None and model.features == points.FEATURES
    assert model.probabilities(np.array([0.5]), np.array([0.0]))[0] == pytest.approx(0.5)


def test_unknown_features_are_ignored(tmp_path: Path) -> None:
    path = _write(tmp_path, (*points.FEATURES, "parse_agreement"), [1.0, 1.0, 1.0])
    assert points.read(path, digest="d") is None
