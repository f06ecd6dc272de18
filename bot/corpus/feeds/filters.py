"""Per-channel keyword filters for feed posts (``/feed add ... keywords:``).

A filter is a comma-separated list of words or phrases; an article is posted in the
channel when its title or text names one of them (case-insensitive, whole words, any
run of spaces matching a phrase's space). An empty filter lets everything through.
"""

from __future__ import annotations

import re
from functools import lru_cache

MAX_KEYWORDS = 20
MAX_KEYWORD_LENGTH = 100


class FilterError(ValueError):
    """A filter the bot will not use; the message says why."""


def parse_keywords(text: str | None) -> str:
    """The filter as stored: its keywords, trimmed, de-duplicated, joined by ", "."""
    words: dict[str, str] = {}
    for part in (text or "").split(","):
        word = " ".join(part.split())
        if not word:
            continue
        if len(word) > MAX_KEYWORD_LENGTH:
            raise FilterError(f"a keyword is at most {MAX_KEYWORD_LENGTH} characters "
                              f"({word[:40]!r}… is longer)")
        words.setdefault(word.casefold(), word)
    if len(words) > MAX_KEYWORDS:
        raise FilterError(f"at most {MAX_KEYWORDS} keywords (got {len(words)})")
    return ", ".join(words.values())


@lru_cache(maxsize=256)
def _pattern(keywords: str) -> re.Pattern[str]:
    alternatives = [r"\s+".join(re.escape(w) for w in k.split())
                    for k in keywords.split(", ") if k]
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)


def admits(keywords: str, text: str) -> bool:
    """Whether an article with this title and text passes the filter."""
    return not keywords or _pattern(keywords).search(text) is not None
