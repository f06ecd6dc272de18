"""What anchors an event in a sentence: its date expressions, its named participants, its
event words. Cheap features of a sentence pair for the point model (points.py).

Two outlets stating one event in other words ("ISF started its siege of the city in
October" / "In October of last year, Iraqi and coalition forces launched an offensive")
share little vocabulary but the same anchors: a date expression (month, year, weekday),
participants named by one alias or another (an acronym and its spelled-out words; a
country and its adjective), and event words that are near-synonyms. Each is computed
without parsing (regular expressions and the GloVe vectors the claim matcher already
loads), so a comparison pays microseconds a pair.

Features (ANCHOR_FEATURES), all of the two whole sentences:

- ``dates_shared``: 1 when both name a date and share a month, a year or a weekday;
- ``dates_differ``: 1 when both name a date and share none of them;
- ``anchors_shared``: the share of the smaller side's named participants that find a
  counterpart on the other side: the same word, an acronym of the other side's words
  ("ISF" / "Iraqi Security Forces", "U.S." / "United States"), or one name the start of
  the other ("Iraq" / "Iraqi", "Syria" / "Syrians"); 0 when either side names none;
- ``event_min``: the words the side with fewer of them does not share with the other
  (content words, no names, dates or numbers), each with its best GloVe cosine among the
  other side's unshared words, weighted by rarity as the claim matcher weighs words (how
  well the words a claim puts differently find near-synonyms; the longer side may say
  more), 1 when that side has no unshared word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from bot.engine.compare.claims import STOPWORDS
from bot.engine.compare.vectors import WordVectors, glove

ANCHOR_FEATURES: tuple[str, ...] = ("dates_shared", "dates_differ", "anchors_shared",
                                    "event_min")

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}
# abbreviations that are also words count only with their full stop ("Oct." not "oct")
_ABBREVIATED_ONLY = frozenset(("mar", "may", "jun", "jul", "aug", "sep", "dec", "jan"))
_WEEKDAYS = {
    "monday": "mon", "tuesday": "tue", "wednesday": "wed", "thursday": "thu",
    "friday": "fri", "saturday": "sat", "sunday": "sun",
}
COMMON_WORDS = 2000  # a capitalised first word this common in GloVe is no name ("Fighters")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’.&-]*[A-Za-z.]|[A-Za-z]|\d[\d,.]*\d|\d")
_RUN_SKIP = frozenset(("of", "the", "and", "for", "&"))
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)s?$")


def date_keys(text: str) -> frozenset[str]:
    """The date expressions of a sentence, normalised: months (m10), years (y2016),
    weekdays (d:sat). "May" counts when capitalised and not the sentence's first word."""
    keys = set()
    raw = _WORD.findall(text)
    for i, tok in enumerate(raw):
        low = tok.lower().rstrip(".")
        if _YEAR.match(low):
            keys.add("y" + low[:4])
        elif low in _MONTHS and tok[0].isupper():
            if low == "may" and i == 0:
                continue
            if low in _ABBREVIATED_ONLY and low != "may" and not tok.endswith("."):
                continue
            keys.add(f"m{_MONTHS[low]}")
        elif low in _WEEKDAYS and tok[0].isupper():
            keys.add("d:" + _WEEKDAYS[low])
    return frozenset(keys)


def _is_date_word(low: str) -> bool:
    return low in _MONTHS or low in _WEEKDAYS or bool(_YEAR.match(low))


@dataclass(frozen=True, slots=True)
class _Anchored:
    names: tuple[str, ...]  # named participants, lowered, full stops dropped
    runs: tuple[tuple[str, ...], ...]  # runs of consecutive words (for acronyms)
    event: tuple[str, ...]  # content words that are no name, date or number
    dates: frozenset[str]


