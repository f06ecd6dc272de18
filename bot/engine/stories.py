"""The story a quoted line comes from: its article's first sentence, shown beside a line
taken from deep in the article.

A place brief quotes the sentences that name the place, and in a story about something
else those are often deep in it: "The company has two manufacturing sites in County
Durham." reads only with the story's opening, "Electrolux saw its shares rise 14% ...".
A news article's first sentence states its story (the inverted pyramid), and the
"the company", "the plans" or "the ruling" of a later sentence is usually named there.
Held-out check 24's labels (``tests/fixtures/standalone_answers_check24.json``) measure
what the opening adds to a brief: 0.84 of the lines given one read alone with it, 0.70
without. Topic summaries do not show openings under every deep line: check 25 read 0.83
with them and 0.73 without, short of the gain fixed before it was drawn, for answers half
again as long. Since session 74 they show it under a line that stays though a rule reads
it as leaning on its story (``descriptions.story_wanted``: "The company said ...", "...,
the group said.", "the new rules"), from the article's second sentence on: such lines of
checks 26-34 read alone 0.48 without it and 0.69 with it (a blind relabel, controls
0.84 -> 0.85; ``tests/fixtures/standalone_relabel74.json``), and over 300 BBC topics 50
of 1,480 lines get one.
A comparison's unique points (each a source's own line) show it too: a unique point from
deep in an article is the brief's case, one line standing for its story; it is rare there
(unique points favour an article's first sentences: 3 of 80 drawn on the BBC set get one),
so it adds a line in a few answers.
Since session 75 the ``leaning`` test is ``bot.engine.leaning.story_leaning``: the rules'
``story_wanted`` or a learned reading of the blind checks' labels, and place briefs pass it
too (a blind relabel read the lines it sends 0.35 -> 0.60 alone in topic summaries and
unique points, 0.53 -> 0.67 in briefs; ``tests/fixtures/standalone_relabel75*.json``).
Since session 81 a line the ``leaning`` test picks, from its article's third sentence on,
is shown with the sentence just before it instead, when that sentence reads alone and the
answer does not quote it (``story_before``): a blind paired check read such lines alone
253 times in 286 labels with it, 211 with the opening (better on 29 lines, worse on 6:
those whose "the men" or "the report" only the opening names;
``tests/fixtures/story_context_check81.json``, ``scripts/sample_story_context.py``). A
line left with nothing under it that the leaning model reads below its threshold, from
0.15 (``nearly``), shows that sentence too, when the answer does not show the article's
opening: a second blind paired check read such lines at 0.25-0.35 alone 208 times in 216
labels with it, 178 with nothing (better on 17 lines, worse on none; the 92 of them whose
opening their answer did not show, 176 and 155 of 184;
``tests/fixtures/story_context_band81.json``), a third at 0.15-0.25 475 and 424 of 496
(31 better, 2 worse; ``tests/fixtures/story_context_low81.json``). Since session 82 it does
so also when the answer shows the article's opening elsewhere (as a line, or under another
line), which had left such lines bare: a fourth blind paired check read 150 of them, drawn
from comparisons, summaries and briefs, alone 288 times in 300 labels with the sentence
before and 263 with nothing under them but the opening shown elsewhere (17 better, 1
worse; ``tests/fixtures/story_context_told82.json``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import Protocol, TypeVar

from bot.corpus.model import Corpus
from bot.engine.quotable import reads_alone
from bot.engine.standalone import is_fragment, never_quoted
from bot.engine.timewords import time_anchor

log = logging.getLogger(__name__)

#: a line from this sentence of its article on (0-based) is shown with the article's
#: first sentence; checks 1-19 read lines from an article's first three sentences alone
#: 0.96 of the time, from the fourth on 0.80 (``places.index.BRIEF_DEEP_SHARE``)
STORY_FROM = 3


class WithStory(Protocol):
    """A line an answer quotes (a dataclass): ``SentenceItem``, a comparison's
    ``UniquePoint``."""

    doc_id: str
    position: int
    story: str
    story_anchor: str
    story_before: bool


Q = TypeVar("Q", bound=WithStory)


def with_stories(items: Sequence[Q], corpus: Corpus,
                 shown: Iterable[tuple[str, int]] = (), *, deep: bool = True,
                 leaning: Callable[[Q], bool] | None = None,
                 nearly: Callable[[Q], bool] | None = None) -> list[Q]:
    """``items`` with ``story`` set on the first line of each article that comes from its
    fourth sentence or later (``deep``), when the answer shows none of that article's first
    three sentences (among ``items`` and the ``shown`` (doc_id, position) of its other
    lines), and on a line from its second sentence on that ``leaning`` picks (a line a
    rule reads as leaning on its story: ``descriptions.story_wanted``), when the answer does
    not show the article's first sentence; each article's opening once, and only when it
    reads alone (no opening pronoun, connective or unnamed speaker; not a fragment).
    ``story_anchor`` dates the opening's own "today" as a quoted line's ``anchor`` does
    ("undated article", "article of 10 July 2017"). A topic summary passes ``deep=False``
    (check 25: an opening under every deep line made its answers half again as long). A
    line ``leaning`` picks from its article's third sentence on shows the sentence before
    it instead when that one reads alone (:func:`sentence_before`, ``story_before``); so does a
    line from its third sentence on left with nothing under it that ``nearly`` picks (the
    leaning model at :data:`bot.engine.leaning.BEFORE_THRESHOLD`), whether or not the answer
    shows its article's opening elsewhere (session 82)."""
    lines = [*((i.doc_id, i.position) for i in items), *shown]
    started = {d for d, p in lines if p < STORY_FROM}
    opened = {d for d, p in lines if p == 0}
    listed = set(lines)
    out: list[Q] = []
    for item in items:
        leans: bool | None = None  # asked once, and only when needed
        if item.doc_id not in opened and (
                (deep and item.position >= STORY_FROM and item.doc_id not in started)
                or (leaning is not None and item.position >= 1
                    and (leans := leaning(item)))):
            opened.add(item.doc_id)
            lead = _opening(corpus, item.doc_id)
            if lead:
                if leans is None:
                    leans = leaning is not None and item.position >= 2 and leaning(item)
                before = sentence_before(corpus, item, listed) if leans else ""
                shown_text = before or lead
                item = replace(item, story=shown_text, story_before=bool(before),
                               story_anchor=time_anchor(
                                   shown_text, corpus.documents[item.doc_id].published))
        if (not item.story and nearly is not None and item.position >= 2 and nearly(item)
                and (before := sentence_before(corpus, item, listed))):
            item = replace(item, story=before, story_before=True, story_anchor=time_anchor(
                before, corpus.documents[item.doc_id].published))
        out.append(item)
    return out


def sentence_before(corpus: Corpus, item: WithStory, listed: set[tuple[str, int]]) -> str:
    """The sentence before a line (``item``) in its article, when it is not its opening,
    the answer does not show it (``listed``) and it reads alone; else "" (session 81: shown
    in the opening's place, a blind paired check read such lines alone 253 times in 286
    labels, with the opening 211; ``tests/fixtures/story_context_check81.json``)."""
    doc = corpus.documents.get(item.doc_id)
    r = item.position - 1
    if doc is None or r < 1 or r >= len(doc.sentences) or (item.doc_id, r) in listed:
        return ""
    sentence = doc.sentences[r]
    if never_quoted(sentence) or is_fragment(sentence.text) or not reads_alone(
            doc.sentences, r):
        return ""
    return sentence.text


def _opening(corpus: Corpus, doc_id: str) -> str:
    """The document's first sentence when it reads alone, else ""."""
    doc = corpus.documents.get(doc_id)
    if doc is None or not doc.sentences:
        return ""
    first = doc.sentences[0]
    if never_quoted(first) or is_fragment(first.text) or not reads_alone(doc.sentences, 0):
        return ""
    return first.text
