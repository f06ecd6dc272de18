"""Feeds (RSS 0.9x/1.0/2.0, Atom via feedparser; JSON Feed) and article pages (trafilatura).

Pure functions of bytes: CPU work that callers run off the event loop. Results are
plain dataclasses so that they cross a process boundary.
"""

from __future__ import annotations

import calendar
import functools
import json
import logging
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

log = logging.getLogger(__name__)

_BLANKS = re.compile(r"[ \t\u00a0]+")


class NotAFeed(ValueError):
    """The body is neither a feed nor a page we can read; the message says why."""


@dataclass(frozen=True)
class FeedEntry:
    guid: str
    url: str
    title: str = ""
    #: the entry's content or summary as published (HTML), or plain text
    html: str = ""
    plain: str = ""
    author: str = ""
    published: str = ""

    @functools.cached_property
    def text(self) -> str:
        """Plain paragraphs, worked out only for the entries that need them (a first
        fetch of 50 entries needs none)."""
        return self.plain or fragment_text(self.html)


@dataclass(frozen=True)
class ParsedFeed:
    title: str
    link: str
    version: str
    entries: list[FeedEntry] = field(default_factory=list)


@dataclass(frozen=True)
class Article:
    """An article as it goes into the corpus."""

    url: str
    title: str
    text: str
    source: str = ""
    author: str = ""
    published: str = ""


_BLOCKS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr",
           "section", "article", "ul", "ol", "pre", "figure", "figcaption", "hr")


def fragment_text(html: str) -> str:
    """Plain paragraphs of an HTML fragment (a feed entry's content or summary)."""
    if "<" not in html and "&" not in html:
        return _paragraphs(html.splitlines())
    from lxml import etree
    from lxml import html as lhtml

    try:
        root = lhtml.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return _paragraphs(html.splitlines())
    for bad in root.xpath(".//script|.//style|.//iframe|.//object|.//form"):
        bad.drop_tree()
    for el in root.iter(*_BLOCKS):
        el.tail = "\n" + (el.tail or "")
        if el.tag != "br":
            el.text = "\n" + (el.text or "")
    return _paragraphs(root.text_content().splitlines())


def _title(text: str) -> str:
    return fragment_text(text).replace("\n\n", " ")


def _paragraphs(lines: list[str]) -> str:
    kept = [_BLANKS.sub(" ", line).strip() for line in lines]
    return "\n\n".join(line for line in kept if line)


def _iso(parsed: Any) -> str:
    if not parsed:
        return ""
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), UTC).isoformat()
    except (TypeError, ValueError, OverflowError):
        return ""


def _entry_html(entry: Any) -> str:
    contents = entry.get("content") or []
    html = contents[0].get("value", "") if contents else ""
    return html or entry.get("summary", "") or entry.get("description", "") or ""


_VERSIONS = ((re.compile(rb"<rss[^>]*version=[\"']2"), "rss20"),
             (re.compile(rb"<rss[^>]*version=[\"']0\.9(\d)"), "rss09"),
             (re.compile(rb"<(?:\w+:)?RDF\b"), "rss10"),
             (re.compile(rb"<feed[^>]*http://www\.w3\.org/2005/Atom"), "atom10"),
             (re.compile(rb"<feed\b"), "atom"))


def _sniff_version(body: bytes) -> str:
    head = body[:4096]
    return next((name for pattern, name in _VERSIONS if pattern.search(head)), "unknown")


def _parse_fast(body: bytes, url: str) -> ParsedFeed | None:
    """fastfeedparser (lxml): about 70x faster than feedparser on well-formed feeds; None
    sends the body to feedparser, which is lenient and explains what is wrong."""
    import fastfeedparser

    try:
        parsed = fastfeedparser.parse(body)
    except Exception:  # anything it cannot read, feedparser gets a chance at
        return None
    if not parsed.entries:
        return None
    entries = []
    for entry in parsed.entries:
        link = entry.get("link") or ""
        link = urljoin(url, link) if link else ""
        guid = entry.get("id") or link or entry.get("title") or ""
        if not guid:
            continue
        entries.append(FeedEntry(guid=str(guid), url=link, title=_title(entry.get("title") or ""),
                                 html=_entry_html(entry), author=str(entry.get("author") or ""),
                                 published=str(entry.get("published") or entry.get("updated")
                                               or "")))
    feed = parsed.feed
    return ParsedFeed(title=_title(feed.get("title") or ""), link=str(feed.get("link") or ""),
                      version=_sniff_version(body), entries=entries)


_FEED_ROOT = re.compile(rb"<(?:rss|feed|(?:\w+:)?RDF)[\s>]")


def looks_like_html(body: bytes, content_type: str) -> bool:
    """An article page rather than a feed: the body decides when it is plainly a feed
    (servers often send feeds as text/html)."""
    head = body[:2048].lstrip()
    if head.startswith(b"{") or _FEED_ROOT.search(head):
        return False
    if content_type in ("text/html", "application/xhtml+xml"):
        return True
    return head.lower().startswith((b"<!doctype html", b"<html"))


