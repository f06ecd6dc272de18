"""Articles into the corpus directory: one ``.txt`` file each, metadata in ``sources.toml``.

The writer knows what the corpus already holds (canonical URLs, feed GUIDs, texts),
so ingesting the same feed twice adds nothing the second time. A near-duplicate text
(the same wire story republished by another outlet) becomes another source of the
story it repeats: a ``[[key.also]]`` table (outlet, URL, published date) under that
document's entry, which the loader reads into ``Document.republished``.
``sources.toml`` is appended to, never rewritten from a model: comments and
hand-written tables stay as they are; the new text is parsed before it replaces the
file (atomically), so a bad write can never break the manifest the loader reads.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import tempfile
import tomllib
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from bot.corpus.feeds.dedupe import NearDuplicateIndex
from bot.corpus.feeds.parse import Article
from bot.corpus.feeds.urls import canonical_url, clean_url
from bot.corpus.loader import (
    DEFAULT_MAX_BYTES,
    MANIFEST_NAMES,
    SUPPORTED,
    SkipFile,
    doc_id_for,
    iter_corpus_files,
    manifest_key,
    read_raw,
)

log = logging.getLogger(__name__)

#: folder of the corpus that ingested articles go to
NEWS_DIR = "news"
MIN_WORDS = 25


@dataclass(frozen=True)
class Candidate:
    """An article ready to be written, with where it came from."""

    article: Article
    guid: str = ""
    feed: str = ""


@dataclass(frozen=True)
class Added:
    doc_id: str
    title: str
    source: str
    url: str
    published: str

    def to_dict(self) -> dict[str, str]:
        return {"doc_id": self.doc_id, "title": self.title, "source": self.source,
                "url": self.url, "published": self.published}


@dataclass(frozen=True)
class Skipped:
    url: str
    reason: str
    #: the document already holding this story, when it is a duplicate
    doc_id: str = ""
    #: recorded as another outlet's publication of ``doc_id`` (its metadata changed)
    republication: bool = False

    def to_dict(self) -> dict[str, str]:
        return {"url": self.url, "reason": self.reason}


def _slug(text: str, limit: int = 60) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:limit].rstrip("-") or "article"


def _toml_str(value: str) -> str:
    # a JSON string is a valid TOML basic string (same escapes, \uXXXX for controls)
    return json.dumps(value, ensure_ascii=False)


class CorpusWriter:
    def __init__(self, root: Path | str, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.root = Path(root)
        self.max_bytes = max_bytes
        self.manifest_path = self.root / MANIFEST_NAMES[0]
        self.urls: dict[str, str] = {}
        self.guids: dict[str, str] = {}
        self.sources: dict[str, str] = {}
        #: what an announcement needs to know of each ingested document
        self.described: dict[str, Added] = {}
        self.texts = NearDuplicateIndex()
        #: doc_id -> its entry's key in the manifest (where its ``also`` tables go)
        self.keys: dict[str, str] = {}
        #: "documents." when the manifest keeps its entries under a [documents] table
        self.prefix = ""
        self._indexed = False

    @classmethod
    def open(cls, root: Path | str, max_bytes: int = DEFAULT_MAX_BYTES) -> CorpusWriter:
        """Read what the corpus holds (blocking: file I/O and parsing)."""
        writer = cls(root, max_bytes)
        writer.root.mkdir(parents=True, exist_ok=True)
        manifest = writer._manifest()
        for key, meta in manifest.items():
            doc_id = key.rsplit(".", 1)[0] if "." in key.rsplit("/", 1)[-1] else key
            writer.keys.setdefault(doc_id, key)
            for where in (meta, *(a for a in meta.get("also") or () if isinstance(a, dict))):
                writer._remember(doc_id, str(where.get("url") or ""), str(where.get("guid") or ""))
            writer.sources[doc_id] = str(meta.get("outlet") or meta.get("source") or "")
            if meta.get("url"):
                writer.described[doc_id] = Added(
                    doc_id, str(meta.get("title", "")), writer.sources[doc_id] or "unknown",
                    str(meta["url"]), str(meta.get("published", "")))
        return writer

    def _index_texts(self) -> None:
        """Index the corpus's texts for near-duplicates, once, on the first write (a bot
        that only lists feeds never pays for it)."""
        if self._indexed:
            return
        manifest = self._manifest()
        for path in iter_corpus_files(self.root):
            doc_id = doc_id_for(self.root, path)
            key = manifest_key(manifest, self.root, path)
            self.keys[doc_id] = key or path.relative_to(self.root).as_posix()
            try:
                raw = read_raw(path, self.max_bytes)
            except SkipFile:
                continue
            self.texts.add(doc_id, raw.text)
        self._indexed = True

    def _manifest(self) -> dict[str, dict[str, object]]:
        if not self.manifest_path.is_file():
            return {}
        try:
            data = tomllib.loads(self.manifest_path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise SkipFile(f"{self.manifest_path} cannot be read ({exc}); fix it first: "
                           f"ingesting would lose its entries") from None
        entries = data.get("documents", data)
        if entries is not data and isinstance(entries, dict):
            self.prefix = "documents."
        return {k: v for k, v in entries.items() if isinstance(v, dict)}

    def text_of(self, doc_id: str) -> str:
        """A document's title and text as its file holds them ("" when it cannot be read;
        blocking: file I/O)."""
        described = self.described.get(doc_id)
        title = described.title if described else ""
        key = self.keys.get(doc_id, "")
        for path in (self.root / key if key else None,
                     *(self.root / f"{doc_id}{ext}" for ext in sorted(SUPPORTED))):
            if path is not None and path.is_file():
                try:
                    return f"{title}\n{read_raw(path, self.max_bytes).text}"
                except SkipFile:
                    break
        return title

    def known(self, url: str = "", guid: str = "") -> str | None:
        """The doc_id already holding this URL or feed GUID, if any."""
        if guid and guid in self.guids:
            return self.guids[guid]
        if url:
            return self.urls.get(canonical_url(url))
        return None

    def write(self, candidates: list[Candidate],
              now: datetime | None = None) -> tuple[list[Added], list[Skipped]]:
        """Write the new articles (blocking); duplicates are skipped with their reason."""
        now = now or datetime.now(UTC)
        self._index_texts()
        added: list[Added] = []
        skipped: list[Skipped] = []
        tables: list[str] = []
        also: list[str] = []
        for cand in candidates:
            art = cand.article
            shown = art.url or cand.guid
            existing = self.known(art.url, cand.guid)
            if existing:
                skipped.append(Skipped(shown, f"already in the corpus as {existing}", existing))
                continue
            if len(art.text.split()) < MIN_WORDS:
                skipped.append(Skipped(shown, f"too little text (under {MIN_WORDS} words)"))
                continue
            match = self.texts.find(art.text)
            if match is not None:
                source = self.sources.get(match.key) or "another source"
                key = self.keys.get(match.key) or f"{match.key}.txt"
                also.append(self._table(key, art, cand, now, also=True))
                skipped.append(Skipped(shown, f"same story as {match.key} ({source}, "
                                              f"{match.jaccard:.0%} identical text): recorded "
                                              f"as another source of it", match.key, True))
                self._remember(match.key, art.url, cand.guid)
                continue
            doc_id, rel = self._path_for(art)
            path = self.root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(art.text + "\n", encoding="utf-8")
            tables.append(self._table(rel, art, cand, now))
            self.keys[doc_id] = rel
            self._remember(doc_id, art.url, cand.guid)
            self.sources[doc_id] = art.source
            self.texts.add(doc_id, art.text)
            added.append(Added(doc_id, art.title, art.source or "unknown", clean_url(art.url)
                               if art.url else "", art.published))
            self.described[doc_id] = added[-1]
        if tables or also:
            self._append_manifest(tables, also)
        return added, skipped

    def _remember(self, doc_id: str, url: str, guid: str) -> None:
        if url:
            self.urls[canonical_url(url)] = doc_id
        if guid:
            self.guids[guid] = doc_id

    def _path_for(self, art: Article) -> tuple[str, str]:
        host = (urlsplit(art.url).hostname or "unknown").removeprefix("www.")
        key = canonical_url(art.url) if art.url else art.text
        digest = hashlib.sha256(key.encode()).hexdigest()[:10]
        date = art.published[:10] if re.match(r"\d{4}-\d\d-\d\d", art.published) else "undated"
        rel = f"{NEWS_DIR}/{_slug(host, 40)}/{date}-{_slug(art.title, 50)}-{digest}.txt"
        return rel.removesuffix(".txt"), rel

    def _table(self, key: str, art: Article, cand: Candidate, now: datetime, *,
               also: bool = False) -> str:
        """A document's entry, or (``also``) another outlet's publication of one."""
        fields = {"title": art.title, "outlet": art.source or "unknown", "author": art.author,
                  "url": clean_url(art.url) if art.url else "", "published": art.published,
                  "guid": cand.guid, "feed": cand.feed,
                  "fetched": now.isoformat(timespec="seconds")}
        header = f"[[{self.prefix}{_toml_str(key)}.also]]" if also else \
            f"[{self.prefix}{_toml_str(key)}]"
        return "\n".join([header] + [f"{k} = {_toml_str(v)}" for k, v in fields.items()])

    def _append_manifest(self, tables: list[str], also: list[str]) -> None:
        old = self.manifest_path.read_text(encoding="utf-8") if self.manifest_path.is_file() \
            else "# Articles and their metadata (title, outlet, author, url, published).\n"
        addition = "\n\n".join(tables + also) + "\n"
        # never make a readable manifest unreadable. New entries are new file paths, so
        # checking the addition alone is enough for them (and does not grow with the
        # manifest); another source of an existing entry extends a table written
        # earlier, so the whole text is checked then (a hand-written inline ``also``
        # array cannot be extended: those sources are then left out, and logged)
        tomllib.loads(addition)
        text = old.rstrip("\n") + "\n\n" + addition
        if also:
            try:
                tomllib.loads(text)
            except tomllib.TOMLDecodeError as exc:
                log.warning("%s: other sources of existing stories not recorded (%s)",
                            self.manifest_path, exc)
                if not tables:
                    return
                text = old.rstrip("\n") + "\n\n" + "\n\n".join(tables) + "\n"
        fd, tmp = tempfile.mkstemp(dir=self.root, prefix=".sources.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
            os.replace(tmp, self.manifest_path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
