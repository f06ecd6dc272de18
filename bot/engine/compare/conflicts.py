"""Conflicts: figures on the same subject that differ between sources.

Two figures from different sources are about the same subject when they are of
the same type and measure the same thing (same ``key``: a count's unit and event,
a rank's measure/owner/noun, a duration's activity) and, for ranks, are not stated of
two different names ("Munich Re, the world's largest reinsurer" and "Swiss Re, the
world's second biggest": two companies, no conflict). Dates carry no key, so two
dates are compared only when their sentences are near-paraphrases, each holds
a single date, and the claim matcher (its first stage, at its own threshold) reads
the two sentences as the same claim once both carry the same date. Comparable figures
are grouped (union-find); a group is
- a *contradiction* when two sources give non-overlapping figures with the same scope,
- *different measures* when their figures do not overlap but their scopes differ
  (e.g. "displaced by the fighting" vs "fled since the ISIS takeover"),
- *consistent* otherwise (overlapping intervals: "more than eight months" and
  "a nearly nine-month operation").
"""

from __future__ import annotations

import functools
import logging
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from bot.corpus.model import Sentence
from bot.engine.compare.figures import EVENT_LABELS, Figure, same_holder
from bot.engine.compare.model import Claim, Conflict
from bot.engine.compare.participants import mentions, participant_names

log = logging.getLogger(__name__)

DATE_SIMILARITY = 0.35  # sentences must be this close for their dates to be "the same event"
# Two counts of one kind ("people killed") contradict only when their sentences report the
# same event: a death toll in Chile and one in Spain, or from two bombings, are different
# measures, not a contradiction. Ranks and durations carry their subject in their key.
EVENT_SIMILARITY = 0.35
# Two dates share words with many sentences about other events ("Tiananmen Square student
# leader in 1989" / "... since Tiananmen Square student leader Wang Dan in 1996"): they are
# compared only when the claim matcher also reads the two sentences as one claim once the
# second's date is written into the first (the matcher holds differing figures against a
# pair, and a contradiction is the same claim with another date: "Lahoud, appointed army
# commander in 1989 ..." / "... appointed army commander in 1988 ...").
SameClaim = Callable[[str, str], bool]
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


@dataclass(frozen=True, slots=True)
class Located:
    figure: Figure
    index: int  # row in the pool
    sentence: Sentence
    source: str  # source label
    source_key: str
    article: str = ""  # the whole text of the sentence's article (a rank's or a count's)


_COMMON_OWNERS = frozenset(("world", "nation", "country", "region", "continent", "city",
                            "state", "province", "county", "industry", "market", "sector"))


def _subject(f: Figure) -> str:
    if f.type == "rank":
        measure, owner, noun = f.key.split("|")
        # (an abbreviation keeps its capitals: "airline size rank in US", not "in Us"; a
        # common noun its article: "economy size rank in the world", not "in World")
        place = owner.upper() if len(owner) <= 3 else f"the {owner}" \
            if owner in _COMMON_OWNERS else owner.title()
        where = f" in {place}" if owner else ""
        return f"{noun} {measure} rank{where}"
    if f.type == "count":
        unit, event = f.key.split("|")
        label = EVENT_LABELS.get(event, event)
        return label.replace("people", unit) if unit != "people" else label
    if f.type == "duration":
        return f"length of the {f.key}"
    return "date"


def _comparable(a: Located, b: Located, sim: np.ndarray, date_ok: set[int],
                same_claim: SameClaim | None = None) -> bool:
    fa, fb = a.figure, b.figure
    if a.source_key == b.source_key or fa.type != fb.type:
        return False
    if fa.type == "date":
        return (a.index in date_ok and b.index in date_ok and fa.unit == fb.unit
                and fa.unit != "ago" and sim[a.index, b.index] >= DATE_SIMILARITY
                and (same_claim is None  # one claim but for the dates: b's date put in a
                     or same_claim(a.sentence.text.replace(fa.text, fb.text, 1),
                                   b.sentence.text)))
    return bool(fa.key) and fa.key == fb.key and (fa.type != "rank" or (
        same_holder(fa, fb) and _holder_in_article(a, b) and _holder_in_article(b, a)
        and _subjects_meet(a, b)))


