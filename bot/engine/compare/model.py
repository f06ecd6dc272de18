"""Result dataclasses of a comparison; ``to_dict()`` is the JSON contract.

Contract keys (never renamed): sources[{source, doc_ids, sentences, angle}],
consensus[{text, doc_ids, sources, claims[{text, doc_id, source}]}], unique[{source, doc_id, text}],
conflicts[{subject, claims[{text, value, doc_id, source}]}]. Extra keys are additions.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.engine.items import SentenceItem


@dataclass(slots=True)
class SourceCoverage:
    """How much one source says about the subject, and from which angle."""

    source: str
    key: str
    doc_ids: list[str]
    sentences: int  # sentences of this source in the comparison (about the subject)
    angle: str  # a few words: frame and distinctive terms
    frame: str = ""
    terms: list[str] = field(default_factory=list)
    known_outlet: bool = False
    titles: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {"source": self.source, "doc_ids": self.doc_ids, "sentences": self.sentences,
                "angle": self.angle, "frame": self.frame, "terms": self.terms,
                "known_outlet": self.known_outlet, "titles": self.titles}


@dataclass(slots=True)
class PointClaim:
    """One credited source's own sentence for a consensus point: the evidence to check."""

    text: str
    doc_id: str
    source: str  # the source label, as in ``ConsensusPoint.sources``
    position: int
    confidence: float  # same-claim probability against the point's shown sentence (1 = it)
    #: "undated article" / "article of 10 July 2017" when the text says "today", "this week",
    #: "on Monday" or the like (``timewords.time_anchor``): the day it counts from
    anchor: str = ""
    #: who its "Mr Wood" or "the chancellor" is (``referents.who_note``)
    who: str = ""
    #: the sentence before it in its article, shown before it, when the claim's sentence
    #: reads only after it ("It said that 36% ...", "However, trading ...") and that one
    #: reads alone; "" otherwise
    before: str = ""
    #: its article's first sentence, when the claim leans on its story ("The exchange can
    #: delist ...", "The club has also faced calls ...": ``stories.with_stories``) and
    #: no ``before`` is shown
    story: str = ""
    #: the opening's own :attr:`anchor` ("undated article" when it says "today")
    story_anchor: str = ""
    #: :attr:`story` is the sentence just before the line in its article, not its opening
    #: (a line that leans on its story, when that sentence reads alone: session 81)
    story_before: bool = False

    def to_dict(self) -> dict[str, object]:
        return {"text": self.text, "doc_id": self.doc_id, "source": self.source,
                "position": self.position, "confidence": round(self.confidence, 3),
                "anchor": self.anchor, "who": self.who, "before": self.before,
                "story": self.story, "story_anchor": self.story_anchor,
                "story_before": self.story_before}


@dataclass(slots=True)
class ConsensusPoint:
    """One point several sources make: one text shown, each credited source's own sentence.

    ``similarity`` is the point's confidence: the mean same-claim probability of its
    credited pairs (the aligner's overlap when no claim model is available).
    """

    text: str
    doc_ids: list[str]
    sources: list[str]
    sentences: list[SentenceItem]
    similarity: float
    claims: list[PointClaim] = field(default_factory=list)
    #: the shown sentence's time anchor (as :attr:`PointClaim.anchor`)
    anchor: str = ""
    #: who the shown sentence's "Mr Wood" is (as :attr:`PointClaim.who`)
    who: str = ""

    def to_dict(self) -> dict[str, object]:
        return {"text": self.text, "doc_ids": self.doc_ids, "sources": self.sources,
                "similarity": round(self.similarity, 3), "anchor": self.anchor,
                "who": self.who,
                "claims": [c.to_dict() for c in self.claims],
                "sentences": [s.to_dict() for s in self.sentences]}


@dataclass(slots=True)
class UniquePoint:
    source: str
    doc_id: str
    text: str
    position: int
    #: "undated article" / "article of 10 July 2017" when the text says "today" or the like
    anchor: str = ""
    #: who its "Mr Wood" or "the chancellor" is (``referents.who_note``)
    who: str = ""
    #: its article's first sentence, when the point comes from deep in the article
    #: (``stories.with_stories``)
    story: str = ""
    #: the opening's own :attr:`anchor` ("undated article" when it says "today")
    story_anchor: str = ""
    #: :attr:`story` is the sentence just before the line in its article, not its opening
    #: (a line that leans on its story, when that sentence reads alone: session 81)
    story_before: bool = False

    def to_dict(self) -> dict[str, object]:
        return {"source": self.source, "doc_id": self.doc_id, "text": self.text,
                "position": self.position, "anchor": self.anchor, "who": self.who,
                "story": self.story, "story_anchor": self.story_anchor,
                "story_before": self.story_before}


@dataclass(slots=True)
class Claim:
    """One source's figure on a subject, with the sentence it stands in."""

    text: str
    value: str
    doc_id: str
    source: str
    position: int
    type: str
    scope: list[str] = field(default_factory=list)
    #: as :attr:`PointClaim.anchor` and :attr:`PointClaim.who`: the day a "today" counts
    #: from, and who its "Mr Wood" (or its "Mitch") is
    anchor: str = ""
    who: str = ""

    def to_dict(self) -> dict[str, object]:
        return {"text": self.text, "value": self.value, "doc_id": self.doc_id,
                "source": self.source, "position": self.position, "type": self.type,
                "scope": self.scope, "anchor": self.anchor, "who": self.who}


@dataclass(slots=True)
class Conflict:
    """Claims on one subject whose figures differ between sources.

    ``kind`` is "contradiction" (same measure, incompatible figures) or
    "different measures" (figures that do not overlap but measure different things,
    e.g. a different period or area; ``note`` says what differs). Agreements (figures
    that overlap) use the same shape with kind "consistent".
    """

    subject: str
    kind: str
    note: str
    claims: list[Claim]

    def to_dict(self) -> dict[str, object]:
        return {"subject": self.subject, "kind": self.kind, "note": self.note,
                "claims": [c.to_dict() for c in self.claims]}


@dataclass(slots=True)
class Comparison:
    scope: str  # "topic" | "place" | "documents" | "corpus"
    query: str
    sources: list[SourceCoverage]
    consensus: list[ConsensusPoint]
    unique: list[UniquePoint]
    conflicts: list[Conflict]
    agreements: list[Conflict] = field(default_factory=list)
    left_out: int = 0  # weaker matches not shown: word overlap or a match not judged sure
    copied: int = 0  # points every source states in the same words: one text, not agreement

    def to_dict(self) -> dict[str, object]:
        return {"scope": self.scope, "query": self.query, "left_out": self.left_out,
                "copied": self.copied,
                "sources": [s.to_dict() for s in self.sources],
                "consensus": [c.to_dict() for c in self.consensus],
                "unique": [u.to_dict() for u in self.unique],
                "conflicts": [c.to_dict() for c in self.conflicts],
                "agreements": [a.to_dict() for a in self.agreements]}