def _analyse(text: str, vectors: WordVectors | None) -> _Anchored:
    raw = _WORD.findall(text.replace("’", "'"))
    names: list[str] = []
    event: list[str] = []
    for i, tok in enumerate(raw):
        low = tok.lower().rstrip(".").replace(".", "")
        if not low or tok[0].isdigit() or _is_date_word(low):
            continue
        acronym = len(low) >= 2 and tok.replace(".", "").isupper()  # U.S., UN, ISF
        if tok[0].isupper() and (low not in STOPWORDS or acronym):
            # a sentence's first word is a name when written in capitals or rare
            rank = vectors.rank(low) if vectors is not None else None
            if i > 0 or tok.isupper() or rank is None or rank > COMMON_WORDS:
                names.append(low)
                continue
        if low not in STOPWORDS and len(low) > 2 and low.isalpha():
            event.append(low)
    # runs of words from a capitalised one, function words left out ("Iraqi Security
    # Forces", "United States", "Bank of England"): what an acronym may stand for
    words = [t for t in raw if t[0].isalpha()]
    runs = []
    for i, first in enumerate(words):
        if not first[0].isupper():
            continue
        run = [first.lower()]
        for w in words[i + 1:]:
            if w.lower() in _RUN_SKIP:
                continue
            run.append(w.lower())
            if len(run) > 5:
                break
            runs.append(tuple(run))
    return _Anchored(tuple(dict.fromkeys(names)), tuple(runs), tuple(dict.fromkeys(event)),
                     date_keys(text))


@lru_cache(maxsize=4096)
def analyse(text: str) -> _Anchored:
    return _analyse(text, glove())


def _alias(name: str, other: _Anchored) -> bool:
    """Whether ``name`` has a counterpart among the other side's names or words."""
    for o in other.names:
        if o == name:
            return True
        short, long_ = (o, name) if len(o) <= len(name) else (name, o)
        if len(short) >= 4 and long_.startswith(short) and len(long_) - len(short) <= 3:
            return True  # Iraq / Iraqi, Syria / Syrians, America / American
    if 2 <= len(name) <= 5 and name.isalpha():
        # an acronym: the initials of a run of the other side's words (function words out)
        return any(len(run) == len(name) and "".join(w[0] for w in run) == name
                   for run in other.runs)
    return False


def _anchors_shared(a: _Anchored, b: _Anchored) -> float:
    if not a.names or not b.names:
        return 0.0
    small, other = (a, b) if len(a.names) <= len(b.names) else (b, a)
    found = sum(1 for n in small.names if _alias(n, other))
    # the other direction too: an acronym on the larger side spelled out on the smaller
    back = sum(1 for n in other.names if _alias(n, small))
    return min(1.0, max(found, back) / len(small.names))


def _event_side(words: list[str], other: list[str], vectors: WordVectors | None) -> float:
    if not words:
        return 1.0
    if not other or vectors is None:
        return 0.0
    sims = np.clip((vectors.vectors(words) @ vectors.vectors(other).T).max(axis=1), 0.0, 1.0)
    weights = np.array([vectors.weight(w) for w in words])
    return float((sims * weights).sum() / weights.sum())


def _event_min(a: _Anchored, b: _Anchored, vectors: WordVectors | None) -> float:
    """How well the shorter claim's own words find near-synonyms in the other sentence's
    own words (the longer side may say more: its extra words are not asked)."""
    sa, sb = set(a.event), set(b.event)
    only_a = [w for w in a.event if w not in sb]
    only_b = [w for w in b.event if w not in sa]
    if len(only_b) < len(only_a):
        only_a, only_b = only_b, only_a
    return _event_side(only_a, only_b, vectors)


def anchor_features(pairs: list[tuple[str, str]]) -> np.ndarray:
    """ANCHOR_FEATURES of sentence pairs, one row a pair."""
    vectors = glove()
    out = np.zeros((len(pairs), len(ANCHOR_FEATURES)))
    for k, (ta, tb) in enumerate(pairs):
        a, b = analyse(ta), analyse(tb)
        both = bool(a.dates) and bool(b.dates)
        shared = bool(a.dates & b.dates)
        out[k] = (float(shared), float(both and not shared), _anchors_shared(a, b),
                  _event_min(a, b, vectors))
    return out
