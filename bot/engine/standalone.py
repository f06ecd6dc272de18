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
from datetime import date

log = logging.getLogger(__name__)

# An opening word that points back to the previous sentence.
CONNECTIVES = frozenset("""and but so also yet or nor then still however instead moreover
furthermore besides thus therefore hence meanwhile otherwise likewise similarly indeed
nevertheless nonetheless consequently""".split())  # noqa: SIM905
PRONOUNS = frozenset("""he she it they this that these those his her its their them him we
such there's""".split())  # noqa: SIM905
ANSWERS = frozenset(("yes", "no", "well", "oh"))
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


def leans_back(text: str) -> bool:
    """Opens with a connective, a pronoun or a reply word whose antecedent is not shown."""
    first = opening_word(text)
    head = first.split("'")[0]
    return first in CONNECTIVES or head in PRONOUNS or first in PRONOUNS or (
        first in ANSWERS and bool(re.match(r"[\"“‘'(\[]*\w+\s*,", text.strip())))


def stands_alone(text: str) -> bool:
    """True when the sentence can be quoted on its own (see the module docstring)."""
    return not is_list_fragment(text) and not leans_back(text)


def relative_time(text: str) -> str:
    """The first relative time phrase in ``text`` ("today", "in recent days"), or ""."""
    m = RELATIVE_TIME.search(text)
    return m.group(0) if m else ""


def fits_date(text: str, published: date | None, on: date) -> bool:
    """May ``text`` be shown in an answer dated ``on``? Relative time words are anchored to
    the article's date, so they read right only when that date is ``on``."""
    return not relative_time(text) or (published is not None and published == on)
