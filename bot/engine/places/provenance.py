"""Mentions located in a document's original file text (``file_text[start:end] == text``).

The index finds mentions in cleaned sentences; cleaning may drop boilerplate, join lines
and normalise characters, so a sentence's offset in the file is found by searching for it
from where the previous one ended. When a cleaned sentence is not in the file verbatim
(normalised quotes or spaces), each mention's own text is searched for instead, after the
previous match; a mention whose text is nowhere in the rest of the file is left out (and
logged) rather than given a wrong offset.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from bot.corpus.model import Document

log = logging.getLogger(__name__)

TITLE_POSITION = -1  # Mention.position of a mention found in the document's title


@dataclass(frozen=True, slots=True)
class FileMention:
    doc_id: str
    start: int
    end: int
    text: str
    place: str  # Place.key


def locate(doc: Document, mentions: Iterable, file_text: str) -> list[FileMention]:
    """``mentions`` (of ``doc``) with offsets into ``file_text``, in reading order."""
    by_position: dict[int, list] = defaultdict(list)
    for m in mentions:
        by_position[m.position].append(m)
    texts = {s.position: s.text for s in doc.sentences}
    texts[TITLE_POSITION] = doc.title
    out: list[FileMention] = []
    cursor = 0
    for position in sorted(by_position):
        sentence = texts.get(position, "")
        group = sorted(by_position[position], key=lambda m: m.start)
        base = file_text.find(sentence, cursor) if sentence else -1
        if base >= 0:
            for m in group:
                out.append(FileMention(doc.doc_id, base + m.start, base + m.end, m.text, m.place))
            if position != TITLE_POSITION:
                cursor = base + len(sentence)
            continue
        for m in group:
            at = file_text.find(m.text, cursor)
            if at < 0:
                log.debug("%s: mention %r not found in the file after %d", doc.doc_id, m.text,
                          cursor)
                continue
            out.append(FileMention(doc.doc_id, at, at + len(m.text), m.text, m.place))
            cursor = at + len(m.text)
    return out
