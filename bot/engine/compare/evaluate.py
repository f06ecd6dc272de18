"""Score a comparison against an editor's fixture (tests/fixtures/seed_comparison.json).

The fixture lists consensus points and conflicts with their evidence sentences
as {doc_id: [positions]}; the rules are stated in its "matching" section:
a predicted point or conflict matches a gold one when it cites evidence of it from
at least two documents (and, for conflicts, has the same kind). Recall counts the
required gold items found; precision counts predictions that match any gold item
(required or optional) and never a pair the editor marked as consistent.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


def _cells(evidence: dict[str, list[int]]) -> set[tuple[str, int]]:
    return {(d, p) for d, ps in evidence.items() for p in ps}


def _docs_hit(cited: set[tuple[str, int]], gold: set[tuple[str, int]]) -> int:
    return len({d for d, _ in cited & gold})


def score(result: dict[str, Any], fixture: dict[str, Any]) -> dict[str, Any]:
    """Precision/recall of consensus and conflicts, separately and together."""
    gold_points = [(g, _cells(g["evidence"])) for g in fixture["consensus"]]
    found_points: set[str] = set()
    point_hits, point_misses = 0, []
    for point in result["consensus"]:
        cited = {(s["doc_id"], s["position"]) for s in point.get("sentences", [])}
        matched = [g["id"] for g, cells in gold_points if _docs_hit(cited, cells) >= 2]
        found_points.update(matched)
        if matched:
            point_hits += 1
        else:
            point_misses.append(point["text"])
    required_points = [g["id"] for g in fixture["consensus"] if g["required"]]

    gold_conflicts = [(g, _cells(g["claims"])) for g in fixture["conflicts"]]
    consistent = [(c, _cells(c["claims"])) for c in fixture.get("consistent", [])]
    found_conflicts: set[str] = set()
    conflict_hits, conflict_misses = 0, []
    for conflict in result["conflicts"]:
        cited = {(c["doc_id"], c["position"]) for c in conflict["claims"]}
        types = {c.get("type") for c in conflict["claims"]}
        violates = any(c["type"] in types and _docs_hit(cited, cells) >= 2
                       and conflict.get("kind") != "consistent" for c, cells in consistent)
        matched = [g["id"] for g, cells in gold_conflicts
                   if _docs_hit(cited, cells) >= 2 and conflict.get("kind") == g["kind"]]
        found_conflicts.update(matched)
        if matched and not violates:
            conflict_hits += 1
        else:
            conflict_misses.append(conflict["subject"])
    required_conflicts = [g["id"] for g in fixture["conflicts"] if g["required"]]

    def ratio(a: int, b: int) -> float:
        return round(a / b, 3) if b else 1.0

    rp = sum(1 for g in required_points if g in found_points)
    rc = sum(1 for g in required_conflicts if g in found_conflicts)
    n_pred = len(result["consensus"]) + len(result["conflicts"])
    return {
        "consensus": {"precision": ratio(point_hits, len(result["consensus"])),
                      "recall": ratio(rp, len(required_points)),
                      "missed": [g for g in required_points if g not in found_points],
                      "false_positives": point_misses},
        "conflicts": {"precision": ratio(conflict_hits, len(result["conflicts"])),
                      "recall": ratio(rc, len(required_conflicts)),
                      "missed": [g for g in required_conflicts if g not in found_conflicts],
                      "false_positives": conflict_misses},
        "overall": {"precision": ratio(point_hits + conflict_hits, n_pred),
                    "recall": ratio(rp + rc, len(required_points) + len(required_conflicts))},
    }


def load_fixture(path: Path | str) -> dict[str, Any]:
    return json.loads(Path(path).read_text(encoding="utf-8"))
