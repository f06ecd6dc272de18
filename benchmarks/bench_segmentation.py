"""Which segmenter splits news prose better: nupunkt (as used) or pysbd?

    python benchmarks/bench_segmentation.py [--limit N]

BBC set: the reference summaries are article sentences glued together with no
space at the junctions, so a reference carries the original sentence
boundaries. For every segmenter sentence found inside its article's reference:
* boundary agreement: the match ends at a junction (end of the reference or a
  non-space character next), i.e. the segmenter did not split inside a sentence;
* coverage: the share of reference characters covered by whole segmenter
  sentences (a segmenter that glues two sentences together loses coverage).
Seeds and DUC 2004 (``../shared/duc2004-dev``): obvious errors counted by rule:
a sentence ending in a title or abbreviation ("Mr.", "U.S.", "Gen."...), one
opening in lower case (split
mid-sentence), one over 80 words (missed split), two sentences glued at a name
("... Hun Sen. In ...", "... Hun Sen. Hun Sen ..."). Speed: all BBC paragraphs.
Writes ``benchmarks/results/segmentation.json``.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _machine import write_results  # noqa: E402

BBC = ROOT.parent / "shared" / "bbc-news-summary"
SEEDS = ROOT / "seeds"
DUC = ROOT.parent / "shared" / "duc2004-dev"
OUT = ROOT / "benchmarks" / "results" / "segmentation.json"
_ABBREV_END = re.compile(
    r"\b(Mr|Mrs|Ms|Dr|Gen|Lt|Col|Sgt|Capt|Gov|Sen|Rep|St|No|Jr|Sr|Prof|Inc|Co|vs|U\.S|U\.K|"
    r"U\.N|[A-Z])\.$")
# Two sentences glued at a capitalised word ending the first one: "... Hun Sen. In ...",
# "... New York. Its ...", "... Hun Sen. Hun Sen ..." (the capitalised word is no title
# before a name: the word after the stop opens a sentence or repeats the name).
_GLUED_AT_NAME = re.compile(
    r"\b(?!(?:Mr|Mrs|Ms|Dr)\.)"  # (no name ends in these: "Ms. He said":
    r"[A-Z][a-z]+\. (?:(?:The|He|She|It|Its|They|In|But|A|An|This|That|His|Her|Their)\b)"
    r"|\b([A-Z][a-z]+ [A-Z][a-z]+)\. \1\b")  # He Xintong, DUC d30022t, is one name)


def segmenters() -> dict[str, Callable[[str], list[str]]]:
    import pysbd
    from nupunkt import sent_tokenize

    from bot.corpus.segment import split_sentences

    sbd = pysbd.Segmenter(language="en", clean=False)
    return {
        "nupunkt+fixes (bot.corpus.segment)": split_sentences,
        "nupunkt (raw)": lambda p: [s.strip() for s in sent_tokenize(p) if s.strip()],
        "pysbd": lambda p: [s.strip() for s in sbd.segment(p) if s.strip()],
    }


def paragraphs(text: str, skip_title: bool) -> list[str]:
    blocks = [" ".join(b.split()) for b in re.split(r"\n\s*\n", text) if b.strip()]
    return blocks[1:] if skip_title else blocks


def bbc_scores(split: Callable[[str], list[str]], limit: int | None) -> dict[str, float]:
    from bot.engine.ranking.dataset import read_text

    agree = total = 0
    covered = ref_chars = 0
    n_sent = 0
    elapsed = 0.0
    for cat_dir in sorted((BBC / "articles").iterdir()):
        for path in sorted(cat_dir.glob("*.txt"))[:limit]:
            ref = " ".join(read_text(BBC / "summaries" / cat_dir.name / path.name).split())
            paras = paragraphs(read_text(path), skip_title=True)
            t = time.perf_counter()
            sents = [s for p in paras for s in split(p)]
            elapsed += time.perf_counter() - t
            n_sent += len(sents)
            mask = [False] * len(ref)
            for s in sents:
                if len(s) < 2:
                    continue
                at = ref.find(s)
                if at < 0:
                    continue
                end = at + len(s)
                total += 1
                agree += end == len(ref) or not ref[end].isspace()
                for k in range(at, end):
                    mask[k] = True
            covered += sum(mask)
            ref_chars += len(ref)
    return {"boundary_agreement": round(100 * agree / max(total, 1), 2),
            "reference_coverage": round(100 * covered / max(ref_chars, 1), 2),
            "matched_sentences": total, "sentences": n_sent, "seconds": round(elapsed, 2)}


def seed_errors(split: Callable[[str], list[str]],
                folder: Path = SEEDS, pattern: str = "*.txt") -> dict[str, object]:
    from bot.engine.ranking.dataset import read_text

    errors: dict[str, list[str]] = {"abbreviation_end": [], "lowercase_start": [],
                                    "over_80_words": [], "glued_at_name": []}
    n = 0
    for path in sorted(folder.glob(pattern)):
        for para in paragraphs(read_text(path), skip_title=False):
            for s in split(para):
                n += 1
                if _ABBREV_END.search(s):
                    errors["abbreviation_end"].append(s[-60:])
                if s[0].islower():
                    errors["lowercase_start"].append(s[:60])
                if len(s.split()) > 80:
                    errors["over_80_words"].append(s[:60])
                m = _GLUED_AT_NAME.search(s)
                if m:
                    errors["glued_at_name"].append(s[max(0, m.start() - 30): m.end() + 20])
    return {"sentences": n, "errors": sum(len(v) for v in errors.values()),
            **{k: len(v) for k, v in errors.items()}, "examples": {k: v[:5] for k, v in
                                                               errors.items()}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="articles per category")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    result: dict[str, object] = {}
    for name, split in segmenters().items():
        row: dict[str, object] = {"seeds": seed_errors(split)}
        if (DUC / "docs").is_dir():
            row["duc"] = seed_errors(split, DUC / "docs", "*/*.txt")
        if (BBC / "articles").is_dir():
            row["bbc"] = bbc_scores(split, args.limit)
        else:
            print(f"BBC part skipped: {BBC} not found")
        result[name] = row
        bbc = row.get("bbc", {})
        duc: dict = row.get("duc", {})  # type: ignore[assignment]
        print(f"{name:36s} seeds errors {row['seeds']['errors']:3d}/"  # type: ignore[index]
              f"{row['seeds']['sentences']}  DUC errors {duc.get('errors')} "
              f"(glued at a name {duc.get('glued_at_name')})  "
              f"BBC boundary {bbc.get('boundary_agreement')}% "  # type: ignore[index]
              f"coverage {bbc.get('reference_coverage')}%  time {bbc.get('seconds')}s")
    write_results(args.out, result)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
