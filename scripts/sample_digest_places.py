"""Draw the digest's place lines that session 80's preference changed, for a blind paired check.

Session 80 made a digest place line the first new sentence naming the place that does not
lean on its article's story (``bot.engine.digest._leaning``), where it had been the first
new sentence naming the place. This script simulates digest days on the BBC News Summary
set (one corpus of 1,328 articles; each day ``--per-day`` new articles drawn by
``random.Random(seed).sample`` from the articles no earlier digest check used as new, the
rest first seen 30 days before; now 2026-12-07 08:00 UTC), builds each day's digest with
the preference and without it (the same code with ``_leaning`` reading no line as leaning),
and keeps every place whose line differs: both lines, each with its place, source title
and notes, in one shuffled list with no version marked (``lines``; ``pairs`` says which
is which). Two blind readers label every line; ``--score FILE`` then counts, per version,
the labels reading the line alone.

    python scripts/sample_digest_places.py --out FILE [--days 40] [--seed 180]
    python scripts/sample_digest_places.py --score FILE
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BBC_ARTICLES = ROOT.parent / "shared" / "bbc-news-summary" / "articles"
FIXTURES = ROOT / "tests" / "fixtures"
NOW = datetime(2026, 12, 7, 8, 0, tzinfo=UTC)
KINDS = ("pronoun or connective", "definite description", "demonstrative", "unnamed speaker",
         "fragment", "relative time", "other")


def _used_before() -> set[str]:
    """Articles an earlier digest check drew as new (check 26's days)."""
    used: set[str] = set()
    for path in FIXTURES.glob("standalone_digest_check*.json"):
        data = json.loads(path.read_text("utf-8"))
        for version in data.get("days", {}).values():
            for day in version:
                used |= set(day["fresh"])
    return used


def _place_lines(engine: Any, fresh: set[str], prefer: bool) -> dict[str, dict[str, Any]]:
    """The day's digest place lines (place name -> line), with or without the preference."""
    from bot.engine import digest

    first_seen = {d: NOW - (timedelta(hours=2) if d in fresh else timedelta(days=30))
                  for d in engine.corpus.documents}
    shipped = digest._leaning
    if not prefer:
        digest._leaning = lambda corpus: (lambda sentence: False)
    try:
        built = digest.build_digest(engine, now=NOW, since=NOW - timedelta(days=1),
                                    first_seen=first_seen)
    finally:
        digest._leaning = shipped
    out = {}
    for section in built.sections:
        if section.heading != "Places":
            continue
        for item in section.items:
            place, _, text = item.text.partition(": ")
            doc = engine.corpus.documents[item.doc_id]
            position = next(s.position for s in doc.sentences if s.text == text)
            out[place] = {"place": place, "text": text, "doc_id": item.doc_id,
                          "position": position, "source": item.source,
                          "anchor": item.anchor, "who": item.who}
    return out


def draw(days: int, per_day: int, seed: int) -> dict[str, Any]:
    from bot.corpus import load_corpus
    from bot.engine import Engine

    engine = Engine(load_corpus(BBC_ARTICLES))
    pool = sorted(set(engine.corpus.documents) - _used_before())
    rng = random.Random(seed)
    pairs, lines = [], []
    for day in range(days):
        fresh = set(rng.sample(pool, per_day))
        pool = [d for d in pool if d not in fresh]
        with_, without = _place_lines(engine, fresh, True), _place_lines(engine, fresh, False)
        for place in sorted(set(with_) & set(without)):
            if with_[place]["text"] == without[place]["text"]:
                continue
            pair = {"day": day, "place": place, "fresh": sorted(fresh)}
            for version, line in (("with", with_[place]), ("without", without[place])):
                pair[version] = len(lines)
                lines.append(line | {"day": day, "version": version})
            pairs.append(pair)
    order = list(range(len(lines)))
    rng.shuffle(order)  # one list, no version marked: line n of the packet is lines[order[n]]
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                            capture_output=True, text=True).stdout.strip()
    return {"about": __doc__.split("\n\n")[0], "commit": commit, "seed": seed, "days": days,
            "per_day": per_day, "now": NOW.isoformat(), "kinds": list(KINDS),
            "pairs": pairs, "lines": lines, "order": order, "labels": {}}


def score(path: Path) -> dict[str, Any]:
    data = json.loads(path.read_text("utf-8"))
    alone: Counter[tuple[str, str]] = Counter()
    total: Counter[tuple[str, str]] = Counter()
    for labeller, rows in data["labels"].items():
        for row in rows:
            version = data["lines"][row["line"]]["version"]
            total[labeller, version] += 1
            alone[labeller, version] += row["label"] == "alone"
    out = {f"{v} labeller {lab}": f"{alone[lab, v]} / {total[lab, v]}"
           for lab in sorted(data["labels"]) for v in ("with", "without")}
    for v in ("with", "without"):
        n = sum(total[lab, v] for lab in data["labels"])
        out[f"{v} pooled"] = round(sum(alone[lab, v] for lab in data["labels"]) / n, 3) if n \
            else 0.0
    print(json.dumps(out, indent=1))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    task = parser.add_mutually_exclusive_group(required=True)
    task.add_argument("--out", type=Path, help="draw the changed place lines into FILE")
    task.add_argument("--score", type=Path, help="count a labelled FILE's labels per version")
    parser.add_argument("--days", type=int, default=40)
    parser.add_argument("--per-day", type=int, default=10)
    parser.add_argument("--seed", type=int, default=180)
    args = parser.parse_args(argv)
    if args.score is not None:
        return 0 if score(args.score) else 1
    if not BBC_ARTICLES.is_dir():
        parser.error(f"{BBC_ARTICLES} not found")
    drawn = draw(args.days, args.per_day, args.seed)
    args.out.write_text(json.dumps(drawn, indent=1, ensure_ascii=False) + "\n", "utf-8")
    print(f"wrote {args.out}: {len(drawn['pairs'])} places changed over {args.days} days",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