def discover_feed(body: bytes, url: str) -> str | None:
    """The feed a page advertises (``<link rel="alternate" type="application/rss+xml">``)."""
    from lxml import html as lhtml

    try:
        root = lhtml.document_fromstring(body[:1_000_000])
    except Exception:  # an unreadable page simply advertises nothing
        return None
    for link in root.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower()
        if "alternate" in rel and kind in ("application/rss+xml", "application/atom+xml",
                                           "application/feed+json", "application/rdf+xml"):
            href = link.get("href")
            if href:
                return urljoin(url, href.strip())
    return None


def parse_feed(body: bytes, url: str, content_type: str = "") -> ParsedFeed:
    """Entries of an RSS, Atom or JSON feed; :class:`NotAFeed` when the body is not one."""
    stripped = body.lstrip()
    if stripped.startswith(b"{") or content_type in ("application/feed+json", "application/json"):
        return _parse_json_feed(body, url)
    fast = _parse_fast(body, url)
    if fast is not None:
        return fast
    import feedparser

    parsed = feedparser.parse(body, response_headers={"content-location": url,
                                                      "content-type": content_type or "text/xml"})
    if not parsed.entries and (parsed.get("bozo") or not parsed.get("version")):
        problem = parsed.get("bozo_exception")
        detail = f": {str(problem)[:120]}" if problem else ""
        kind = "malformed XML" if parsed.get("bozo") else "no RSS or Atom found"
        raise NotAFeed(f"not a feed ({kind}{detail})")
    if parsed.get("bozo") and parsed.entries:
        log.info("%s: feed is not well-formed (%s); read leniently", url,
                 parsed.get("bozo_exception"))
    feed = parsed.feed
    entries = []
    for entry in parsed.entries:
        link = entry.get("link", "")
        link = urljoin(url, link) if link else ""
        guid = entry.get("id") or link or entry.get("title", "")
        if not guid:
            continue
        author = entry.get("author", "")
        published = _iso(entry.get("published_parsed") or entry.get("updated_parsed"))
        entries.append(FeedEntry(guid=str(guid), url=link, title=_title(entry.get("title", "")),
                                 html=_entry_html(entry), author=str(author),
                                 published=published))
    return ParsedFeed(title=_title(feed.get("title", "")),
                      link=feed.get("link", ""), version=parsed.get("version", "") or "unknown",
                      entries=entries)


def _parse_json_feed(body: bytes, url: str) -> ParsedFeed:
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, ValueError) as exc:
        raise NotAFeed(f"not a feed (malformed JSON: {exc})") from None
    if not isinstance(data, dict) or "jsonfeed.org" not in str(data.get("version", "")):
        raise NotAFeed("not a feed (JSON without a jsonfeed.org version)")
    entries = []
    for item in data.get("items") or []:
        if not isinstance(item, dict):
            continue
        link = str(item.get("url") or item.get("external_url") or "")
        link = urljoin(url, link) if link else ""
        guid = str(item.get("id") or link)
        if not guid:
            continue
        html = str(item.get("content_html") or "")
        text = "" if html else _paragraphs(
            str(item.get("content_text") or item.get("summary") or "").splitlines())
        authors = item.get("authors") or ([item["author"]] if item.get("author") else [])
        author = ", ".join(str(a.get("name", "")) for a in authors if isinstance(a, dict))
        entries.append(FeedEntry(guid=guid, url=link, title=str(item.get("title") or ""),
                                 html=html, plain=text, author=author,
                                 published=str(item.get("date_published") or "")))
    return ParsedFeed(title=str(data.get("title") or ""), link=str(data.get("home_page_url") or ""),
                      version="json" + str(data.get("version", "")).rsplit("/", 1)[-1],
                      entries=entries)


def extract_page(html: bytes | str, url: str) -> Article | None:
    """Main text and metadata of an article page (trafilatura); None when it finds no text."""
    import trafilatura

    try:
        # fast: no readability/jusText fallback pass; no extensive date search (it runs
        # dateparser over the text, seconds of regex compiling per process). Both measured
        # in benchmarks/bench_feeds.py; the feed's own date is preferred anyway.
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, fast=True, include_comments=False,
            include_tables=False, include_images=False, include_links=False,
            date_extraction_params={"extensive_search": False, "original_date": True})
    except Exception as exc:  # a parser bug on one page must not stop the ingest
        log.info("%s: extraction failed (%s)", url, type(exc).__name__)
        return None
    if doc is None or not (doc.text or "").strip():
        return None
    text = _paragraphs((doc.text or "").splitlines())
    return Article(url=url, title=(doc.title or "").strip(), text=text,
                   source=(doc.sitename or "").strip(), author=(doc.author or "").strip(),
                   published=(doc.date or "").strip())
