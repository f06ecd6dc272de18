"""scripts/train_concepts.py's mixing of extra (BBC pseudo-cluster) training rows."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from bot.engine.ranking.concepts import CONCEPT_FEATURES

_PATH = Path(__file__).resolve().parent.parent / "scripts" / "train_concepts.py"


@pytest.fixture(scope="module")
def tc() -> ModuleType:
    spec = importlib.util.spec_from_file_location("train_concepts", _PATH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _clusters(rng: np.random.Generator, offset: float, bbc: bool, slope: float = 2.0) -> list[dict]:
    out = []
    for _ in range(4):
        X = rng.normal(size=(500, len(CONCEPT_FEATURES)))
        y = 1.0 / (1.0 + np.exp(-(slope * X[:, 0] + offset)))
        out.append({"X": X, "y": y, "bbc": bbc})
    return out


def test_domain_indicator_absorbs_the_extra_rows_base_rate(tc: ModuleType) -> None:
    rng = np.random.default_rng(0)
    duc, bbc = _clusters(rng, -3.0, False), _clusters(rng, 1.0, True)
    X = np.vstack([c["X"] for c in duc])
    alone = tc.fit(duc).score(X).mean()
    pooled = tc.fit(duc, extra=bbc).score(X).mean()
    with_indicator = tc.fit(duc, extra=bbc, indicator=True)
    assert len(with_indicator.coef) == len(CONCEPT_FEATURES)  # the shipped scorer scores as DUC
    assert pooled > alone + 0.1  # BBC's base rate leaks into DUC's weights without it
    assert abs(with_indicator.score(X).mean() - alone) < 0.02


def test_own_slopes_keep_the_duc_slope(tc: ModuleType) -> None:
    rng = np.random.default_rng(1)
    duc, bbc = _clusters(rng, -1.0, False), _clusters(rng, -1.0, True, slope=-2.0)
    k = 0
    shared = tc.fit(duc, extra=bbc, indicator=True).coef[k]
    own = tc.fit(duc, extra=bbc, indicator=True, own=(CONCEPT_FEATURES[k],)).coef[k]
    alone = tc.fit(duc).coef[k]
    assert abs(own - alone) < 0.1 * abs(alone)
    assert abs(shared) < 0.5 * abs(alone)  # opposite BBC slope cancels it when shared
