"""Which sentences an answer may quote, in what order, and what is wrong with a whole answer.

Built on the stand-alone rules (:mod:`bot.engine.standalone`, :mod:`bot.engine.descriptions`,
:mod:`bot.engine.timewords`): :func:`quotable_order` ranks a selection's candidates in tiers
(those that stand alone first, then an opener shown right after its antecedent, then the
rest), :func:`quotable_picks` picks a brief's lines from it, :func:`keep_quotable` mends a
summary's picks (an opener brings its antecedent in or gives its room to a sentence that stands
alone; an undated "today" gives its place), :func:`reads_alone` and :func:`with_antecedents`
tell and bring in a sentence's antecedent, and :func:`problems` lists every shown sentence of
a whole answer that would mislead.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import islice
from typing import Any, Protocol

from bot.engine.descriptions import (
    reference_hidden,
    source_hidden,
    subject_hidden,
    titles_of,
)
from bot.engine.standalone import (
    definite_reference,
    demonstrative_reference,
    follows,
    inside_quotation,
    is_fragment,
    leans_back,
    needs_before,
    never_quoted,
    readers_comment,
    stands_alone,
    unnamed_speaker,
)
from bot.engine.timewords import (
    UNDATED,
    dates_of,
    fits_date,
    relative_time,
    unanchored,
    undated_time,
)

log = logging.getLogger(__name__)


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
    #: "fragment" | "leans back" | "relative time" | "undated, marked" (a relative time word
    #: shown with "(undated article)" beside it: not misleading, but it says little)
    reason: str


def problems(items: Sequence[Quoted], *, on: date | None = None,
             published: Callable[[str], date | None] | None = None) -> list[Problem]:
    """Every shown sentence that would mislead: a fragment, an opener whose antecedent is
    not the item shown just before it, a quotation whose speaker it does not name and
    that does not follow the sentence before it, one speaking of "this <thing>" that does
    not follow it ("refers back"), a relative time word with no date beside it. With
    ``on`` (a digest's day) and ``published``, a "today" from an article of that very day
    is fine without an anchor."""
    out: list[Problem] = []
    for k, item in enumerate(items):
        prev = items[k - 1] if k else None
        if is_fragment(item.text):
            out.append(Problem(item.text, "fragment"))
        elif leans_back(item.text) and not follows(item, prev):
            out.append(Problem(item.text, "leans back"))
        elif unnamed_speaker(item.text) and not follows(item, prev):
            out.append(Problem(item.text, "unnamed speaker"))
        elif demonstrative_reference(item.text) and not follows(item, prev):
            out.append(Problem(item.text, "refers back"))
        elif relative_time(item.text) and getattr(item, "anchor", "") == UNDATED:
            out.append(Problem(item.text, "undated, marked"))
        elif relative_time(item.text) and not getattr(item, "anchor", "") and not (
                on is not None and published is not None
                and fits_date(item.text, published(item.doc_id), on)):
            out.append(Problem(item.text, "relative time"))
    return out


def quotable_order(rows: Sequence[int], sentences: Sequence[Any],
                   published: Callable[[str], date | None] | None = None,
                   titles: Callable[[str], str] | None = None, *,
                   last: bool = True) -> list[int]:
    """Candidate rows (best first) reordered for an answer that quotes sentences, in four
    tiers: those that stand alone; those that lean on an antecedent that stands alone, or
    quote a speaker they do not name (:func:`standalone.unnamed_speaker`; shown with the sentence
    before by :func:`with_antecedents`); with ``titles`` (doc_id -> the title shown), those
    that speak of "the report" or open on "The committee ..."
    (:func:`descriptions.reference_hidden`); last, with ``published`` given, those whose relative
    time words cannot be dated, and with ``titles`` those whose source is "the bank" or "the
    report" only (:func:`descriptions.definite_speaker`) or whose subject is a pronoun nothing
    before it names (:func:`descriptions.subject_hidden`). Fragments never.

    Without ``last`` the last tier comes only when no other row does.

    ``sentences[row]`` has ``text``, ``doc_id`` and ``position``; the row before a
    sentence's row is the sentence before it in its article when both share ``doc_id``.
    """
    alone: list[int] = []
    paired: list[int] = []
    unnamed: list[int] = []
    undated: list[int] = []
    for r in rows:
        text = sentences[r].text
        if never_quoted(sentences[r]):
            continue
        if needs_before(text, quoted=inside_quotation(sentences, r)):
            if antecedent(r, sentences) is not None:
                paired.append(r)
        elif (published is not None and undated_time(sentences[r], published)) or \
                source_hidden(sentences[r], titles) or subject_hidden(sentences[r], titles):
            undated.append(r)
        elif reference_hidden(sentences[r], titles):
            unnamed.append(r)  # milder: the line's own claim and source are clear
        else:
            alone.append(r)
    if last:
        return alone + paired + unnamed + undated
    return (alone + paired + unnamed) or undated


def quotable_picks(ranked: Sequence[int], sentences: Sequence[Any], corpus: Any, count: int,
                   pick: Callable[[list[int], int], list[int]]) -> list[int]:
    """Up to ``count`` rows for an answer, every one quotable: ``pick(rows, count)`` (the
    caller's own choice, e.g. without near-duplicates) runs over :func:`quotable_order`,
    and a leaning sentence comes with its antecedent (:func:`with_antecedents`). A line of
    the last tier (a relative time its undated article cannot place, a source that is only
    "the bank", a subject that is only "he") only when nothing else is there: the blind
    checks read such brief lines as needing context 89 times in 129 labels (session 72;
    the lines that stand alone 806 of 902), so a brief gives fewer lines rather than
    those."""
    order = quotable_order(ranked, sentences, dates_of(corpus), titles_of(corpus),
                           last=False)
    return with_antecedents(pick(order, count), sentences, count)


def keep_quotable(picked: Sequence[int], ranked: Sequence[int], sentences: Sequence[Any], *,
                  n_words: Sequence[int] | None = None, words: int | None = None,
                  similar: Callable[[int, set[int]], bool] | None = None,
                  published: Callable[[str], date | None] | None = None,
                  days_only: bool = True, stand_ins: bool = False,
                  titles: Callable[[str], str] | None = None,
                  need_speaker: bool = True) -> list[int]:
    """A selection (rows, shown in reading order) where every sentence reads on its own.

    An opener whose antecedent (the row before) is not selected brings it in, when the
    antecedent, or the first of at most :data:`MAX_CHAIN` openers before it, stands
    alone (with ``stand_ins``, and is not set aside as below); otherwise it is taken out,
    as is every fragment. The selection then keeps to
    its size (``len(picked)`` sentences, or the ``words`` budget at ``n_words[row]``
    words each) by leaving out its lowest ``ranked`` sentences (with the openers that
    needed them), and spare room goes to the best ``ranked`` rows that stand alone and
    are not ``similar`` to the selection. Nothing quotable at all: the selection as it
    was, rather than an empty answer.

    With ``need_speaker``, a quotation whose speaker the sentence does not name ('"...," he
    said.', or no speaker at all: :func:`standalone.unnamed_speaker`) is kept only right after the
    sentence before it; otherwise it is taken out (not brought in with it: in a
    multi-document summary that cost the DUC 2004 dev held-out R-1 0.17 more than leaving
    it out) and its room goes to a sentence that stands alone.

    With ``published`` (doc_id -> date), a sentence naming a day that cannot be anchored
    (:func:`timewords.unanchored` with ``days_only``: "today" in an undated article) gives its
    place to an equally good one: the best of the next :data:`SWAP_SPAN` sentences the
    selection would take after it (quotable, not ``similar``, fitting the budget) that
    has no such word (with ``stand_ins``, of the next :data:`SWAP_SPAN_STRONG`). With
    none there it stays, and the answer marks it (:data:`timewords.UNDATED`). A span ("last year",
    "this month", "recently") is only marked: swapping those out too took a business
    report's figures away (BBC business ROUGE-2, even half: 83.57 marked, 82.59
    swapped). With ``days_only`` False (a topic summary,
    whose lines come from many stories) every relative time word of an undated article
    counts, spans and weekdays too: over 200 BBC noun topics, 126 of 993 lines said "last
    year" or "on Tuesday" with no date to place it, 2 after. With ``stand_ins``, a line
    opening on a general noun that stands for a name only an earlier sentence gives ("The
    firm said ...": :func:`standalone.definite_reference`) gives its place the same way, and so,
    with ``titles`` too (doc_id -> the title shown), does one whose source is only "the
    bank" or "the report" (:func:`descriptions.definite_speaker`: "..., the bank said."), one whose
    subject is a pronoun nothing before it names (:func:`descriptions.subject_hidden`: "Starting in
    London, he visited ...", unless it is shown right after the sentence before it), and
    one that speaks of "the report" or "the ruling" inside it without saying which
    (:func:`descriptions.inner_reference`) or opens on a description only an earlier sentence names
    ("The committee also said ...", "Care has since closed ...":
    :func:`descriptions.opening_description`), a milder flaw: such a line takes the place of a line
    set aside for one of the others when no clean line is near.

    A sentence speaking of "this <thing>" named elsewhere
    (:func:`standalone.demonstrative_reference`: "Reading this quote from an Iraqi soldier ...") is
    treated as such a quotation is, in every summary: kept only right after the sentence before it,
    otherwise taken out for one that stands alone.
    """
    keep = set(picked)
    rank = {r: k for k, r in enumerate(ranked)}
    worst = len(rank)

    def stronger(r: int) -> bool:  # an undated time word; with ``stand_ins``, "The firm ..."
        if stand_ins and (definite_reference(sentences[r].text)
                          or source_hidden(sentences[r], titles)
                          or (subject_hidden(sentences[r], titles) and not (
                              r - 1 in keep and follows(sentences[r], sentences[r - 1])))):
            return True
        if published is None:
            return False
        if days_only:
            return unanchored(sentences[r], published, days_only=True)
        return undated_time(sentences[r], published)

    def milder(r: int) -> bool:  # with ``stand_ins``: "... the report.", "The panel's ..."
        return stand_ins and reference_hidden(sentences[r], titles)

    def set_aside(r: int) -> bool:
        return stronger(r) or milder(r)

    def alone(r: int) -> bool:  # quotable with no other sentence of the selection
        return reads_alone(sentences, r, speaker=need_speaker)

    def leaning(r: int) -> bool:  # shown only right after the sentence before it
        return needs_before(sentences[r].text, speaker=need_speaker,
                            quoted=need_speaker and inside_quotation(sentences, r))

    def ok(r: int) -> bool:
        if never_quoted(sentences[r]):
            return False
        return not leaning(r) or (r - 1 in keep and follows(sentences[r], sentences[r - 1]))

    def settle() -> None:
        while bad := {r for r in keep if not ok(r)}:
            keep.difference_update(bad)

    for r in sorted(keep):
        text = sentences[r].text
        if r in keep and not ok(r) and not is_fragment(text) and leans_back(text):
            chain = _chain(r, sentences)
            if stand_ins and chain and (set_aside(chain[-1])
                                        or not stands_alone(sentences[chain[-1]].text)):
                # with ``stand_ins``, an antecedent that itself opens on something untold
                # ("The term was popularised by ... Swift" before Yahoo's founder's words) is
                # no help: the opener goes. Checks 1-30's topic-summary runs whose first
                # sentence set aside so: 3 labels alone, 12 needing context
                chain = []
            keep.update(chain)
    settle()
    if keep == set(picked) and not any(set_aside(r) for r in keep):
        return list(picked)

    def size() -> int:
        return sum(n_words[r] for r in keep) if words is not None and n_words is not None \
            else len(keep)

    def weight(r: int) -> int:
        return n_words[r] if words is not None and n_words is not None else 1

    limit = words if words is not None and n_words is not None else len(picked)
    while size() > limit and len(keep) > 1:
        # the lowest-ranked sentence no kept opener needs (an antecedent ranks as its opener)
        needed = {r - 1 for r in keep if leaning(r)}
        free = [r for r in keep if r not in needed] or list(keep)
        keep.discard(max(free, key=lambda r: (rank.get(r, worst), r)))
        settle()
    for r in sorted((r for r in keep if set_aside(r)), key=lambda r: (rank.get(r, worst), r)):
        if r + 1 in keep and leaning(r + 1):
            continue  # the antecedent of a kept opener: the two go together
        others = keep - {r}
        room = limit - size() + weight(r)
        strong = stronger(r)
        span = list(islice((c for c in ranked if c not in keep and alone(c)
                            and weight(c) <= room and not (similar is not None and others
                                                           and similar(c, others))),
                           SWAP_SPAN_STRONG if stand_ins and strong else SWAP_SPAN))
        swap = next((c for c in span if not set_aside(c)), None)
        if swap is None and strong:  # a milder flaw beats a stronger one
            swap = next((c for c in span if not stronger(c)), None)
        if swap is not None:
            keep.discard(r)
            keep.add(swap)
    for r in _set_aside_last(ranked, set_aside):  # spare room: dated or timeless ones first
        if len(keep) >= len(picked) and words is None:
            break
        if r in keep or not alone(r):
            continue
        extra = weight(r)
        if size() + extra > limit or (similar is not None and keep and similar(r, keep)):
            continue
        keep.add(r)
    return sorted(keep) if keep else list(picked)


MAX_CHAIN = 2
#: how far down the selection's own order a replacement for an unanchorable "today" may
#: come from (the next sentences it would have taken: about as good)
SWAP_SPAN = 3
#: with ``stand_ins`` (a topic summary), how far a replacement for a stronger flaw (an
#: undatable time word, "The firm said ...", a source only "the bank", a hidden subject) may
#: come from: in checks 1-30's topic summaries such lines read alone 0.32-0.36 (definite
#: reference 33 of 103 labels, undated time 78 of 219), lines no rule flags 0.85 (3,482 of
#: 4,117). Session 73, over 300 BBC dev-scan topics: undated lines 26 -> 12 of 1,480, 26
#: lines replaced in 24 topics; the cost is relevance, a replacement from further down
#: ("nuclear strikes" for a topic "strike")
SWAP_SPAN_STRONG = 8


def _set_aside_last(rows: Iterable[int], set_aside: Callable[[int], bool]) -> Iterator[int]:
    """``rows`` in order, those ``set_aside`` after all the others (lazily)."""
    later = []
    for r in rows:
        if set_aside(r):
            later.append(r)
        else:
            yield r
    yield from later


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


def reads_alone(sentences: Sequence[Any], r: int, *, speaker: bool = True) -> bool:
    """``sentences[r]`` :func:`standalone.stands_alone` and (``speaker``) names whose words it gives
    (:func:`standalone.unnamed_speaker`, read inside any quotation an earlier sentence opened)."""
    text = sentences[r].text
    return stands_alone(text) and not readers_comment(sentences[r]) and not (
        speaker and unnamed_speaker(text, quoted=inside_quotation(sentences, r)))


def antecedent(row: int, sentences: Sequence[Any]) -> int | None:
    """The row of the sentence before ``row`` in its article if it stands alone and names
    whose words it gives (not '"I knew I had to stay very calm ...".' before "He had to
    spend an extra 24 hours in Nairobi ...": the two lines still hide the speaker)."""
    run = antecedent_run(row, sentences, 1)
    return None if run is None else run[0]


def antecedent_run(row: int, sentences: Sequence[Any], limit: int = 2) -> list[int] | None:
    """The rows before ``row`` in its article it reads after: its :func:`antecedent`, or,
    when the sentence before leans back too, up to ``limit`` sentences back to one that
    reads alone ("Brown's Britain, by Robert Peston, says ... It claims Mr Blair said ...
    he would stand down ..." before "But he went back on his pledge ..., it says."); None
    when no such run is there (a sentence before that neither reads alone nor leans back,
    "The firm, whose finance chief ...", ends it)."""
    run: list[int] = []
    for _ in range(limit):
        r = run[0] if run else row
        if r <= 0 or sentences[r - 1].doc_id != sentences[r].doc_id \
                or sentences[r - 1].position != sentences[r].position - 1:
            return None
        run.insert(0, r - 1)
        if reads_alone(sentences, r - 1):
            return run
        if not needs_before(sentences[r - 1].text,
                            quoted=inside_quotation(sentences, r - 1)):
            return None
    return None


def with_antecedents(picked: Sequence[int], sentences: Sequence[Any],
                     limit: int | None = None) -> list[int]:
    """``picked`` with each leaning sentence (or quotation of an unnamed speaker) shown
    right after its antecedent, so it reads as its article wrote it. A leaning sentence
    with no antecedent to show is dropped. With ``limit``, whole units (a sentence, or an
    antecedent and its sentence) are kept from the front while they fit, always at least
    one."""
    units: list[list[int]] = []
    placed: set[int] = set()
    for r in picked:
        if r in placed:
            continue
        if not needs_before(sentences[r].text, quoted=inside_quotation(sentences, r)):
            units.append([r])
            placed.add(r)
            continue
        a = antecedent(r, sentences)
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
