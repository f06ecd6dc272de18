"""Build a large, deterministic corpus from the BBC articles for scale benchmarks.

    python scripts/generate_corpus.py --size 20000 --out /tmp/bbc20k

Document ``i`` is a variation of BBC article ``i mod n``: a front-matter header with
one of a dozen outlets and a date, its paragraphs lightly reordered, one paragraph
dropped, one borrowed from another article of the same category, and some figures
nudged (so comparisons find conflicts, as in real coverage of one story). The same
arguments always produce byte-identical files: every choice comes from a
``random.Random`` seeded by (seed, i). The BBC text is never copied into the repo:
point ``--out`` outside it (the default is the system temp directory).
"""

from __future__ import annotations

import argparse
import logging
import random
import re
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

log = logging.getLogger("generate_corpus")

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = ROOT.parent / "shared" / "bbc-news-summary" / "articles"
OUTLETS = ("BBC News", "Daily Ledger", "City Herald", "Valley Times", "Port News",
           "Evening Post", "Northern Star", "The Courier", "Morning Wire", "Capital Review",
           "Global Desk", "Market Watchers")
START = date(2024, 1, 1)
_NUMBER = re.compile(r"(?<![\w.])(\d{2,})(?![\w.])")


def read_articles(source: Path) -> list[tuple[str, str, list[str]]]:
    """(category, title, paragraphs) for every article, in a stable order."""
    articles = []
    for path in sorted(source.glob("*/*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        lines = text.split("\n", 1)
        title = lines[0].strip()
        body = lines[1] if len(lines) > 1 else ""
        paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", body) if p.strip()]
        if title and paragraphs:
            articles.append((path.parent.name, title, paragraphs))
    return articles


def _nudge(paragraph: str, rng: random.Random) -> str:
    def change(m: re.Match[str]) -> str:
        if rng.random() > 0.25:
            return m.group(1)
        value = int(m.group(1))
        return str(max(1, value + rng.choice((-1, 1)) * max(1, value // 10)))

    return _NUMBER.sub(change, paragraph)


def variant(index: int, articles: list[tuple[str, str, list[str]]],
            by_category: dict[str, list[int]], seed: int) -> tuple[str, str]:
    """(category, file text) of document ``index``."""
    rng = random.Random(f"{seed}:{index}")
    base = index % len(articles)
    round_ = index // len(articles)
    category, title, paragraphs = articles[base]
    paragraphs = list(paragraphs)
    if round_ > 0:
        if len(paragraphs) > 4:
            del paragraphs[rng.randrange(2, len(paragraphs))]
        if len(paragraphs) > 3:
            i, j = rng.sample(range(1, len(paragraphs)), 2)
            paragraphs[i], paragraphs[j] = paragraphs[j], paragraphs[i]
        other = articles[rng.choice(by_category[category])][2]
        paragraphs.insert(rng.randrange(1, len(paragraphs) + 1), rng.choice(other))
        paragraphs = [_nudge(p, rng) for p in paragraphs]
        title = f"{title} ({rng.choice(('update', 'analysis', 'report', 'latest'))} "\
                f"{round_})"
    outlet = OUTLETS[(base + round_ * 5) % len(OUTLETS)]
    published = START + timedelta(days=rng.randrange(0, 365))
    header = (f"---\ntitle: {title}\nsource: {outlet}\npublished: {published.isoformat()}\n"
              f"---\n")
    return category, header + title + "\n\n" + "\n\n".join(paragraphs) + "\n"


def generate(source: Path, out: Path, size: int, seed: int = 7) -> int:
    articles = read_articles(source)
    if not articles:
        raise SystemExit(f"no articles under {source}")
    by_category: dict[str, list[int]] = {}
    for i, (category, _, _) in enumerate(articles):
        by_category.setdefault(category, []).append(i)
    for index in range(size):
        category, text = variant(index, articles, by_category, seed)
        path = out / category / f"{index:05d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=20000, help="documents (default 20000)")
    parser.add_argument("--out", type=Path,
                        default=Path(tempfile.gettempdir()) / "briefbot-corpus-20k",
                        help="output directory (outside the repo)")
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE,
                        help="BBC articles directory (articles/<category>/<n>.txt)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if not args.source.is_dir():
        log.error("BBC articles not found at %s: nothing generated", args.source)
        return 2
    if args.out.resolve().is_relative_to(ROOT):
        log.error("refusing to write BBC-derived text inside the repository: %s", args.out)
        return 2
    count = generate(args.source, args.out, args.size, args.seed)
    log.info("wrote %d documents to %s", count, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
