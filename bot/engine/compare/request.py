"""A /compare request checked before any work: imports nothing heavy, so the compare cog
can load (and refuse a bad combination at once) before the comparer's libraries
(scikit-learn, NLTK: seconds of imports) are loaded after the bot connects."""

from __future__ import annotations

from typing import Any

from bot.engine.errors import EngineInputError


def compare_request(*, topic: str | None = None, place: str | None = None,
                    document_a: str | None = None, document_b: str | None = None
                    ) -> dict[str, Any]:
    """Keyword arguments for :meth:`Comparer.compare` from a command's four options.

    Cheap and separate from ``compare`` so a front end can refuse a bad combination
    before it starts any work (and answer privately): exactly one mode, and the
    documents mode needs both documents.
    """
    topic = (topic or "").strip() or None
    place = (place or "").strip() or None
    docs = [d.strip() for d in (document_a, document_b) if d and d.strip()]
    modes = [name for name, given in (("topic", topic), ("place", place),
                                      ("documents", docs)) if given]
    how = ("compare by exactly one of: a topic, a place, or two documents "
           "(document_a and document_b)")
    if not modes:
        raise EngineInputError(f"Nothing to compare: {how}.")
    if len(modes) > 1:
        raise EngineInputError(f"You gave {' and '.join(modes)}: {how}.", given=modes)
    if docs and len(docs) < 2:
        raise EngineInputError("Comparing documents needs two: give both document_a and "
                               "document_b.")
    if docs and docs[0] == docs[1]:
        raise EngineInputError("document_a and document_b are the same document: pick two "
                               "different ones.")
    if topic:
        return {"topic": topic}
    if place:
        return {"place": place}
    return {"documents": docs}
