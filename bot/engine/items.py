"""Attributed sentence items: the JSON contract's sentence item, shared by every result."""

from __future__ import annotations

from dataclasses import dataclass

from bot.corpus.model import Corpus, Sentence
from bot.engine.referents import who_of
from bot.engine.standalone import time_anchor


@dataclass(frozen=True, slots=True)
class SentenceItem:
    text: str
    doc_id: str
    source: str
    position: int
    title: str = ""
    url: str = ""
    #: "article of 10 July 2017" when the sentence says "today" and its article is dated
    anchor: str = ""
    #: who its "Mr Wood" or "the chancellor" is, and what its "the report" is, in its
    #: article's words (``referents.who_of``: "Mr Wood: Ben Wood, an analyst at Gartner;
    #: the report: a report by Jupiter Research")
    who: str = ""

    @classmethod
    def of(cls, corpus: Corpus, sentence: Sentence, things: bool = True) -> SentenceItem:
        """The item of a corpus sentence; ``things=False`` leaves out the notes on what its
        "the report" is (``antecedents.what_note``), which parse the article: a
        one-document summary, its lines in the article's order under its title."""
        doc = corpus.documents[sentence.doc_id]
        return cls(sentence.text, sentence.doc_id, doc.source or "unknown", sentence.position,
                   doc.display_name, doc.url, time_anchor(sentence.text, doc.published),
                   who_of(doc, sentence.text, corpus, things))

    def to_dict(self) -> dict[str, object]:
        return {"text": self.text, "doc_id": self.doc_id, "source": self.source,
                "position": self.position, "title": self.title, "url": self.url,
                "anchor": self.anchor, "who": self.who}
