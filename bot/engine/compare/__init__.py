"""Source comparisons: who reports what, where sources agree, where their facts conflict."""

from bot.engine.compare.comparer import Comparer, compare_request
from bot.engine.compare.model import (
    Claim,
    Comparison,
    Conflict,
    ConsensusPoint,
    SourceCoverage,
    UniquePoint,
)

__all__ = ["Claim", "Comparer", "Comparison", "Conflict", "ConsensusPoint", "SourceCoverage",
           "UniquePoint", "compare_request"]
