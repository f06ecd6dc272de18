"""How right the "what is 'the report'" notes are: the judged fixtures re-run at this code.

    python benchmarks/bench_antecedents.py [--fixture tests/fixtures/what_notes_check.json ...]

Each fixture line (``tests/fixtures/what_notes_*.json``) is a sentence of a BBC article
with the note :func:`bot.engine.antecedents.what_note` showed when a helper judged it
against the article ("right", "right but vague", "wrong", "unclear"). Re-run here, a
line's note is kept (the same note), changed (not judged: counted apart and listed) or
dropped; the precision of the kept notes is the share judged right. ``what_notes_check``
is the dev set the rules were written on (its lines come from the earlier blind checks);
``what_notes_heldout`` was drawn after them. Writes benchmarks/results/antecedents.json.
Needs ../shared/bbc-news-summary.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _machine import machine, write_results  # noqa: E402

BBC = ROOT.parent / "shared" / "bbc-news-summary" / "articles"
FIXTURES = sorted((ROOT / "tests" / "fixtures").glob("what_notes_*.json"))


def score(path: Path, corpus) -> dict[str, object]:  # type: ignore[no-untyped-def]
    from bot.engine.antecedents import what_note

    lines = json.loads(path.read_text("utf-8"))["lines"]
    kept: Counter[str] = Counter()
    dropped: Counter[str] = Counter()
    changed = []
    for line in lines:
        doc = corpus.documents[line["doc_id"]]
        note = what_note(line["text"], doc.display_name, [s.text for s in doc.sentences],
                         line["position"])
        if not note:
            dropped[line["verdict"]] += 1
        elif note == line["note"]:
            kept[line["verdict"]] += 1
        else:
            changed.append({"text": line["text"], "judged": line["note"], "now": note,
                            "verdict": line["verdict"]})
    n_kept = sum(kept.values())
    return {"lines": len(lines), "kept": dict(kept), "dropped": dict(dropped),
            "changed": changed,
            "precision_kept": round(kept["right"] / n_kept, 3) if n_kept else None,
            "precision_kept_incl_vague": round(
                (kept["right"] + kept["right but vague"]) / n_kept, 3) if n_kept else None}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fixture", type=Path, action="append")
    args = parser.parse_args(argv)
    if not BBC.is_dir():
        print(f"skipped: {BBC} not found")
        return 0
    from bot.corpus import load_corpus

    corpus = load_corpus(BBC)
    results = {}
    for path in args.fixture or FIXTURES:
        results[path.stem] = row = score(path, corpus)
        print(f"{path.stem}: {row['lines']} lines, kept {row['kept']}, dropped "
              f"{row['dropped']}, changed {len(row['changed'])}; precision of kept "
              f"{row['precision_kept']} ({row['precision_kept_incl_vague']} with vague)")
    write_results(ROOT / "benchmarks" / "results" / "antecedents.json",
                  {"machine": machine(), "fixtures": results})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
