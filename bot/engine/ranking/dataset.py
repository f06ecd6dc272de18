"""Datasets laid out like the BBC News Summary set, for evaluation and training.

``articles/<category>/<n>.txt`` (first line = title) and
``summaries/<category>/<n>.txt`` (an extractive reference: article sentences
copied and glued together, often without a space after the full stop).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from bot.corpus.loader import SkipFile, load_file
from bot.corpus.model import Document

log = logging.getLogger(__name__)

# "bn.For the year" -> "bn. For the year": the references glue sentences together.
_GLUED = re.compile(r"(?<=[a-z0-9%)][.!?])(?=[A-Z\"“])|(?<=[.!?][\"”])(?=[A-Z])")


@dataclass
class Example:
    document: Document
    reference: str
    category: str
    number: int

    @property
    def budget(self) -> int:
        """The reference summary's word count: the word budget every system gets."""
        return len(self.reference.split())

    def labels(self) -> list[int]:
        """1 for each article sentence copied into the reference."""
        ref = " ".join(self.reference.split())
        glued = ref.replace(" ", "")
        return [int(" ".join(s.text.split()) in ref or s.text.replace(" ", "") in glued)
                for s in self.document.sentences]


def read_text(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def normalise_reference(text: str) -> str:
    return _GLUED.sub(" ", " ".join(text.split()))


def categories(root: Path) -> list[str]:
    return sorted(p.name for p in (root / "articles").iterdir() if p.is_dir())


def load_examples(root: Path | str, cats: Iterable[str] | None = None,
                  limit: int | None = None) -> list[Example]:
    """Examples in category then file-name order; ``limit`` is per category."""
    root = Path(root)
    articles = root / "articles"
    if not articles.is_dir() or not (root / "summaries").is_dir():
        raise FileNotFoundError(f"{root} has no articles/ and summaries/ directories")
    out: list[Example] = []
    for cat in cats or categories(root):
        folder = articles / cat
        if not folder.is_dir():
            raise FileNotFoundError(f"no category {cat!r} in {articles}")
        files = sorted(folder.glob("*.txt"))[: limit if limit else None]
        for path in files:
            ref_path = root / "summaries" / cat / path.name
            if not ref_path.is_file():
                log.warning("no reference for %s/%s; skipped", cat, path.name)
                continue
            try:
                doc = load_file(articles, path, {})
            except SkipFile as exc:
                log.warning("skipped %s/%s: %s", cat, path.name, exc)
                continue
            number = int(re.sub(r"\D", "", path.stem) or 0)
            out.append(Example(doc, normalise_reference(read_text(ref_path)), cat, number))
    return out
