"""Source comparisons: who reports what, where sources agree, where their facts conflict.

:class:`Comparer` is imported on first use (PEP 562): its libraries (scikit-learn, NLTK)
take seconds to import, and the compare cog, which needs only the request check and the
result model at load, must not import them before the bot connects.
"""

from typing import TYPE_CHECKING, Any

from bot.engine.compare.model import (
    Claim,
    Comparison,
    Conflict,
    ConsensusPoint,
    SourceCoverage,
    UniquePoint,
)
from bot.engine.compare.request import compare_request

if TYPE_CHECKING:  # pragma: no cover
    from bot.engine.compare.comparer import Comparer

__all__ = ["Claim", "Comparer", "Comparison", "Conflict", "ConsensusPoint", "SourceCoverage",
           "UniquePoint", "compare_request"]


def __getattr__(name: str) -> Any:
    if name == "Comparer":
        from bot.engine.compare.comparer import Comparer

        return Comparer
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