@functools.lru_cache(maxsize=2048)
def _article_names(article: str) -> dict[str, tuple[int, int]]:
    """Each capitalised name an article's sentences write (a sentence's first word aside),
    in order of first mention: how many times, and the sentence it first appears in."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for k, sentence in enumerate(_SENTENCE_END.split(article)):
        for name in participant_names(sentence, sentence=True):
            name = name[:-1] if name.endswith(".") and name.count(".") == 1 else name
            counts[name] += 1
            first.setdefault(name, k)
    return {name: (counts[name], k) for name, k in first.items()}


@functools.lru_cache(maxsize=2048)
def _article_subject(article: str) -> str:
    """The name an article is about: the capitalised name its sentences write most often
    (ties to the earlier); "" when it writes none twice."""
    names = _article_names(article)
    if not names:
        return ""
    name, (n, _) = min(names.items(), key=lambda item: (-item[1][0], item[1][1]))
    return name if n >= 2 else ""


@functools.lru_cache(maxsize=2048)
def _named_twice(article: str) -> frozenset[str]:
    """The names an article writes at least twice."""
    return frozenset(name for name, (n, _) in _article_names(article).items() if n >= 2)


def _stories_meet(a: Located, b: Located) -> bool:
    """Whether two counts of one measure may be set side by side though their sentences
    tell of different events: their articles share a name each writes twice (the seeds'
    "over 500,000 residents have fled since the ISIS takeover" and "Up to 190,000 people
    have been displaced by the fighting", both stories of Mosul). Either article unread:
    True."""
    if not a.article or not b.article:
        return True
    return bool(_named_twice(a.article) & _named_twice(b.article))


def _subjects_meet(a: Located, b: Located) -> bool:
    """Two ranks stated of no name ("The world's second biggest insurer said ...", "...,
    the world's biggest insurer said."): the same thing only if each article mentions the
    name the other is about (Swiss Re's story and Marsh & McLennan's: two insurers,
    news_claim_heldout23). Either article unread, or about no name: as before."""
    if a.figure.holder or b.figure.holder or not a.article or not b.article:
        return True
    sa, sb = _article_subject(a.article), _article_subject(b.article)
    if not sa or not sb:
        return True
    return mentions(b.article, sa) and mentions(a.article, sb)


def _holder_in_article(a: Located, b: Located) -> bool:
    """Whether a rank stated of no name ("Shares in the fifth biggest US carrier fell")
    may be about what the other rank is stated of: its article mentions that name.
    Continental's story never names US Airways, "the seventh-largest US airline"
    (news_claim_heldout11); the seeds' "to retake Iraq's second largest city" is in an
    article about Mosul, "Iraq's third most populous city"."""
    if a.figure.holder or not b.figure.holder or not a.article:
        return True
    return mentions(a.article, b.figure.holder)


def _same_event(a: Located, b: Located, sim: np.ndarray) -> bool:
    return a.figure.type != "count" or sim[a.index, b.index] >= EVENT_SIMILARITY


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _note(kind: str, members: Sequence[Located]) -> str:
    if kind == "consistent":
        return "figures agree within their stated precision: " + "; ".join(
            dict.fromkeys(m.figure.text for m in members))
    if kind == "contradiction":
        return "sources disagree: " + " vs ".join(dict.fromkeys(
            f"{m.figure.text} ({m.source})" for m in members))
    scopes = [", ".join(sorted(m.figure.scope)) or "no scope stated" for m in members]
    return "different measures, not a contradiction: " + " vs ".join(dict.fromkeys(
        f"{m.figure.text} [{s}]" for m, s in zip(members, scopes, strict=True)))


def find_conflicts(located: list[Located], sim: np.ndarray,
                   same_claim: SameClaim | None = None) -> tuple[list[Conflict],
                                                                 list[Conflict]]:
    """Conflicts and agreements among ``located`` figures; ``sim`` is pool sentence cosine.
    ``same_claim`` (the claim matcher's decision on two sentences, when it is there) must
    also hold for two dates to be compared, asked with the second sentence's date written
    into the first: a date carries no key of its own."""
    date_counts: dict[int, int] = {}
    for loc in located:
        if loc.figure.type == "date":
            date_counts[loc.index] = date_counts.get(loc.index, 0) + 1
    date_ok = {i for i, n in date_counts.items() if n == 1}
    n = len(located)
    parent = list(range(n))
    relation: dict[tuple[int, int], str] = {}
    for i in range(n):
        for j in range(i + 1, n):
            a, b = located[i], located[j]
            if not _comparable(a, b, sim, date_ok, same_claim):
                continue
            same_event = _same_event(a, b, sim)
            if a.figure.overlaps(b.figure):
                relation[i, j] = "consistent"
            elif a.figure.scope == b.figure.scope and same_event:
                relation[i, j] = "contradiction"
            elif same_event or _stories_meet(a, b):
                relation[i, j] = "different measures"
            else:
                # two stories that share only a measure ("The Siemens plant ... employs
                # 2,000 staff" in one on the EU economy, "It employs 50,000 staff in
                # Kazakhstan alone" in Mittal's): neither a conflict nor figures a reader
                # needs set side by side
                continue
            parent[_find(parent, i)] = _find(parent, j)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(_find(parent, i), []).append(i)
    conflicts, agreements = [], []
    for members in groups.values():
        if len(members) < 2:
            continue
        kinds = {relation[i, j] for i in members for j in members if (i, j) in relation}
        if not kinds:
            continue
        kind = next(k for k in ("contradiction", "different measures", "consistent")
                    if k in kinds)
        locs = sorted((located[i] for i in members),
                      key=lambda m: (m.source, m.sentence.doc_id, m.sentence.position))
        if kind == "different measures" and not any(m.figure.scope for m in locs):
            # no figure says what it measures apart: the sentences report other events ("SBC
            # currently employs 163,000 people" and "20,000 workers lost their jobs" when
            # WorldCom collapsed): nothing a reader of a comparison needs (issue 11: "otherwise
            # nothing"). Session 72: 7 of the 15 groups of figures on different things over
            # 300 BBC dev-scan topics, 43 of the 95 conflict groups of the 37 news fixtures
            continue
        claims = [Claim(m.sentence.text, m.figure.text, m.sentence.doc_id, m.source,
                        m.sentence.position, m.figure.type, sorted(m.figure.scope))
                  for m in locs]
        conflict = Conflict(_subject(locs[0].figure), kind, _note(kind, locs), claims)
        (agreements if kind == "consistent" else conflicts).append(conflict)
    order = {"contradiction": 0, "different measures": 1}
    conflicts.sort(key=lambda c: (order[c.kind], -len(c.claims)))
    return conflicts, _merge_same_notes(agreements)


def _merge_same_notes(agreements: list[Conflict]) -> list[Conflict]:
    """One agreement per subject and note: two groups of the same figures ("date: 1975"
    in two pairs of sentences) read as a duplicate line; their claims are listed together."""
    merged: dict[tuple[str, str], Conflict] = {}
    for a in agreements:
        first = merged.setdefault((a.subject, a.note), a)
        if first is not a:
            first.claims.extend(c for c in a.claims if c not in first.claims)
    return list(merged.values())
