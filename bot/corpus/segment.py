"""Offline sentence and word segmentation.

sumy's default ``Tokenizer`` needs NLTK's punkt data, which pip does not install
and an offline machine cannot download. nupunkt ships its trained model inside
the wheel, so :class:`OfflineTokenizer` gives sumy the same two methods
(``to_sentences`` and ``to_words``) without touching any NLTK data directory.
See the README ("Sentence segmentation") for the nupunkt vs pysbd measurement.
"""

from __future__ import annotations

import re
from functools import lru_cache

from nupunkt import sent_tokenize

_WORD = re.compile(r"[^\W_]+(?:['’\-.][^\W_]+)*", re.UNICODE)
# nupunkt keeps "He said so. Hi Mr. Smith" together when the second sentence
# opens with a title abbreviation; a quote that closes a sentence and opens the
# next one is also occasionally glued. Split those conservatively.
_GLUED_QUOTE = re.compile(r'(?<=[.!?][”"])\s+(?=[“"A-Z])')


def split_sentences(paragraph: str) -> list[str]:
    """Split one paragraph into sentences (whitespace-normalised, non-empty)."""
    paragraph = " ".join(paragraph.split())
    if not paragraph:
        return []
    out: list[str] = []
    for sent in sent_tokenize(paragraph):
        for piece in _GLUED_QUOTE.split(sent):
            piece = piece.strip()
            if piece:
                out.append(piece)
    return out


def words(text: str) -> list[str]:
    """Word tokens (letters/digits, keeping inner apostrophes, hyphens and dots)."""
    return _WORD.findall(text)


class OfflineTokenizer:
    """A drop-in for ``sumy.nlp.tokenizers.Tokenizer`` that needs no NLTK data."""

    language = "english"

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(split_sentences(paragraph))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(words(sentence))


@lru_cache(maxsize=1)
def offline_tokenizer() -> OfflineTokenizer:
    return OfflineTokenizer()
