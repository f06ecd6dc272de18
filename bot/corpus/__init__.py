"""Files -> documents: loading, cleaning and offline sentence segmentation."""

from bot.corpus.loader import CorpusError, load_corpus
from bot.corpus.model import Corpus, Document, Sentence, SkippedFile

__all__ = ["Corpus", "CorpusError", "Document", "Sentence", "SkippedFile", "load_corpus"]
