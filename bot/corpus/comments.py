"""Readers' comments: the run of unattributed voices a news page ends with.

BBC "have your say" pages (and the like) print the story, then readers' letters with
their signatures cut: "Part of the blame has to rest with the manufacturers of home
computer operating systems.", "While he's a clown and a one man band at the moment,
he's a populist and that's always dangerous." Shown in an answer under the outlet's
name, such a line reads as the outlet's report, and nobody could tell whose words they
are. This module finds where such a run starts, from the paragraphs' sentences, so the
loader tags those sentences with :data:`COMMENTS_SECTION` (the answers leave them out,
``bot.engine.standalone.readers_comment``); nothing is dropped from the document.

Each paragraph is read as reported ("N": a quotation mark or a verb of saying after a
comma, such as '..., he said.'), a voice ("C": "I", "me", "my", "we", "our", "you" or
"your" outside quotation marks, or a sentence ending in "?" or "!") or neither ("n").
The comment run is the suffix of the page, starting at a voice paragraph, whose
paragraphs score highest (C +1, n 0, N -1); it counts only when it scores
:data:`MIN_SCORE` or more, or :data:`MIN_SCORE_AFTER_NEWS` or more after a story with
at least two reported paragraphs. Read on the BBC News Summary set (1,328 articles):
the nine pages flagged are the eight comment pages and one page of pressure groups'
statements in their own voice (no speaker named in any line); columns and reviews
(one writer's "I" and "you" throughout, with no story before them: "Bill Thompson
... argues") score 5-7 and are not flagged. Hand-written: a page's structure, not a
language task any package covers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

#: the section name the loader gives every sentence of a comment run
COMMENTS_SECTION = "Readers' comments"
MIN_SCORE = 10
MIN_SCORE_AFTER_NEWS = 5
MIN_NEWS = 2  # reported paragraphs before the run that make it a story's comments

_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|``.*?''")
_QUOTE_MARK = re.compile(r"[\"“”]|``|''")
_SAYING = re.compile(
    r"[,\"”]\s*(?:[\w.’'-]+\s+){0,6}?(?:said|says|told|tells|added|adds|warned|warns|"
    r"insisted|insists|argued|argues|explained|explains|announced|announces|claimed|"
    r"claims|wrote|writes|asked|asks|replied|stated)\b|\baccording\s+to\b",
    re.IGNORECASE)
_VOICE = re.compile(r"\b(?:I(?![.-])|I['’](?:m|ve|d|ll)|[Mm]e|[Mm]y|[Mm]yself|[Ww]e|"
                    r"[Ww]e['’](?:re|ve|ll|d)|[Oo]ur|[Oo]urselves|[Yy]ou|[Yy]our|[Yy]ourself)\b")


def kind(sentences: Sequence[str]) -> str:
    """One paragraph (its sentences) read as "N" (reported), "C" (a voice) or "n"."""
    if any(_QUOTE_MARK.search(s) or _SAYING.search(s) for s in sentences):
        return "N"
    for s in sentences:
        outside = _QUOTED.sub(" ", s).strip()
        if _VOICE.search(outside) or outside.endswith(("?", "!")):
            return "C"
    return "n"


def comment_start(paragraphs: Sequence[Sequence[str]]) -> int | None:
    """The index of the paragraph a page's readers' comments start at, or None."""
    kinds = [kind(p) for p in paragraphs]
    score, best, start = 0, 0, None
    for i in range(len(kinds) - 1, -1, -1):
        score += {"C": 1, "N": -1}.get(kinds[i], 0)
        if kinds[i] == "C" and score >= best:
            best, start = score, i
    if start is None:
        return None
    if best >= MIN_SCORE or (best >= MIN_SCORE_AFTER_NEWS
                             and kinds[:start].count("N") >= MIN_NEWS):
        return start
    return None
