"""Read a corpus directory into :class:`Corpus`: any file that fails is skipped and named."""

from __future__ import annotations

import hashlib
import logging
import os
import re
import tomllib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from bot.corpus.cache import DocumentCache, meta_fingerprint, parser_fingerprint
from bot.corpus.cleaning import (
    clean_blocks,
    is_boilerplate_sentence,
    normalise_text,
    split_blocks,
    strip_run_in_heading,
    unescape_entities,
)
from bot.corpus.comments import COMMENTS_SECTION, comment_start
from bot.corpus.model import Corpus, Document, Republication, Sentence, SkipFile, SkippedFile
from bot.corpus.segment import split_sentences
from bot.corpus.snapshot import Entry, Snapshot, Stamp, read_snapshot, write_snapshot

log = logging.getLogger(__name__)

SUPPORTED = {".txt", ".md", ".markdown", ".html", ".htm"}
MANIFEST_NAMES = ("sources.toml",)
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
META_FIELDS = ("title", "source", "author", "url", "published")


class CorpusError(Exception):
    """The corpus as a whole cannot be used (missing or empty directory, broken manifest).

    ``public`` is the same without paths, for Discord users (never the operator's
    directory layout)."""

    def __init__(self, message: str, public: str | None = None) -> None:
        super().__init__(message)
        self.public = public or "the corpus cannot be used; the reason is in the bot's log"


