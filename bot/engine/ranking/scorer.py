"""The learned sentence scorer: a logistic regression over :data:`FEATURE_NAMES`.

The weights are trained by ``scripts/train_scorer.py`` on the even-numbered
documents of the BBC News Summary set (whose reference summaries are copied
sentences, so "is this sentence in the reference" is a clean label) and ship as
``bot/engine/data/scorer.json``. Without the file the scorer falls back to the
TF-IDF centroid similarity, so the engine still works from a source checkout.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import ClassVar, Self

import numpy as np

from bot.engine.ranking.index import FEATURE_NAMES

log = logging.getLogger(__name__)

WEIGHTS_PATH = Path(__file__).resolve().parent.parent / "data" / "scorer.json"


@dataclass(frozen=True)
class LinearModel:
    """A shipped logistic regression: standardised features -> log-odds. Subclasses name
    the feature space their ``features`` come from."""

    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    meta: dict[str, object]

    FEATURE_SPACE: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> Self:
        names = tuple(data["features"])  # type: ignore[arg-type]
        return cls(names, np.asarray(data["mean"], float), np.asarray(data["scale"], float),
                   np.asarray(data["coef"], float), float(data["intercept"]),  # type: ignore[arg-type]
                   dict(data.get("meta", {})))  # type: ignore[arg-type]

    @classmethod
    def load(cls, path: Path) -> Self:
        """Weights from a JSON file; OSError, ValueError or KeyError when unusable."""
        model = cls.from_dict(json.loads(path.read_text(encoding="utf-8")))
        unknown = set(model.features) - set(cls.FEATURE_SPACE)
        if unknown:
            raise ValueError(f"unknown features {unknown}")
        return model

    def to_dict(self) -> dict[str, object]:
        return {"features": list(self.features), "mean": self.mean.tolist(),
                "scale": self.scale.tolist(), "coef": self.coef.tolist(),
                "intercept": self.intercept, "meta": self.meta}

    def log_odds(self, features: np.ndarray) -> np.ndarray:
        cols = [self.FEATURE_SPACE.index(name) for name in self.features]
        z = (features[:, cols] - self.mean) / self.scale
        return z @ self.coef + self.intercept


class LearnedScorer(LinearModel):
    FEATURE_SPACE = FEATURE_NAMES

    def score(self, features: np.ndarray) -> np.ndarray:
        """Log-odds that each sentence belongs in a summary of its document."""
        return self.log_odds(features)


def centroid_fallback() -> LearnedScorer:
    """Used when no weights ship: plain centroid similarity (a classic, decent baseline)."""
    k = len(FEATURE_NAMES)
    coef = np.zeros(k)
    coef[FEATURE_NAMES.index("centroid_sim")] = 1.0
    return LearnedScorer(FEATURE_NAMES, np.zeros(k), np.ones(k), coef, 0.0,
                         {"fallback": "centroid"})


@lru_cache(maxsize=1)
def default_scorer() -> LearnedScorer:
    try:
        return LearnedScorer.load(WEIGHTS_PATH)
    except (OSError, ValueError, KeyError) as exc:
        log.warning("learned scorer weights unavailable (%s); using centroid similarity", exc)
        return centroid_fallback()
