"""A learned reading of whether a quoted line leans on its article's story.

The stand-alone rules of :mod:`bot.engine.standalone` each read one form ("The firm said
...", "..., the group said.", "He ..."); what none of them reads still leaves about one
line in six of a topic summary or a comparison's unique points needing its story in the
blind checks ("British Navy ships have helped the relief effort ...", "The airport is the
hub of ...", "The price of the car has also gone up."). This model weighs every rule's
reading with a few cues no rule takes alone (the line's position in its article, its
opening word, a "the <noun>" its title does not hold, pronouns and "also", "other",
"same") into the probability that a reader of the line and its title needs an earlier
sentence of the article, of a kind the article's opening can give (a description, a
pronoun or connective, a demonstrative, an unnamed speaker; not a relative time or a
fragment, which no opening mends).

It only decides what is shown beside a line: a topic summary's line or a comparison's
unique point it reads as leaning (:func:`LeaningModel.leans`) is shown with its
article's opening (``bot.engine.stories.with_stories``), as the rules' ``story_wanted``
lines are. It never picks, drops or reorders a line, so summaries, briefs, consensus
points and every ROUGE figure are unchanged by it.

Data and provenance: the blind checks' labels in ``tests/fixtures/`` (the answers checks
and compare checks drawn by ``scripts/sample_answers.py`` on the BBC News Summary set and
labelled by two readers each who saw only the line, its title and source and what was
shown with it); every line of one sentence shown without an opening. Trained by
``scripts/train_leaning.py`` (logistic regression on these features, soft labels: the
share of a line's labels that ask for context of a kind an opening can give), which
writes ``data/leaning.json`` with its held-out figures (5 folds, whole checks held out).
The features are regular expressions and the rules' own readings; the one parse is
:func:`bot.engine.subjects.unnamed_subject` (through ``descriptions.subject_hidden``), which
``story_wanted`` runs anyway.
"""

from __future__ import annotations

import functools
import json
import logging
import math
import re
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from bot.engine import descriptions, standalone, timewords

log = logging.getLogger(__name__)

LEANING_PATH = Path(__file__).resolve().parent / "data" / "leaning.json"
#: the model's probability from which a line with nothing else under it shows the sentence
#: just before it in its article (``stories.with_stories``' ``nearly``), below the threshold
#: at which it shows its story. Session 81's blind paired checks: lines read at 0.25-0.35
#: read alone 208 times in 216 labels with that sentence, 178 with nothing
#: (tests/fixtures/story_context_band81.json); lines read at 0.15-0.25, 475 and 424 of 496
#: (tests/fixtures/story_context_low81.json)
BEFORE_THRESHOLD = 0.15

#: rules read on the text alone
TEXT_RULES: tuple[str, ...] = (
    "is_fragment", "leans_back", "needs_before", "demonstrative_reference",
    "unnamed_speaker", "definite_reference", "bare_definite", "here_reference", "the_pair",
    "that_time", "ends_on_reference", "relative_time", "first_person")
#: rules read with the title (a line they flag alone and with its title)
TITLE_RULES: tuple[str, ...] = (
    "definite_speaker", "inner_reference", "opening_description", "inner_description",
    "opening_phrase", "inner_pronoun", "inner_such")
PRONOUNS: tuple[str, ...] = ("he", "she", "they", "it", "his", "her", "their", "its", "this",
                             "these", "those", "him", "them", "there")
CUES: tuple[str, ...] = (
    "also", "too", "again", "further", "another", "other", "same", "such", "latter",
    "former", "both", "then", "but", "however", "meanwhile", "instead", "still", "yet",
    "new", "move", "deal", "plan", "plans", "firm", "company", "group", "report",
    "decision", "case", "scheme", "bill", "said", "says", "added", "mr", "ms", "mrs")
_WORD = re.compile(r"[A-Za-z][A-Za-z’'-]*")
_DIGIT = re.compile(r"\d")


def _rule(name: str) -> Callable[..., Any]:
    """A stand-alone rule by its name, from the module that holds it."""
    for module in (standalone, descriptions, timewords):
        if hasattr(module, name):
            return getattr(module, name)
    raise AttributeError(f"no stand-alone rule {name!r}")


_TEXT_READERS = tuple((name, _rule(name)) for name in TEXT_RULES)
_TITLE_READERS = tuple((name, _rule(name)) for name in TITLE_RULES)