def printable(name: str) -> str:
    """A file name safe for a log line or a terminal: control and format characters
    (newlines that would forge log lines, ANSI escapes) shown as escapes."""
    if name.isprintable():  # no character of category C (nor a separator but space)
        return name
    return "".join(
        ch if not unicodedata.category(ch).startswith("C") else
        (f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")
        for ch in name)


@dataclass(frozen=True)
class RawText:
    text: str
    meta: dict[str, str]
    is_html: bool


class Manifest(dict[str, dict[str, str]]):
    """``sources.toml``'s entries (key -> metadata); ``republished`` holds, per key, the
    other outlets that published the same story (the entry's ``[[key.also]]`` tables)."""

    def __init__(self, entries: dict[str, dict[str, str]] | None = None,
                 republished: dict[str, tuple[Republication, ...]] | None = None) -> None:
        super().__init__(entries or {})
        self.republished: dict[str, tuple[Republication, ...]] = republished or {}


def manifest_key(manifest: dict[str, dict[str, str]], root: Path, path: Path) -> str | None:
    """The manifest entry of a file: by relative path, doc_id or file name, in that order."""
    rel = path.relative_to(root).as_posix()
    for key in (rel, doc_id_for(root, path), path.name):
        if key in manifest:
            return key
    return None


def _republications(value: object) -> tuple[Republication, ...]:
    if not isinstance(value, list):
        return ()
    out = []
    for item in value:
        if isinstance(item, dict) and str(item.get("outlet") or item.get("source") or "").strip():
            out.append(Republication(
                " ".join(str(item.get("outlet") or item.get("source")).split()),
                str(item.get("url", "")), str(item.get("published", "")),
                str(item.get("title", ""))))
    return tuple(out)


def load_manifest(root: Path) -> Manifest:
    """``sources.toml``: a table per file name (or doc_id): title/outlet/author/url/published,
    and ``[[key.also]]`` tables for the same story published by other outlets.

    A manifest that cannot be read as that is a configuration error naming the file
    and the key (:class:`CorpusError`), never a traceback or silently ignored metadata.
    """
    for name in MANIFEST_NAMES:
        path = root / name
        if not path.is_file():
            continue
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CorpusError(f"manifest {path} cannot be read: {exc}",
                              f"{name} is not valid; the reason is in the bot's log") from exc
        return parse_manifest(data, path)
    return Manifest()


def parse_manifest(data: bytes, path: Path) -> Manifest:
    """The manifest from its bytes (``path`` names it in errors)."""
    public = f"{path.name} is not valid; the reason is in the bot's log"
    try:
        parsed = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise CorpusError(f"manifest {path} cannot be read: {exc}", public) from exc
    except tomllib.TOMLDecodeError as exc:
        raise CorpusError(f"manifest {path} is not valid TOML: {exc}", public) from exc
    entries = parsed.get("documents", parsed)
    if not isinstance(entries, dict):
        raise CorpusError(f"manifest {path}: key 'documents' must be a table of "
                          f"documents ([documents.\"file.txt\"]), not a "
                          f"{_toml_type(entries)}", public)
    out = Manifest()
    for key, value in entries.items():
        if not isinstance(value, dict):
            where = f"documents.{key}" if "documents" in parsed else key
            raise CorpusError(f"manifest {path}: key {where!r} must be a table "
                              f"(title, outlet, author, url, published), not a "
                              f"{_toml_type(value)}", public)
        meta = {k: str(v) for k, v in value.items() if isinstance(v, str | int | float)}
        if "outlet" in meta and "source" not in meta:
            meta["source"] = meta["outlet"]
        out[key] = meta
        also = _republications(value.get("also"))
        if also:
            out.republished[key] = also
    return out


def _toml_type(value: object) -> str:
    return {str: "string", int: "integer", float: "number", bool: "boolean",
            list: "array"}.get(type(value), type(value).__name__)


def _decode(data: bytes, path: Path) -> str:
    if b"\x00" in data[:8192]:
        raise SkipFile("binary file (NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    sample = data[:8192]
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    if sample and controls / len(sample) > 0.05:
        raise SkipFile("binary file (control bytes)")
    try:
        text = data.decode("cp1252")
        log.info("%s: not UTF-8, decoded as Windows-1252", printable(str(path)))
        return text
    except UnicodeDecodeError:
        log.info("%s: not UTF-8, decoded as Latin-1", printable(str(path)))
        return data.decode("latin-1")


_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, text
    meta: dict[str, str] = {}
    for line in m.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep:
            meta[key.strip().lower()] = value.strip().strip("\"'")
    if "outlet" in meta and "source" not in meta:
        meta["source"] = meta["outlet"]
    return meta, text[m.end():]


def _html_to_text(html: str) -> tuple[dict[str, str], str]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    meta: dict[str, str] = {}
    if soup.title and soup.title.string:
        meta["title"] = soup.title.string.strip()
    for name, key in (("author", "author"), ("og:site_name", "source"), ("og:url", "url"),
                      ("article:published_time", "published"), ("og:title", "title")):
        tag = soup.find("meta", attrs={"name": name}) or soup.find("meta", attrs={"property": name})
        if tag and tag.get("content") and key not in meta:
            meta[key] = str(tag["content"]).strip()
    for tag in soup(["script", "style", "nav", "footer", "header", "aside", "form", "noscript"]):
        tag.decompose()
    blocks = []
    for el in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote"]):
        if el.find(["p", "li"]):
            continue
        text = " ".join(el.get_text(" ").split())
        if text:
            blocks.append(text)
    if not blocks:
        blocks = [" ".join(soup.get_text(" ").split())]
    return meta, "\n\n".join(blocks)


def read_bytes(path: Path, max_bytes: int, root: Path | None = None) -> bytes:
    """A file's bytes, read once (they are parsed and hashed from this one read); files
    whose real location is outside ``root`` (symlinks) are never read."""
    if root is not None and not path.resolve().is_relative_to(root.resolve()):
        raise SkipFile("a link to a file outside the corpus directory: not read")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise SkipFile(f"unreadable ({exc.strerror or exc})") from exc
    if size == 0:
        raise SkipFile("empty file")
    if size > max_bytes:
        raise SkipFile(f"too large ({size} bytes > limit {max_bytes}; raise MAX_FILE_BYTES)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SkipFile(f"unreadable ({exc.strerror or exc})") from exc
    if not data:
        raise SkipFile("empty file")
    if len(data) > max_bytes:  # grew between stat and read
        raise SkipFile(f"too large ({len(data)} bytes > limit {max_bytes}; raise "
                       f"MAX_FILE_BYTES)")
    return data


def parse_bytes(data: bytes, path: Path) -> RawText:
    text = normalise_text(_decode(data, path))
    if path.suffix.lower() in {".html", ".htm"}:
        meta, text = _html_to_text(text)
        return RawText(text, meta, True)
    meta, text = _front_matter(unescape_entities(text))
    if path.suffix.lower() in {".md", ".markdown"}:
        text = _strip_markdown(text)
    return RawText(text, meta, False)


def read_raw(path: Path, max_bytes: int) -> RawText:
    return parse_bytes(read_bytes(path, max_bytes), path)


_MD_HEADING = re.compile(r"^#{1,6}\s*", re.MULTILINE)
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPH = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")


def _strip_markdown(text: str) -> str:
    text = _MD_HEADING.sub("", text)
    text = _MD_LINK.sub(r"\1", text)
    return _MD_EMPH.sub(r"\2", text)


def build_document(doc_id: str, raw: RawText, meta: dict[str, str], path: Path | None,
                   content_hash: str = "") -> Document:
    merged = {**raw.meta, **{k: v for k, v in meta.items() if v is not None}}
    cleaned = clean_blocks(split_blocks(raw.text), title=merged.get("title", ""))
    title = merged.get("title") or cleaned.title
    paragraphs = [(section, [strip_run_in_heading(text) for text in split_sentences(para)
                             if not is_boilerplate_sentence(text)])
                  for section, para in cleaned.paragraphs]
    comments = comment_start([texts for _, texts in paragraphs])
    sentences: list[Sentence] = []
    for p_index, (section, texts) in enumerate(paragraphs):
        if comments is not None and p_index >= comments:
            section = COMMENTS_SECTION
        for text in texts:
            sentences.append(Sentence(text, doc_id, len(sentences), p_index, section))
    if not sentences:
        raise SkipFile("no readable sentences after cleaning")
    return Document(
        doc_id=doc_id,
        title=title,
        sentences=sentences,
        source=merged.get("source") or "unknown",
        author=merged.get("author", ""),
        url=merged.get("url", ""),
        published=merged.get("published", ""),
        headings=cleaned.headings,
        path=path,
        content_hash=content_hash,
    )


@dataclass(frozen=True, slots=True)
class CorpusFile:
    """A supported file below the corpus root, as the directory listing gave it."""

    path: str  # root joined with rel (a string: 20,000 Path objects cost a second)
    rel: str  # relative, with "/" separators
    stamp: Stamp | None  # None when it could not be stat'ed (it is then read, and fails)
    is_link: bool


def scan_corpus_files(root: Path) -> Iterable[CorpusFile]:
    """Every supported file below ``root`` in corpus order (names sorted, a folder's
    files before its subfolders; hidden names and links to folders skipped), with its
    stamp from the listing. The order is ``os.walk``'s, which the corpus always had."""
    stack = [(str(root), "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError:
            continue
        subdirs = []
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                if not entry.is_symlink():
                    subdirs.append((entry.path, f"{prefix}{name}/"))
                continue
            if name in MANIFEST_NAMES or os.path.splitext(name)[1].lower() not in SUPPORTED:
                continue
            try:
                st = entry.stat()
                stamp: Stamp | None = (st.st_size, st.st_mtime_ns, st.st_ino)
            except OSError:
                stamp = None
            yield CorpusFile(entry.path, prefix + name, stamp, entry.is_symlink())
        stack.extend(reversed(subdirs))


def iter_corpus_files(root: Path) -> Iterable[Path]:
    for file in scan_corpus_files(root):
        yield Path(file.path)


def doc_id_for(root: Path, path: Path) -> str:
    return path.relative_to(root).with_suffix("").as_posix()


def load_file(root: Path, path: Path, manifest: dict[str, dict[str, str]],
              max_bytes: int = DEFAULT_MAX_BYTES, *, data: bytes | None = None,
              cache: DocumentCache | None = None) -> Document:
    """Load one file (from ``data`` when the caller already read it); raises
    :class:`SkipFile` with the reason. With ``cache``, unchanged bytes are not parsed."""
    doc_id = doc_id_for(root, path)
    key = manifest_key(manifest, root, path)
    meta = manifest[key] if key is not None else {}
    if data is None:
        data = read_bytes(path, max_bytes, root)
    digest = hashlib.sha256(data).hexdigest()
    doc = cache.lookup(digest, doc_id, meta, max_bytes, path) if cache is not None else None
    if doc is None:  # (the cache lookup may raise SkipFile, as parsing did)
        try:
            doc = build_document(doc_id, parse_bytes(data, path), meta, path, digest)
        except SkipFile as exc:
            if cache is not None:
                cache.remember_skip(digest, doc_id, meta, max_bytes, str(exc))
            raise
        if cache is not None:
            cache.remember(doc, meta, max_bytes)
    return with_republications(doc, manifest, key)


def with_republications(doc: Document, manifest: dict[str, dict[str, str]],
                        key: str | None) -> Document:
    """The document with the other outlets its manifest entry records (no parsing: the
    same story's extra sources change no sentence)."""
    also = getattr(manifest, "republished", {}).get(key, ()) if key is not None else ()
    also = tuple(r for r in also if r.source.casefold() != doc.source.casefold()
                 or r.url != doc.url)
    return doc if also == doc.republished else replace(doc, republished=also)


def _doc_id(rel: str) -> str:
    """:func:`doc_id_for` from the relative path string (no Path objects)."""
    return rel[:len(rel) - len(os.path.splitext(rel)[1])]


def _manifest_key(manifest: dict[str, dict[str, str]], rel: str, doc_id: str) -> str | None:
    """:func:`manifest_key` from the relative path string."""
    for key in (rel, doc_id, rel.rpartition("/")[2]):
        if key in manifest:
            return key
    return None


def load_corpus(root: Path | str, max_bytes: int = DEFAULT_MAX_BYTES,
                cache_dir: Path | str | None = None) -> Corpus:
    """Load every supported file below ``root``; logs one line per skip and one report line.

    With ``cache_dir``, a file unchanged since the last load (same stamp, same manifest
    entry) is taken from the corpus snapshot without being read, and any other file
    with unchanged bytes (same content hash) is not parsed again.
    """
    root = Path(root).expanduser()
    if not root.exists():
        raise CorpusError(f"corpus directory {root} does not exist: set CORPUS_DIR or --corpus",
                          "the corpus directory does not exist")
    if not root.is_dir():
        raise CorpusError(f"corpus path {root} is not a directory: set CORPUS_DIR or --corpus",
                          "the corpus path is not a directory")
    manifest = load_manifest(root)
    loader = _Loader(root, manifest, max_bytes, cache_dir)
    documents: dict[str, Document] = {}
    skipped: list[SkippedFile] = []
    stamps: dict[str, Stamp] = {}
    for file in scan_corpus_files(root):
        shown = printable(file.rel)
        try:
            doc = loader.load(file)
        except SkipFile as exc:
            log.warning("skipped %s: %s", shown, exc)
            skipped.append(SkippedFile(shown, str(exc)))
            continue
        except Exception as exc:  # a parser bug must not stop the bot from starting
            log.warning("skipped %s: could not parse (%s)", shown, type(exc).__name__)
            skipped.append(SkippedFile(shown, f"could not parse ({type(exc).__name__})"))
            continue
        documents[doc.doc_id] = doc
        if file.stamp is not None:
            stamps[doc.doc_id] = file.stamp
    loader.close()
    if not documents:
        detail = f" ({len(skipped)} files skipped)" if skipped else ""
        raise CorpusError(
            f"corpus directory {root} has no readable .txt, .md or .html documents{detail}",
            f"the corpus directory has no readable documents{detail}")
    corpus = Corpus(root=root, documents=documents, skipped=skipped, stamps=stamps)
    log.info(corpus.report())
    return corpus


class _Loader:
    """One load's files: from the snapshot when unchanged, else read (and looked up in
    the document cache, opened only then, or parsed); remembers every file's entry for
    the next snapshot."""

    def __init__(self, root: Path, manifest: Manifest, max_bytes: int,
                 cache_dir: Path | str | None) -> None:
        self.root, self.manifest, self.max_bytes = root, manifest, max_bytes
        self.cache_dir = Path(cache_dir).expanduser() if cache_dir is not None else None
        self.snapshot = Snapshot() if self.cache_dir is None else read_snapshot(
            self.cache_dir, root, parser_fingerprint(), max_bytes)
        self.entries: dict[str, Entry] = {}
        self.reused = 0
        self._cache: DocumentCache | None = None
        self._meta_fps: dict[str | None, str] = {}  # manifest key -> its fingerprint

    def load(self, file: CorpusFile) -> Document:
        doc_id = _doc_id(file.rel)
        key = _manifest_key(self.manifest, file.rel, doc_id)
        meta = self.manifest[key] if key is not None else {}
        if self.cache_dir is None:
            return load_file(self.root, Path(file.path), self.manifest, self.max_bytes)
        meta_fp = self._meta_fps.get(key)
        if meta_fp is None:
            meta_fp = self._meta_fps[key] = meta_fingerprint(meta, self.max_bytes)
        entry = None if file.is_link or file.stamp is None else \
            self.snapshot.usable(file.rel, file.stamp, meta_fp)
        data = None
        if entry is not None and self.snapshot.racy(entry):
            data = read_bytes(Path(file.path), self.max_bytes, self.root)
            if entry.document is None or \
                    hashlib.sha256(data).hexdigest() != entry.document.content_hash:
                entry = None
        if entry is not None:
            self.reused += 1
            self.entries[file.rel] = entry
            if entry.document is None:
                raise SkipFile(entry.skip)
            return with_republications(entry.document, self.manifest, key)
        return self._read(file, meta_fp, key, data)

    def _read(self, file: CorpusFile, meta_fp: str, key: str | None,
              data: bytes | None) -> Document:
        path = Path(file.path)
        stamp = file.stamp or (0, 0, 0)
        if self._cache is None:
            assert self.cache_dir is not None
            self._cache = DocumentCache(self.cache_dir)
        try:
            if data is None:  # a link is checked against the root; a listed file is in it
                data = read_bytes(path, self.max_bytes, self.root if file.is_link else None)
            doc = load_file(self.root, path, self.manifest, self.max_bytes, data=data,
                            cache=self._cache)
        except SkipFile as exc:
            if file.stamp is not None and not file.is_link:
                self.entries[file.rel] = Entry(stamp, meta_fp, None, str(exc))
            raise
        if file.stamp is not None and not file.is_link:
            # stored without the manifest's other outlets: they are added at each load
            self.entries[file.rel] = Entry(stamp, meta_fp, replace(doc, republished=()))
        return doc

    def close(self) -> None:
        if self.cache_dir is None:
            return
        changed = self.reused != len(self.snapshot.entries) or \
            len(self.entries) != len(self.snapshot.entries) or self._cache is not None
        if self._cache is not None:
            self._cache.keep((e.document.content_hash, e.document.doc_id)
                             for e in self.entries.values() if e.document is not None)
            self._cache.close()
        if changed:
            write_snapshot(self.cache_dir, self.root, parser_fingerprint(), self.max_bytes,
                           self.entries)
        log.info("corpus snapshot: %d files unchanged, %d read", self.reused,
                 len(self.entries) - self.reused)
