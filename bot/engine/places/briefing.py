"""Briefing results: dataclasses whose ``to_dict()`` is the JSON contract (brief, places)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bot.engine.items import SentenceItem

if TYPE_CHECKING:  # pragma: no cover
    from bot.corpus.model import Corpus, Sentence
    from bot.engine.figures import Figure


@dataclass(frozen=True, slots=True)
class PlaceInfo:
    key: str
    name: str
    country: str  # the country's name ("" for continents and supranational regions)
    lat: float
    lon: float
    kind: str
    parent: str  # the parent's name, "" at the top

    def to_dict(self) -> dict[str, object]:
        return {"name": self.name, "country": self.country, "lat": self.lat, "lon": self.lon,
                "kind": self.kind, "parent": self.parent}


@dataclass(frozen=True, slots=True)
class RelatedPlace:
    """A place near this one in the corpus: its parent, a child, or co-mentioned."""

    name: str
    count: int
    relation: str  # parent | child | co-mentioned
    kind: str
    lat: float
    lon: float
    key: str = ""

    def to_dict(self) -> dict[str, object]:
        return {"name": self.name, "count": self.count}


@dataclass(frozen=True, slots=True)
class DocumentRef:
    doc_id: str
    title: str
    source: str
    mentions: int = 0

    def to_dict(self) -> dict[str, object]:
        return {"doc_id": self.doc_id, "title": self.title, "source": self.source}


@dataclass(frozen=True, slots=True)
class FigureItem:
    """A key figure with what it measures and who says it: "over 160 people killed"."""

    text: str
    value: float
    doc_id: str
    unit: str = ""
    position: int = 0
    measure: str = ""  # what happened to what is counted: "killed", "without a pay rise"
    source: str = ""  # the outlet, else the document's title: who gives the figure
    # the sentence's own words around a share or an amount that say what it is: "Phytopharm
    # shares jumped 10.7%", "record earnings of $14.2bn" (bot.engine.measured)
    excerpt: str = ""
    # the sentence's words naming the places the figure is given for, right after it:
    # "in Northern Ireland", "in South Australia, Victoria and Tasmania"
    # (bot.engine.places.owned)
    where: str = ""

    @classmethod
    def of(cls, figure: Figure, sentence: Sentence, corpus: Corpus,
           excerpt: str = "", where: str = "") -> FigureItem:
        from bot.engine.sources import document_label

        return cls(figure.text, figure.value, sentence.doc_id, figure.unit, sentence.position,
                   figure.measure, document_label(corpus.documents[sentence.doc_id]), excerpt,
                   where)

    @property
    def label(self) -> str:
        """"over 160 people killed (The Mosul Offensive)": the figure, its measure, its places,
        its source. A share or an amount is shown in its sentence's words ("Phytopharm
        shares jumped 10.7%"). An untitled document's name is bracketed already ("(untitled)
        Brazil and the International Monetary Fund…"): it follows a dash, not a bracket."""
        said = self.excerpt or (f"{self.text} {self.measure}" if self.measure else self.text)
        said = f"{said} {self.where}" if self.where else said
        if not self.source:
            return said
        return f"{said} — {self.source}" if self.source.startswith("(") \
            else f"{said} ({self.source})"

    def to_dict(self) -> dict[str, object]:
        return {"text": self.text, "value": self.value, "doc_id": self.doc_id,
                "measure": self.measure, "excerpt": self.excerpt, "where": self.where,
                "source": self.source, "label": self.label}


@dataclass(slots=True)
class Briefing:
    place: PlaceInfo
    mentions: int  # mentions of the place and of its districts/landmarks (its children)
    documents: list[DocumentRef] = field(default_factory=list)
    sentences: list[SentenceItem] = field(default_factory=list)
    figures: list[FigureItem] = field(default_factory=list)
    related: list[RelatedPlace] = field(default_factory=list)
    extent: tuple[float, float, float, float] | None = None  # lat0, lat1, lon0, lon1 for maps
    direct: int = 0  # mentions of the place itself (``mentions`` adds the places inside it)
    note: str = ""  # "Showing Mosul for 'Mosel'" when the query was another name for it

    def to_dict(self) -> dict[str, object]:
        return {"place": self.place.to_dict(), "mentions": self.mentions,
                "documents": [d.to_dict() for d in self.documents],
                "sentences": [s.to_dict() for s in self.sentences],
                "figures": [f.to_dict() for f in self.figures],
                "related": [r.to_dict() for r in self.related]}


@dataclass(frozen=True, slots=True)
class PlaceCount:
    name: str
    mentions: int
    documents: int
    key: str = ""
    kind: str = ""
    country: str = ""
    with_contained: int = 0  # mentions of the place and of the places inside it

    def to_dict(self) -> dict[str, object]:
        return {"name": self.name, "mentions": self.mentions, "documents": self.documents}


def mention_count(direct: int, total: int) -> str:
    """The one way /places and /brief state a count: "38 mentions, 52 with places inside"."""
    phrase = f"{direct:,} mention{'' if direct == 1 else 's'}"
    return phrase + (f", {total:,} with places inside it" if total > direct else "")


@dataclass(slots=True)
class PlacesListing:
    places: list[PlaceCount] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {"places": [p.to_dict() for p in self.places]}


@dataclass(frozen=True, slots=True)
class MentionRow:
    """One mention with provenance: ``file_text[start:end] == text``."""

    doc_id: str
    start: int
    end: int
    text: str
    name: str
    kind: str
    country: str  # the country's name
    admin1: str  # the first-level division's name, "" when none
    lat: float
    lon: float

    def to_dict(self) -> dict[str, object]:
        return {"doc_id": self.doc_id, "start": self.start, "end": self.end, "text": self.text,
                "place": {"name": self.name, "kind": self.kind, "country": self.country,
                          "admin1": self.admin1, "lat": self.lat, "lon": self.lon}}


@dataclass(slots=True)
class MentionListing:
    mentions: list[MentionRow] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {"mentions": [m.to_dict() for m in self.mentions]}
