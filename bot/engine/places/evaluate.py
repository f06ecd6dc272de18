"""Precision and recall of place extraction against a hand-labelled fixture."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from bot.engine.places.index import PlaceIndex


def score_fixture(index: PlaceIndex, fixture_path: Path) -> dict[str, object]:
    """Multiset match on (doc_id, sentence position, place name, country ISO)."""
    fixture = json.loads(fixture_path.read_text(encoding="utf-8"))
    docs = set(fixture["documents"])
    gold = Counter((m["doc_id"], m["position"], m["place"], m["country"])
                   for m in fixture["mentions"])
    got: Counter[tuple[str, int, str, str]] = Counter()
    for m in index.mentions:
        if m.doc_id in docs:
            place = index.gaz.places[m.place]
            got[(m.doc_id, m.position, place.name, place.country)] += 1
    tp = sum((got & gold).values())
    precision = tp / sum(got.values()) if got else 0.0
    recall = tp / sum(gold.values()) if gold else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4),
            "true_positives": tp, "predicted": sum(got.values()), "labelled": sum(gold.values()),
            "false_positives": [list(k) for k in (got - gold).elements()],
            "false_negatives": [list(k) for k in (gold - got).elements()]}
