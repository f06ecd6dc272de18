"""Run sumy's own algorithms on a list of sentences, offline.

sumy gets the project's :class:`OfflineTokenizer` (no NLTK data), its
``Stemmer("english")`` and its English stop words. Sentences are fed one per
line so sumy sees exactly the sentences our segmenter produced; a title, when
given, goes first in upper case so sumy's plaintext parser treats it as a
heading (Edmundson's title method reads headings).

sumy is imported when one of its algorithms first runs: its summarizers import all of
NLTK (about a second), which the default ranker never needs.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Sequence

from bot.corpus.segment import offline_tokenizer
from bot.engine.ranking.text import STOP_WORDS, tokens

log = logging.getLogger(__name__)

#: algorithm name -> sumy module and class (imported on first use)
SUMY_CLASSES: dict[str, str] = {
    "lexrank": "lex_rank.LexRankSummarizer",
    "textrank": "text_rank.TextRankSummarizer",
    "lsa": "lsa.LsaSummarizer",
    "luhn": "luhn.LuhnSummarizer",
    "kl": "kl.KLSummarizer",
    "sumbasic": "sum_basic.SumBasicSummarizer",
    "edmundson": "edmundson.EdmundsonSummarizer",
    "reduction": "reduction.ReductionSummarizer",
}
SUMY_ALGORITHMS: tuple[str, ...] = tuple(SUMY_CLASSES)
# Edmundson's cue method needs stigma words; these hedges mark weak news sentences.
STIGMA_WORDS = ("perhaps", "maybe", "hardly", "reportedly", "allegedly", "unclear", "rumour")


def _summarizer_class(name: str) -> type:
    module, _, cls_name = SUMY_CLASSES[name].partition(".")
    return getattr(importlib.import_module(f"sumy.summarizers.{module}"), cls_name)


def import_sumy() -> None:
    """Import sumy's summarizers (and NLTK) now: a long-running bot does it at start, as an
    import in a worker thread during a request would stall the event loop."""
    from sumy.parsers.plaintext import PlaintextParser  # noqa: F401

    for name in SUMY_CLASSES:
        _summarizer_class(name)


def make_summarizer(name: str, title: str = "") -> Callable:
    from sumy.nlp.stemmers import Stemmer
    from sumy.utils import get_stop_words

    cls = _summarizer_class(name)
    summarizer = cls(Stemmer("english"))
    stop = get_stop_words("english")
    if name == "edmundson":
        bonus = [t for t in tokens(title) if t not in STOP_WORDS] or ["said"]
        summarizer.bonus_words = bonus
        summarizer.stigma_words = STIGMA_WORDS
        summarizer.null_words = stop
    else:
        summarizer.stop_words = stop
    return summarizer


def _parse(texts: Sequence[str], title: str):
    from sumy.parsers.plaintext import PlaintextParser

    lines = ([title.upper()] if title and title.strip() else []) + [" ".join(t.split())
                                                                      for t in texts]
    return PlaintextParser.from_string("\n".join(lines), offline_tokenizer()).document


def sumy_pick(name: str, texts: Sequence[str], count: int, title: str = "") -> list[int]:
    """Indices (into ``texts``) of the ``count`` sentences sumy's ``name`` picks, in order.

    A line our tokenizer would split again is matched back by its first piece's
    text, so every returned index points at one of ``texts``.
    """
    document = _parse(texts, title)
    first_of = {}
    for i, t in enumerate(texts):
        first_of.setdefault(" ".join(t.split()), i)
    pieces = {}
    tok = offline_tokenizer()
    for i, t in enumerate(texts):
        for piece in tok.to_sentences(" ".join(t.split())):
            pieces.setdefault(piece, i)
    summarizer = make_summarizer(name, title)
    out: list[int] = []
    for sentence in summarizer(document, count):
        i = first_of.get(str(sentence), pieces.get(str(sentence)))
        if i is not None and i not in out:
            out.append(i)
    return out


def sumy_budget(name: str, texts: Sequence[str], words: int, title: str = "") -> list[int]:
    """sumy run raw under a word budget: the largest sentence count whose picks fit.

    sumy's top-k picks nest (the k best by rating), so the word total grows with
    k and a binary search finds the count in log(n) sumy calls.
    """
    lengths = [len(t.split()) for t in texts]
    lo, hi, best = 1, len(texts), sumy_pick(name, texts, 1, title)
    while lo <= hi:
        mid = (lo + hi) // 2
        picks = sumy_pick(name, texts, mid, title)
        if sum(lengths[i] for i in picks) <= words:
            best, lo = picks, mid + 1
        else:
            hi = mid - 1
    return best


def sumy_rank(name: str, texts: Sequence[str], title: str = "") -> list[int]:
    """Every index of ``texts`` in sumy's ``name`` rating order, best first, in one sumy call.

    sumy sorts its sentence infos by rating and hands them to ``count`` when
    ``count`` is callable (``AbstractSummarizer._get_best_sentences``); a callable
    that records that list gives the full ranking, so a word budget can be filled
    greedily down the whole list instead of stopping at the largest top-k that
    fits. Lines our tokenizer splits again are matched back as in :func:`sumy_pick`.
    """
    document = _parse(texts, title)
    index_of: dict[str, int] = {}
    tok = offline_tokenizer()
    for i, t in enumerate(texts):
        index_of.setdefault(" ".join(t.split()), i)
    for i, t in enumerate(texts):
        for piece in tok.to_sentences(" ".join(t.split())):
            index_of.setdefault(piece, i)
    ranked: list = []

    def record(infos: list) -> list:
        ranked.extend(infos)
        return infos[:1]

    make_summarizer(name, title)(document, record)
    out: list[int] = []
    seen: set[int] = set()
    for info in ranked:
        i = index_of.get(str(info.sentence))
        if i is not None and i not in seen:
            seen.add(i)
            out.append(i)
    # sentences sumy never rated (e.g. a heading it dropped) go last, in order
    out.extend(i for i in range(len(texts)) if i not in seen)
    return out
