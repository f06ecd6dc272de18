"""Does a sentence stand alone when shown out of its article? A shared predicate.

Answers quote single sentences (summary, brief, compare, digest), so a sentence that only
makes sense after the one before it misleads: a list fragment ("Hawija, Al-Qa'im, Tal
Afar."), an opening connective or pronoun whose antecedent is not shown ("And Tal Afar is
where ...", "He had decided to support the plans ...", "No, they are not all ISIS."), and
relative time words ("today", "in recent days") in an answer dated another day. Cheap
rules on the surface form: every caller can afford them on every candidate sentence.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

log = logging.getLogger(__name__)

# An opening word that points back to the previous sentence.
CONNECTIVES = frozenset("""and but so also yet or nor then still however instead moreover
furthermore besides thus therefore hence meanwhile otherwise likewise similarly indeed
nevertheless nonetheless consequently""".split())  # noqa: SIM905
PRONOUNS = frozenset("""he she it they this that these those his her its their them him we
such there's here here's both either neither others""".split())  # noqa: SIM905
ANSWERS = frozenset(("yes", "no", "well", "oh"))
# A clause that only finishes the sentence before it: "Because the wounds of war aren't
# mended in a moment." ("Because of the war, ..." has its own main clause.)
_SUBORDINATE_ONLY = re.compile(r"[\"“‘'(\[]*(?:because(?!\s+of\b)|as\s+(?:they|he|she|it|we)\b)",
                               re.IGNORECASE)
MIN_WORDS = 4  # "Here's why.", "But hang on.": shorter sentences say nothing alone
_OPENING = re.compile(r"[\"“‘'(\[]*([A-Za-z’']+)")
_WORD = re.compile(r"[A-Za-z][A-Za-z’'-]*")
RELATIVE_TIME = re.compile(
    r"\b(?:today|tonight|yesterday|tomorrow|this (?:morning|afternoon|evening|week|month|year)|"
    r"last (?:night|week|month|year)|next (?:week|month|year)|in recent (?:days|weeks|months)|"
    r"(?:earlier|later) (?:this|today)|recently|currently|right now|so far this)\b",
    re.IGNORECASE)


def opening_word(text: str) -> str:
    m = _OPENING.match(text.strip())
    return m.group(1).casefold().replace("’", "'") if m else ""


def is_list_fragment(text: str) -> bool:
    """Names and commas without a clause: "Hawija, Al-Qa'im, Tal Afar." ."""
    words = _WORD.findall(text)
    if not words:
        return True
    lower = [w for w in words if w[0].islower() and w.casefold() not in ("and", "or", "of",
                                                                          "the", "al", "el")]
    return not lower and ("," in text or len(words) <= 4)


def is_fragment(text: str) -> bool:
    """A list of names, a few words, or a piece of a quotation or sentence: the tail of a
    quote opened in an earlier sentence ('ISIS will challenge this.”') or a lower-case
    continuation."""
    stripped = text.strip().lstrip("\"“‘'( ")
    return (is_list_fragment(text) or len(_WORD.findall(text)) < MIN_WORDS
            or (bool(stripped) and stripped[0].islower())
            or text.count("”") > text.count("“"))


def leans_back(text: str) -> bool:
    """Opens with a connective, a pronoun or a reply word whose antecedent is not shown."""
    first = opening_word(text)
    head = first.split("'")[0]
    return first in CONNECTIVES or head in PRONOUNS or first in PRONOUNS or (
        first in ANSWERS and bool(re.match(r"[\"“‘'(\[]*\w+\s*,", text.strip()))) or bool(
        _SUBORDINATE_ONLY.match(text.strip()))


def stands_alone(text: str) -> bool:
    """True when the sentence can be quoted on its own (see the module docstring)."""
    return not is_fragment(text) and not leans_back(text)


def relative_time(text: str) -> str:
    """The first relative time phrase in ``text`` ("today", "in recent days"), or "".

    A capitalised word inside the sentence is a name, not a time ("BBC Radio 4's Today
    programme", "USA Today")."""
    for m in RELATIVE_TIME.finditer(text):
        before = text[:m.start()].rstrip()
        inside = bool(before) and before[-1] not in "\"“‘'(:—–-"
        if not (inside and m.group(0)[0].isupper()):
            return m.group(0)
    return ""


def published_date(value: str | None) -> date | None:
    """A document's ``published`` field (ISO date or date-time) as a date, or None."""
    try:
        return date.fromisoformat((value or "")[:10])
    except ValueError:
        return None


def fits_date(text: str, published: date | None, on: date) -> bool:
    """May ``text`` be shown in an answer dated ``on``? Relative time words are anchored to
    the article's date, so they read right only when that date is ``on``."""
    return not relative_time(text) or (published is not None and published == on)


def time_anchor(text: str, published: date | str | None) -> str:
    """"article of 10 July 2017" when ``text`` says "today" or the like and its article's
    date is known, so the reader knows which day it means; "" otherwise."""
    day = published_date(published) if isinstance(published, str) or published is None \
        else published
    if day is None or not relative_time(text):
        return ""
    return f"article of {day.day} {day:%B %Y}"


# -- whole answers ---------------------------------------------------------------------------

class Quoted(Protocol):
    """A sentence as an answer shows it (SentenceItem, or anything with these fields)."""

    text: str
    doc_id: str
    position: int


@dataclass(frozen=True, slots=True)
class Problem:
    """A shown sentence that does not stand alone, and why."""

    text: str
    reason: str  # "fragment" | "leans back" | "relative time"


def follows(item: Any, before: Any) -> bool:
    """``item`` is shown right after the sentence before it in its article (its antecedent)."""
    return (before is not None and before.doc_id == item.doc_id
            and before.position == item.position - 1)


def problems(items: Sequence[Quoted], *, on: date | None = None,
             published: Callable[[str], date | None] | None = None) -> list[Problem]:
    """Every shown sentence that would mislead: a fragment, an opener whose antecedent is
    not the item shown just before it, a relative time word with no date beside it. With
    ``on`` (a digest's day) and ``published``, a "today" from an article of that very day
    is fine without an anchor."""
    out: list[Problem] = []
    for k, item in enumerate(items):
        prev = items[k - 1] if k else None
        if is_fragment(item.text):
            out.append(Problem(item.text, "fragment"))
        elif leans_back(item.text) and not follows(item, prev):
            out.append(Problem(item.text, "leans back"))
        elif relative_time(item.text) and not getattr(item, "anchor", "") and not (
                on is not None and published is not None
                and fits_date(item.text, published(item.doc_id), on)):
            out.append(Problem(item.text, "relative time"))
    return out


def quotable_order(rows: Sequence[int], sentences: Sequence[Any],
                   published: Callable[[str], date | None] | None = None) -> list[int]:
    """Candidate rows (best first) reordered for an answer that quotes sentences: those
    that stand alone first, then those that lean on an antecedent that stands alone (shown
    with it by :func:`with_antecedents`), then, with ``published`` given, those whose
    relative time words cannot be dated; fragments never.

    ``sentences[row]`` has ``text``, ``doc_id`` and ``position``; the row before a
    sentence's row is the sentence before it in its article when both share ``doc_id``.
    """
    alone: list[int] = []
    paired: list[int] = []
    undated: list[int] = []
    for r in rows:
        text = sentences[r].text
        if is_fragment(text):
            continue
        if leans_back(text):
            if _antecedent(r, sentences) is not None:
                paired.append(r)
        elif published is not None and relative_time(text) and published(
                sentences[r].doc_id) is None:
            undated.append(r)
        else:
            alone.append(r)
    return alone + paired + undated


def dates_of(corpus: Any) -> Callable[[str], date | None]:
    """doc_id -> the document's publication date (None when unknown)."""
    return lambda doc_id: published_date(corpus.documents[doc_id].published) \
        if doc_id in corpus.documents else None


def quotable_picks(ranked: Sequence[int], sentences: Sequence[Any], corpus: Any, count: int,
                   pick: Callable[[list[int], int], list[int]]) -> list[int]:
    """Up to ``count`` rows for an answer, every one quotable: ``pick(rows, count)`` (the
    caller's own choice, e.g. without near-duplicates) runs over :func:`quotable_order`,
    and a leaning sentence comes with its antecedent (:func:`with_antecedents`)."""
    order = quotable_order(ranked, sentences, dates_of(corpus))
    return with_antecedents(pick(order, count), sentences, count)


def keep_quotable(picked: Sequence[int], ranked: Sequence[int], sentences: Sequence[Any], *,
                  n_words: Sequence[int] | None = None, words: int | None = None,
                  similar: Callable[[int, set[int]], bool] | None = None) -> list[int]:
    """A selection (rows, shown in reading order) where every sentence reads on its own.

    An opener whose antecedent (the row before) is not selected brings it in, when the
    antecedent, or the first of at most :data:`MAX_CHAIN` openers before it, stands
    alone; otherwise it is taken out, as is every fragment. The selection then keeps to
    its size (``len(picked)`` sentences, or the ``words`` budget at ``n_words[row]``
    words each) by leaving out its lowest ``ranked`` sentences (with the openers that
    needed them), and spare room goes to the best ``ranked`` rows that stand alone and
    are not ``similar`` to the selection. Nothing quotable at all: the selection as it
    was, rather than an empty answer.
    """
    keep = set(picked)
    rank = {r: k for k, r in enumerate(ranked)}
    worst = len(rank)

    def ok(r: int) -> bool:
        text = sentences[r].text
        if is_fragment(text):
            return False
        return not leans_back(text) or (r - 1 in keep and follows(sentences[r],
                                                                    sentences[r - 1]))

    def settle() -> None:
        while bad := {r for r in keep if not ok(r)}:
            keep.difference_update(bad)

    for r in sorted(keep):
        if r in keep and not ok(r) and not is_fragment(sentences[r].text):
            keep.update(_chain(r, sentences))
    settle()
    if keep == set(picked):
        return list(picked)

    def size() -> int:
        return sum(n_words[r] for r in keep) if words is not None and n_words is not None \
            else len(keep)

    limit = words if words is not None and n_words is not None else len(picked)
    while size() > limit and len(keep) > 1:
        # the lowest-ranked sentence no kept opener needs (an antecedent ranks as its opener)
        needed = {r - 1 for r in keep if leans_back(sentences[r].text)}
        free = [r for r in keep if r not in needed] or list(keep)
        keep.discard(max(free, key=lambda r: (rank.get(r, worst), r)))
        settle()
    for r in ranked:
        if len(keep) >= len(picked) and words is None:
            break
        if r in keep or not stands_alone(sentences[r].text):
            continue
        extra = n_words[r] if words is not None and n_words is not None else 1
        if size() + extra > limit or (similar is not None and keep and similar(r, keep)):
            continue
        keep.add(r)
    return sorted(keep) if keep else list(picked)


MAX_CHAIN = 2


def _chain(row: int, sentences: Sequence[Any]) -> list[int]:
    """The rows before ``row`` it needs shown (antecedent, and its own antecedent when that
    one leans back too), up to :data:`MAX_CHAIN`; [] when none of them stands alone."""
    out: list[int] = []
    r = row
    while len(out) < MAX_CHAIN and r > 0 and follows(sentences[r], sentences[r - 1]):
        r -= 1
        if is_fragment(sentences[r].text):
            return []
        out.append(r)
        if not leans_back(sentences[r].text):
            return out
    return []


def _antecedent(row: int, sentences: Sequence[Any]) -> int | None:
    """The row of the sentence before ``row`` in its article if it stands alone."""
    if row <= 0:
        return None
    s, before = sentences[row], sentences[row - 1]
    if before.doc_id != s.doc_id or before.position != s.position - 1:
        return None
    return row - 1 if stands_alone(before.text) else None


def with_antecedents(picked: Sequence[int], sentences: Sequence[Any],
                     limit: int | None = None) -> list[int]:
    """``picked`` with each leaning sentence shown right after its antecedent, so it reads
    as its article wrote it. A leaning sentence with no antecedent to show is dropped.
    With ``limit``, whole units (a sentence, or an antecedent and its sentence) are kept
    from the front while they fit, always at least one."""
    units: list[list[int]] = []
    placed: set[int] = set()
    for r in picked:
        if r in placed:
            continue
        if not leans_back(sentences[r].text):
            units.append([r])
            placed.add(r)
            continue
        a = _antecedent(r, sentences)
        if a is None:
            continue
        if a in placed:  # shown already: put this one right after it
            unit = next(u for u in units if a in u)
            unit.insert(unit.index(a) + 1, r)
        else:
            units.append([a, r])
            placed.add(a)
        placed.add(r)
    out: list[int] = []
    for unit in units:
        if limit is not None and out and len(out) + len(unit) > limit:
            continue
        out.extend(unit)
    return out
