"""Extractive summaries (placeholder ranker: sumy TextRank; replaced by the summaries issue)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from sumy.nlp.stemmers import Stemmer
from sumy.parsers.plaintext import PlaintextParser
from sumy.summarizers.text_rank import TextRankSummarizer
from sumy.utils import get_stop_words

from bot.corpus.model import Corpus, Sentence
from bot.corpus.segment import offline_tokenizer
from bot.engine.errors import EngineInputError
from bot.engine.items import SentenceItem

log = logging.getLogger(__name__)

ALGORITHMS: tuple[str, ...] = ("default",)
MAX_SENTENCES = 10


@dataclass
class SummaryResult:
    scope: str  # "corpus" | "document" | "topic"
    algorithm: str
    sentences: list[SentenceItem] = field(default_factory=list)
    document: str | None = None
    topic: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {"scope": self.scope, "algorithm": self.algorithm,
                "sentences": [s.to_dict() for s in self.sentences]}


class Summarizer:
    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus

    def summarize(self, *, document: str | None = None, topic: str | None = None,
                  sentences: int = 5, words: int | None = None,
                  algorithm: str = "default") -> SummaryResult:
        if not 1 <= sentences <= MAX_SENTENCES:
            raise EngineInputError(f"sentences must be between 1 and {MAX_SENTENCES}")
        if document:
            doc = self.corpus.find_document(document)
            if doc is None:
                raise EngineInputError(f"no document {document!r} in the corpus")
            pool, scope = doc.sentences, "document"
        else:
            pool, scope = self.corpus.sentences, "corpus"
        picked = self._rank(pool, sentences)
        return SummaryResult(scope, algorithm,
                             [SentenceItem.of(self.corpus, s) for s in picked], document, topic)

    def _rank(self, pool: list[Sentence], count: int) -> list[Sentence]:
        by_text = {}
        for s in pool:
            by_text.setdefault(s.text, s)
        parser = PlaintextParser.from_string("\n".join(by_text), offline_tokenizer())
        summarizer = TextRankSummarizer(Stemmer("english"))
        summarizer.stop_words = get_stop_words("english")
        chosen = [str(s) for s in summarizer(parser.document, count)]
        return [by_text[t] for t in chosen if t in by_text]
