"""Capitalised abbreviations in a topic that a word index reads as common words.

"UN", "US", "WHO" and "IT" lower-case to "un", "us", "who" and "it", which every stop list
here drops, so a topic of them found no word at all. Asked only when a topic has no other
searchable word: the sentences naming one of them as written (case-sensitive, whole word)
are then what the topic is about. A regular expression, not a library: no offline one
tells an abbreviation from a shouted word, and a topic is a few words.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Collection

log = logging.getLogger(__name__)

_ABBREVIATION = re.compile(r"\b[A-Z]{2,5}\b")


def abbreviation_pattern(topic: str, stop: Collection[str]) -> re.Pattern[str] | None:
    """A pattern finding the topic's capitalised abbreviations that ``stop`` drops as
    common words, as written; None when the topic has none."""
    words = [w for w in _ABBREVIATION.findall(topic) if w.lower() in stop]
    if not words:
        return None
    return re.compile(r"(?<![\w.])(?:" + "|".join(map(re.escape, dict.fromkeys(words)))
                      + r")(?!\w)")
