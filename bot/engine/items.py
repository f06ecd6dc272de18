"""Attributed sentence items: the JSON contract's sentence item, shared by every result."""

from __future__ import annotations

from dataclasses import dataclass

from bot.corpus.model import Corpus, Sentence
from bot.engine.referents import who_of
from bot.engine.timewords import time_anchor


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
    #: who its "Mr Wood" or "the chancellor" is, in its article's words
    #: (``referents.who_note``: "Mr Wood: Ben Wood, an analyst at Gartner")
    who: str = ""
    #: its article's first sentence, shown beside a line from deep in the article
    #: (``stories.with_stories``: a place brief's "The company has two sites in ..."), or
    #: the sentence before it (:attr:`story_before`)
    story: str = ""
    #: the opening's own :attr:`anchor` ("undated article" when it says "today")
    story_anchor: str = ""
    #: :attr:`story` is the sentence just before the line in its article, not its opening
    #: (a line that leans on its story, when that sentence reads alone: session 81)
    story_before: bool = False

    @classmethod
    def of(cls, corpus: Corpus, sentence: Sentence) -> SentenceItem:
        doc = corpus.documents[sentence.doc_id]
        return cls(sentence.text, sentence.doc_id, doc.source or "unknown", sentence.position,
                   doc.display_name, doc.url, time_anchor(sentence.text, doc.published),
                   who_of(doc, sentence.text, corpus))

    def to_dict(self) -> dict[str, object]:
        return {"text": self.text, "doc_id": self.doc_id, "source": self.source,
                "position": self.position, "title": self.title, "url": self.url,
                "anchor": self.anchor, "who": self.who, "story": self.story,
                "story_anchor": self.story_anchor, "story_before": self.story_before}
