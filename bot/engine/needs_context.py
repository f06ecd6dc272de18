"""Does a shown line need its article to be understood? A learned probability.

The rules of :mod:`bot.engine.standalone` each catch one way a sentence leans on the
sentences around it; what they leave through is a long tail ("The firms want ...", "Under
the reforms, ...", "Pensions will certainly be a big election issue ...", "Care has since
closed down ..."). Eleven blind checks had people label about 2,400 lines of the bot's own
answers on the BBC set, each shown with its article's title, "alone" or "needs context"
(``tests/fixtures/standalone_*check*.json``). This is a logistic regression over cheap
surface features of a line and its title (the rules' own verdicts among them), trained on
those labels by ``scripts/train_needs_context.py``, which writes ``data/needs_context.json``
with its held-out figures (the later checks, never seen in training).

Answers that can choose (a topic summary's swaps, a brief's order: see
:func:`bot.engine.standalone.keep_quotable` and :func:`~bot.engine.standalone.quotable_order`)
prefer a line about as good whose probability is below the model's threshold. Pure numpy at
run time; no parse, so every candidate of an answer can afford it. A time word ("last
week", "in November") counts only in an article with no date (the checks' articles had
none); a dated one's is placed by its date (:func:`bot.engine.standalone.time_anchor`).
"""

from __future__ import annotations

import json
import logging
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from bot.engine import standalone as st

log = logging.getLogger(__name__)

MODEL_PATH = Path(__file__).resolve().parent / "data" / "needs_context.json"

_WORDS = re.compile(r"[A-Za-z][\w’'-]*")
_PRONOUN = re.compile(r"\b(?:he|she|it|they|him|her|his|its|their|them|hers|theirs)\b")
_CAPITAL = re.compile(r"\b[A-Z][\w’'&.-]*")
_REPORTING = re.compile(rf"\b(?:{'|'.join(sorted(st.REPORTING_FORMS))}|according\s+to)\b")
_MODAL = re.compile(r"\b(?:will|would|could|may|might|should|must)\b")
_THE_NOUN = re.compile(r"\b[Tt]he\s+(?:[a-z][\w-]*\s+)?[a-z][\w-]*\b(?!\s+of\b)")
_TITLED = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+[A-Z]")
_ADDITIVE = re.compile(r"\b(?:also|too|again|another|other|others|such|same|further|"
                       r"instead|either|both)\b")
_DEMONSTRATIVE = re.compile(r"\b(?:this|that|these|those)\s+[a-z]")
_STOP = frozenset("""the a an of in on at to for and or but with by from as is are was were be
been has have had it its this that these those he she they his her their said says will would
could may might can new""".split())  # noqa: SIM905

#: feature names, in the order :func:`features` returns them (the model file lists them too)
FEATURES: tuple[str, ...] = (
    "fragment", "leans_back", "unnamed_speaker", "demonstrative_reference",
    "definite_reference", "bare_definite", "ends_on_reference", "undated_time", "first_person",
    "definite_speaker", "opens_the", "log_words", "pronouns",
    "pronoun_before_name", "log_names", "title_names", "title_overlap", "quotation",
    "reporting", "named_speaker", "modal_unattributed", "question", "the_nouns_share",
    "titled_surname", "digits", "additive", "inner_demonstrative",
)


def _content(text: str) -> set[str]:
    return {w.lower()[:5] for w in _WORDS.findall(text) if w.lower() not in _STOP}


def features(text: str, title: str = "", dated: bool = False) -> np.ndarray:
    """The :data:`FEATURES` of one line shown with its article's ``title`` (``dated``: the
    article has a date, so its time words can be placed)."""
    words = _WORDS.findall(text)
    n = max(len(words), 1)
    names = [m for m in _CAPITAL.finditer(text) if m.start() > 0 and m.group(0) not in ("I",)]
    first_pronoun = _PRONOUN.search(text)
    first_name = names[0].start() if names else len(text) + 1
    reporting = bool(_REPORTING.search(text))
    curly = st.curly_quotes(text)
    mine = _content(text)
    theirs = _content(title)
    row = [
        st.is_fragment(text), st.leans_back(text), st.unnamed_speaker(curly),
        st.demonstrative_reference(text), st.definite_reference(text), st.bare_definite(text),
        st.ends_on_reference(text),
        not dated and bool(st.relative_time(text) or st.month_time(text)),
        st.first_person(curly), bool(st.definite_speaker(text, title)),
        text.lstrip("\"“‘'([ ").startswith("The "), math.log(n),
        min(len(_PRONOUN.findall(text)), 4),
        bool(first_pronoun) and first_pronoun.start() < first_name,
        math.log1p(len(names)), bool(_CAPITAL.search(title[1:] if title else "")),
        len(mine & theirs) / max(len(theirs), 1),
        bool(st._QUOTE_MARK.search(curly)), reporting,
        bool(st._NAMED_HOLDS.search(text) or st._REPORTED.search(text)),
        bool(_MODAL.search(text)) and not reporting, text.rstrip().endswith("?"),
        len(_THE_NOUN.findall(text)) / n, bool(_TITLED.search(text)),
        bool(re.search(r"\d", text)), bool(_ADDITIVE.search(text)),
        bool(_DEMONSTRATIVE.search(text[1:])),
    ]
    return np.array([float(v) for v in row])


@dataclass(frozen=True)
class NeedsContext:
    """The fitted model: standardisation, coefficients and the operating threshold."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    threshold: float

    def probability(self, text: str, title: str = "", dated: bool = False) -> float:
        z = (features(text, title, dated) - self.mean) / self.scale
        return float(1.0 / (1.0 + math.exp(-(float(z @ self.coef) + self.intercept))))

    def needs(self, text: str, title: str = "", dated: bool = False) -> bool:
        """At or above the threshold: an answer that can choose prefers another line."""
        return self.probability(text, title, dated) >= self.threshold


@cache
def model(path: Path = MODEL_PATH) -> NeedsContext | None:
    """The shipped model, or None (logged) when its file is missing or was fitted on other
    features."""
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError) as exc:
        log.warning("needs-context model not loaded from %s: %s", path, exc)
        return None
    if tuple(data.get("features", ())) != FEATURES:
        log.warning("needs-context model at %s was fitted on other features; not used", path)
        return None
    return NeedsContext(np.array(data["mean"]), np.array(data["scale"]), np.array(data["coef"]),
                        float(data["intercept"]), float(data["threshold"]))


def doubtful_of(corpus: Any) -> Callable[[Any], bool] | None:
    """sentence (``text``, ``doc_id``, ``position``) -> whether the shipped model says it
    needs its article, read with the article's title as answers show it; None without a
    model. Each sentence is scored once per predicate."""
    fitted = model()
    if fitted is None:
        return None
    seen: dict[tuple[str, int], bool] = {}

    def doubtful(sentence: Any) -> bool:
        key = (sentence.doc_id, sentence.position)
        if key not in seen:
            doc = corpus.documents.get(sentence.doc_id)
            seen[key] = fitted.needs(sentence.text, "" if doc is None else doc.display_name,
                                     dated=doc is not None and st.published_date(doc.published)
                                     is not None)
        return seen[key]

    return doubtful
