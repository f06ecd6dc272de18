"""Angle labels a reader can use: "humanitarian appeal: Old City, medical" or nothing.

A comparison labels each source's angle with its frame, its voice and a few terms it
uses more than the others. Distinctive by share is not the same as telling: "battle,
easy, issue", "old", "section", "united" are words one source happens to use more, and
say nothing about how it covers the story. A term is kept only when it names something
(a name as the source writes it, "Old City" rather than "old", "United States" rather
than "united") or belongs to a frame's lexicon (a word known to carry a topic:
"displaced", "airstrikes", "medical"); everything else is left out, and a label left with
nothing is empty rather than filler.
"""

from __future__ import annotations

import functools
import logging
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

log = logging.getLogger(__name__)

#: share of a word's mid-sentence occurrences that must be capitalised for it to be a name
NAME_SHARE = 0.6
_NAME_WORD = r"(?:al-)?[A-Z][\w’']*(?:-[A-Z][\w’']*)*"
_NAME_RUN = re.compile(rf"{_NAME_WORD}(?:\s+(?:of\s+(?:the\s+)?)?{_NAME_WORD})*")
_SENTENCE_START = re.compile(r"^[\W_]*$")


@functools.lru_cache(maxsize=4096)
def _name_runs(text: str) -> tuple[tuple[int, int, str], ...]:
    """The capitalised runs of a text (start, end, run), in order."""
    return tuple((m.start(), m.end(), m.group(0)) for m in _NAME_RUN.finditer(text))


def _occurrences(word: str, texts: Iterable[str]) -> tuple[int, Counter[str]]:
    """Mid-sentence occurrences of ``word`` and the capitalised runs that hold it."""
    pattern = re.compile(rf"\b{re.escape(word)}\b", re.IGNORECASE)
    lowered = word.lower() if word.isascii() else None
    total = 0
    runs: Counter[str] = Counter()
    for text in texts:
        if lowered is not None and text.isascii() and lowered not in text.lower():
            continue  # (ASCII: no case-blind match without the lower-case substring)
        for m in pattern.finditer(text):
            if _SENTENCE_START.match(text[:m.start()]):
                continue  # a capital at the start of a sentence says nothing
            total += 1
            if not m.group(0)[0].isupper():
                continue
            for start, end, run in _name_runs(text):
                if start <= m.start() < end:
                    runs[run] += 1
                    break
    return total, runs


def readable_term(term: str, texts: Sequence[str], topical: Iterable[str] = ()) -> str:
    """``term`` as a reader can use it ("Old City" for "old"), or "" when it says nothing."""
    total, runs = _occurrences(term, texts)
    if total and sum(runs.values()) >= NAME_SHARE * total:
        return runs.most_common(1)[0][0]
    if term.casefold() in {w.casefold() for w in topical}:
        return term
    return ""


def angle_label(frame: str, voice: str, terms: Sequence[str], texts: Sequence[str],
                frames: Mapping[str, Iterable[str]] | None = None) -> tuple[str, list[str]]:
    """The angle ("military reporting: ISF, airstrikes") and the terms kept in it.

    ``texts`` are the source's sentences (to tell names from words); ``frames`` maps each
    frame to its lexicon, whose words are kept as terms.
    """
    topical = {w for words in (frames or {}).values() for w in words}
    kept = list(dict.fromkeys(t for t in (readable_term(term, texts, topical) for term in terms)
                              if t))
    label = " ".join(w for w in (frame, voice) if w)
    if not kept:
        return label, []
    return (f"{label}: {', '.join(kept)}" if label else ", ".join(kept)), kept
