"""News in as it is published: fetch feeds and pages, extract, deduplicate, write to the corpus."""

from bot.corpus.feeds.fetch import Fetcher, FetchResult
from bot.corpus.feeds.ingest import Ingestor, IngestReport
from bot.corpus.feeds.writer import CorpusWriter

__all__ = ["CorpusWriter", "FetchResult", "Fetcher", "IngestReport", "Ingestor"]