def features(text: str, title: str, position: int) -> dict[str, float]:
    """The line's features: each rule's reading (``r_``), its position in its article, its
    length and names, its opening word (``open=``), each "the <lower-case word>" whose word
    the title lacks (``the=``), pronouns (``p_``) and cue words (``c_``)."""
    f: dict[str, float] = {}
    for name, rule in _TEXT_READERS:
        f["r_" + name] = float(bool(rule(text)))
    # a title rule flags the line alone and with its title, as the answers read it
    line, title_of = SimpleNamespace(text=text, doc_id=""), lambda _: title
    for name, rule in _TITLE_READERS:
        f["r_" + name] = float(descriptions._flagged_with_title(rule, line, title_of))
    f["r_unnamed_subject"] = float(descriptions.subject_hidden(line, title_of))
    f["pos0"] = float(position == 0)
    f["pos12"] = float(1 <= position <= 2)
    f["logpos"] = math.log1p(position)
    words = _WORD.findall(text)
    low = [w.lower() for w in words]
    in_title = {w.lower() for w in _WORD.findall(title)}
    f["nwords"] = len(words) / 20
    caps = [w for w in words[1:] if w[0].isupper() and w != "I"]
    f["has_name"] = float(bool(caps))
    f["ncaps"] = min(len(caps), 6) / 6
    if low:
        f["open=" + low[0]] = 1.0
        if low[0] in PRONOUNS:
            f["open_pron"] = 1.0
    present = set(low)
    for p in PRONOUNS:
        if p in present:
            f["p_" + p] = 1.0
    for c in CUES:
        if c in present:
            f["c_" + c] = 1.0
    the = 0
    for i, w in enumerate(low[:-1]):
        if w == "the" and words[i + 1][0].islower() and low[i + 1] not in in_title:
            the += 1
            f["the=" + low[i + 1]] = 1.0
    f["n_the"] = min(the, 4) / 4
    f["quote"] = float('"' in text or "“" in text)
    f["digit"] = float(bool(_DIGIT.search(text)))
    f["title_overlap"] = len(present & in_title) / (len(in_title) or 1)
    return f


class LeaningModel:
    """The trained weights (``data/leaning.json``): ``probability`` of a line needing its
    story, ``leans`` at the shipped threshold."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.weights: dict[str, float] = data["weights"]
        self.intercept = float(data["intercept"])
        self.threshold = float(data["threshold"])
        self.meta: dict[str, Any] = data.get("meta", {})

    def probability(self, text: str, title: str, position: int) -> float:
        z = self.intercept + sum(self.weights.get(k, 0.0) * v
                                 for k, v in features(text, title, position).items())
        return 1.0 / (1.0 + math.exp(-z))

    def leans(self, text: str, title: str, position: int) -> bool:
        return self.probability(text, title, position) >= self.threshold


@functools.cache
def leaning_model() -> LeaningModel | None:
    """The shipped model, or None when its file is missing (then only the rules decide)."""
    try:
        return LeaningModel(json.loads(LEANING_PATH.read_text(encoding="utf-8")))
    except FileNotFoundError:
        log.warning("no %s: a line is shown with its story only when a rule asks", LEANING_PATH)
        return None


def story_tests(corpus: Any) -> tuple[Callable[[Any], bool], Callable[[Any], bool]]:
    """``with_stories``' ``leaning`` and ``nearly`` tests over ``corpus``, for an item with
    ``text``, ``doc_id`` and ``position``: a rule's ``story_wanted`` (with
    :func:`descriptions.titles_of`), or this model at its threshold (``leaning``) or at
    :data:`BEFORE_THRESHOLD` (``nearly``); the model reads the title as the answer shows it
    (the document's ``display_name``, as the blind checks showed it). The two share one
    reading of each line: an answer asks both of it."""
    model = leaning_model()
    titles = descriptions.titles_of(corpus)
    read: dict[tuple[str, int], float] = {}

    def need(item: Any) -> float:
        """1.0 for a line a rule flags, else the model's probability (0.0 without it)."""
        key = (item.doc_id, item.position)
        if key not in read:
            doc = corpus.documents.get(item.doc_id)
            read[key] = 1.0 if descriptions.story_wanted(item, titles) else (
                0.0 if model is None or doc is None
                else model.probability(item.text, doc.display_name, item.position))
        return read[key]

    threshold = model.threshold if model is not None else 1.0
    return (lambda item: need(item) >= threshold), (lambda item: need(item) >= BEFORE_THRESHOLD)


def story_leaning(corpus: Any) -> Callable[[Any], bool]:
    """:func:`story_tests`' ``leaning`` alone (the digest asks no ``nearly``)."""
    return story_tests(corpus)[0]
