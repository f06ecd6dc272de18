"""Feeds and links into the corpus: fetching, parsing, extraction, dedupe, `briefbot ingest`.

Everything runs against a real aiohttp server on 127.0.0.1 serving fixture feeds and
pages (tests/feeds_server.py); ALLOW_PRIVATE_URLS is set for loopback where needed.
"""

from __future__ import annotations

import asyncio
import json
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.cli import main
from bot.corpus.feeds import CorpusWriter, Fetcher, Ingestor
from bot.corpus.feeds.dedupe import NearDuplicateIndex
from bot.corpus.feeds.fetch import USER_AGENT, parse_retry_after
from bot.corpus.feeds.parse import NotAFeed, extract_page, parse_feed
from bot.corpus.feeds.urls import UnsafeURLError, canonical_url, clean_url, refuse_private
from bot.corpus.loader import load_corpus
from tests.feeds_server import ARTICLES, FeedServer, RunningServer, article_html


@pytest.fixture(scope="module")
def server() -> Iterator[FeedServer]:
    running = RunningServer(FeedServer(huge_bytes=2 * 1024 * 1024, slow_seconds=3.0))
    yield running.start()
    running.stop()


def fetcher(**kw: object) -> Fetcher:
    options: dict[str, object] = {"allow_private": True, "timeout": 1.0,
                                  "max_bytes": 1024 * 1024}
    options.update(kw)
    return Fetcher(**options)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- URLs
def test_canonical_url_drops_tracking_and_normalises_scheme_host() -> None:
    a = canonical_url("http://WWW.Example.com:80/news/story/?utm_source=rss&id=7&fbclid=x#top")
    b = canonical_url("https://example.com/news/story?id=7&utm_campaign=wire")
    assert a == b == "https://example.com/news/story?id=7"
    assert canonical_url("https://example.com/a?b=2&a=1") == "https://example.com/a?a=1&b=2"
    assert canonical_url("https://example.com/a?id=1") != canonical_url("https://example.com/a?id=2")
    # the stored URL keeps the publisher's scheme and host, minus the tracking
    assert clean_url("http://www.example.com/x?utm_medium=feed&p=1#c") == \
        "http://www.example.com/x?p=1"


@pytest.mark.parametrize("address", ["127.0.0.1", "10.1.2.3", "192.168.0.5", "169.254.169.254",
                                     "::1", "fe80::1", "::ffff:127.0.0.1", "100.64.0.1"])
def test_private_addresses_are_refused(address: str) -> None:
    with pytest.raises(UnsafeURLError, match="ALLOW_PRIVATE_URLS"):
        refuse_private("host", [address])


def test_public_address_passes() -> None:
    refuse_private("example.com", ["93.184.216.34", "2606:2800:220:1::1"])


def test_retry_after_as_seconds_and_http_date() -> None:
    assert parse_retry_after("120") == 120.0
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412480 - 60) == 60.0
    assert parse_retry_after("soon") is None


# --------------------------------------------------------------------------- fetch
async def test_loopback_refused_without_the_setting(server: FeedServer) -> None:
    async with Fetcher(allow_private=False, timeout=1.0) as f:
        result = await f.fetch(server.url("/rss2.xml"))
        named = await f.fetch(f"http://localhost:{server.port}/rss2.xml")
    assert "private address" in (result.error or "")
    assert "private address" in (named.error or "")  # a name resolving to loopback too
    assert server.hits("/rss2.xml") == [] or all(
        h.get("User-Agent") == USER_AGENT for h in server.hits("/rss2.xml"))


async def test_scheme_other_than_http_refused() -> None:
    async with fetcher() as f:
        result = await f.fetch("file:///etc/passwd")
    assert result.error and "not an http(s) URL" in result.error


@pytest.mark.parametrize(("path", "expected"), [
    ("/missing.xml", "not found (HTTP 404)"),
    ("/gone.xml", "gone (HTTP 410)"),
    ("/error.xml", "server error (HTTP 500)"),
    ("/busy.xml", "rate limited (HTTP 429), asked to wait 120 s"),
    ("/image.png", "unsupported content type image/png"),
    ("/slow.xml", "timed out after 1 s"),
    ("/huge.xml", "too large"),
    ("/loop-a", "redirect loop"),
])
async def test_fetch_failures_have_a_clear_reason(server: FeedServer, path: str,
                                                  expected: str) -> None:
    async with fetcher() as f:
        result = await f.fetch(server.url(path))
    assert not result.ok
    assert expected in (result.error or "")
    if path == "/busy.xml":
        assert result.retry_after == 120.0


async def test_fetch_sends_user_agent_follows_redirect_and_gunzips(server: FeedServer) -> None:
    async with fetcher() as f:
        moved = await f.fetch(server.url("/moved.xml"))
        zipped = await f.fetch(server.url("/gzip.xml"))
    assert moved.ok and moved.final_url.endswith("/rss2.xml") and b"<rss" in moved.body
    assert zipped.ok and b"<feed" in zipped.body
    headers = server.hits("/gzip.xml")[-1]
    assert headers["User-Agent"] == USER_AGENT and "briefbot" in USER_AGENT
    assert "gzip" in headers["Accept-Encoding"]


async def test_too_many_redirects(server: FeedServer) -> None:
    async with fetcher(max_redirects=0) as f:
        result = await f.fetch(server.url("/moved.xml"))
    assert result.error == "too many redirects (more than 0)"


async def test_conditional_get_gets_304(server: FeedServer) -> None:
    async with fetcher() as f:
        first = await f.fetch(server.url("/etag.xml"))
        second = await f.fetch(server.url("/etag.xml"), etag=first.etag,
                               last_modified=first.last_modified)
    assert first.ok and first.etag == '"v1"'
    assert second.not_modified and second.body == b""
    sent = server.hits("/etag.xml")[-1]
    assert sent["If-None-Match"] == '"v1"'
    assert sent["If-Modified-Since"] == "Sat, 28 Nov 2026 08:00:00 GMT"


# --------------------------------------------------------------------------- parse
async def _feed(server: FeedServer, path: str):
    async with fetcher() as f:
        result = await f.fetch(server.url(path))
    assert result.ok, result.error
    return parse_feed(result.body, result.final_url, result.content_type)


@pytest.mark.parametrize(("path", "version", "keys"), [
    ("/rss2.xml", "rss20", ["water-mosul", "kirkuk-budget"]),
    ("/atom.xml", "atom10", ["kirkuk-budget", "erbil-airport"]),
    ("/rss1.xml", "rss10", ["erbil-airport", "basra-port"]),
    ("/json.json", "json1.1", ["basra-port"]),
    ("/gzip.xml", "atom10", ["baghdad-power"]),
])
async def test_feed_formats_parse(server: FeedServer, path: str, version: str,
                                  keys: list[str]) -> None:
    feed = await _feed(server, path)
    assert feed.version == version
    assert [e.url for e in feed.entries] == [server.url(f"/articles/{k}.html") for k in keys]
    first = feed.entries[0]
    assert first.title == ARTICLES[keys[0]]["title"]
    assert first.published.startswith("2026-11-")
    assert first.text.split()[:4] == ARTICLES[keys[0]]["paragraphs"][0].split()[:4]


async def test_malformed_xml_is_not_a_feed(server: FeedServer) -> None:
    async with fetcher() as f:
        result = await f.fetch(server.url("/malformed.xml"))
    with pytest.raises(NotAFeed, match="not a feed"):
        parse_feed(result.body, result.final_url, result.content_type)


def test_extraction_keeps_the_article_and_drops_the_page_furniture() -> None:
    art = extract_page(article_html("kirkuk-budget"), "https://tigris.example/kirkuk")
    assert art is not None
    assert art.title == ARTICLES["kirkuk-budget"]["title"]
    assert art.source == "Tigris Daily" and art.author == "Omar Saleh"
    assert art.published == "2026-11-27"
    assert "310 billion dinars" in art.text
    for furniture in ("Most read", "Ten recipes", "All rights reserved", "Sport"):
        assert furniture not in art.text


def test_near_duplicate_index_finds_the_same_story_only() -> None:
    index = NearDuplicateIndex()
    water = " ".join(ARTICLES["water-mosul"]["paragraphs"])
    index.add("water", water)
    index.add("kirkuk", " ".join(ARTICLES["kirkuk-budget"]["paragraphs"]))
    match = index.find("Republished. " + water.replace("Friday", "Friday morning"))
    assert match is not None and match.key == "water"
    cut = " ".join(ARTICLES["water-mosul"]["paragraphs"][:3])  # a shortened wire copy
    assert index.find(cut).key == "water"  # type: ignore[union-attr]
    assert index.find(" ".join(ARTICLES["erbil-airport"]["paragraphs"])) is None


# --------------------------------------------------------------------------- ingest
def _ingest(capsys: pytest.CaptureFixture[str], corpus: Path, *urls: str) -> tuple[int, dict]:
    code = main(["ingest", *urls, "--corpus", str(corpus), "--json"])
    return code, json.loads(capsys.readouterr().out)


@pytest.fixture
def private_ok(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALLOW_PRIVATE_URLS", "true")


def test_ingest_cli_writes_articles_with_metadata_and_twice_adds_nothing(
        server: FeedServer, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        private_ok: None) -> None:
    corpus = tmp_path / "corpus"
    code, out = _ingest(capsys, corpus, server.url("/rss2.xml"), server.url("/atom.xml"))
    assert code == 0
    titles = sorted(a["title"] for a in out["added"])
    # the atom feed's kirkuk entry is the rss feed's: one document
    assert titles == sorted(ARTICLES[k]["title"]
                            for k in ("water-mosul", "kirkuk-budget", "erbil-airport"))
    assert {"url": server.url("/articles/kirkuk-budget.html"),
            "reason": f"already in the corpus as {_doc_id(out, 'kirkuk-budget')}"} \
        in out["skipped"]
    water = next(a for a in out["added"] if "Mosul" in a["title"])
    assert water["source"] == "Northern Wire"
    assert water["url"] == server.url("/articles/water-mosul.html")
    assert water["published"].startswith("2026-11-28")
    assert set(water) == {"doc_id", "title", "source", "url", "published"}
    # the loader reads the manifest and the files exactly as written
    docs = load_corpus(corpus).documents
    doc = docs[water["doc_id"]]
    assert doc.title == water["title"] and doc.source == "Northern Wire"
    assert doc.author == "Leila Haddad" and doc.url == water["url"]
    assert "Most read" not in doc.text and "40,000 households" in doc.text
    added_again = _ingest(capsys, corpus, server.url("/rss2.xml"), server.url("/atom.xml"))[1]
    assert added_again["added"] == []
    assert all(s["reason"].startswith("already in the corpus") for s in added_again["skipped"])
    assert len(load_corpus(corpus).documents) == len(docs)


def _doc_id(out: dict, key: str) -> str:
    return next(a["doc_id"] for a in out["added"] if a["title"] == ARTICLES[key]["title"])


def test_one_article_through_three_feeds_and_a_wire_copy_is_one_document(
        server: FeedServer, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        private_ok: None) -> None:
    corpus = tmp_path / "corpus"
    code, out = _ingest(capsys, corpus, *(server.url(f"/wire-{n}.xml") for n in (1, 2, 3)),
                        server.url("/republished.xml"))
    assert code == 0
    assert [a["title"] for a in out["added"]] == [ARTICLES["water-mosul"]["title"],
                                                  ARTICLES["basra-port"]["title"]]
    reasons = [s["reason"] for s in out["skipped"]]
    assert reasons[:2] == [f"already in the corpus as {out['added'][0]['doc_id']}"] * 2
    assert reasons[2].startswith(f"same story as {out['added'][0]['doc_id']} (Northern Wire")
    docs = load_corpus(corpus).documents
    assert len(docs) == 2
    manifest = tomllib.loads((corpus / "sources.toml").read_text(encoding="utf-8"))
    assert len(manifest) == 2


def test_a_feed_republishing_old_items_adds_nothing(
        server: FeedServer, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        private_ok: None) -> None:
    corpus = tmp_path / "corpus"
    server.feeds["repub"] = (rss := __import__("tests.feeds_server", fromlist=["rss2"]).rss2)(
        server.base, ["erbil-airport"])
    assert len(_ingest(capsys, corpus, server.url("/dynamic/repub.xml"))[1]["added"]) == 1
    # the publisher re-sends the old item with a new date and a tracking parameter
    server.feeds["repub"] = rss(server.base, ["erbil-airport"], query="?utm_source=x")
    server.feeds["repub"] = server.feeds["repub"].replace("Nov 2026", "Dec 2026")
    assert _ingest(capsys, corpus, server.url("/dynamic/repub.xml"))[1]["added"] == []


def test_ingest_into_existing_corpus_keeps_the_hand_written_manifest(
        server: FeedServer, seeds_copy: Path, capsys: pytest.CaptureFixture[str],
        private_ok: None) -> None:
    before = (seeds_copy / "sources.toml").read_text(encoding="utf-8")
    code, out = _ingest(capsys, seeds_copy, server.url("/articles/basra-port.html"))
    assert code == 0 and len(out["added"]) == 1
    assert out["added"][0]["source"] == "Gulf Shipping News"
    after = (seeds_copy / "sources.toml").read_text(encoding="utf-8")
    assert after.startswith(before.rstrip("\n"))
    docs = load_corpus(seeds_copy).documents
    assert len(docs) == 6
    assert docs["001_1bcaefff16c7f4bd"].source == "Daily Caller News Foundation"


def test_ingest_reports_each_failure_and_exits_1_when_nothing_came_in(
        server: FeedServer, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        private_ok: None) -> None:
    urls = [server.url(p) for p in ("/missing.xml", "/malformed.xml", "/image.png")]
    code, out = _ingest(capsys, tmp_path / "c", *urls, "ftp://example.com/feed")
    assert code == 1 and out["added"] == []
    reasons = {s["url"]: s["reason"] for s in out["skipped"]}
    assert reasons[urls[0]] == "not found (HTTP 404)"
    assert reasons[urls[1]].startswith("not a feed")
    assert reasons[urls[2]] == "unsupported content type image/png"
    assert "not an http(s) URL" in reasons["ftp://example.com/feed"]


def test_ingest_refuses_loopback_without_the_setting(
        server: FeedServer, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALLOW_PRIVATE_URLS", "false")
    code, out = _ingest(capsys, tmp_path / "c", server.url("/rss2.xml"))
    assert code == 1 and "ALLOW_PRIVATE_URLS=true" in out["skipped"][0]["reason"]
    assert not (tmp_path / "c" / "sources.toml").exists()


async def test_page_that_cannot_be_fetched_falls_back_to_the_entry_text(
        server: FeedServer, tmp_path: Path) -> None:
    from tests.feeds_server import rss2

    # the entry links to an article page that does not exist (404)
    server.feeds["orphan"] = rss2(server.base, ["kirkuk-budget"]).replace(
        "/articles/kirkuk-budget.html", "/articles/nowhere.html").replace(
        "<description>", "<description>" + "Long feed text for the fallback. " * 10)
    writer = CorpusWriter.open(tmp_path)
    async with fetcher() as f:
        report = await Ingestor(writer, f).ingest_url(server.url("/dynamic/orphan.xml"))
    assert [a.title for a in report.added] == [ARTICLES["kirkuk-budget"]["title"]]
    doc = load_corpus(tmp_path).documents[report.added[0].doc_id]
    assert "Long feed text for the fallback" in doc.text
    assert doc.source == "Northern Wire"  # the feed's title stands in for the outlet


def test_entry_html_becomes_paragraphs_without_scripts() -> None:
    from bot.corpus.feeds.parse import fragment_text

    text = fragment_text("<p>First <b>bold</b> line.</p><script>alert(1)</script>"
                         "<ul><li>one</li><li>two &amp; three</li></ul>Tail<br>end")
    assert text.split("\n\n") == ["First bold line.", "one", "two & three", "Tail", "end"]
    assert fragment_text("a plain < comparison") == "a plain < comparison"


async def test_concurrent_feeds_listing_one_story_fetch_its_page_once(
        server: FeedServer, tmp_path: Path) -> None:
    from tests.feeds_server import rss2

    server.feeds["x1"] = rss2(server.base, ["baghdad-power"], query="?utm_source=x1")
    server.feeds["x2"] = rss2(server.base, ["baghdad-power"], query="?utm_source=x2")
    before = len(server.hits("/articles/baghdad-power.html"))
    writer = CorpusWriter.open(tmp_path)
    async with fetcher() as f:
        ingestor = Ingestor(writer, f)
        one, two = await asyncio.gather(ingestor.ingest_url(server.url("/dynamic/x1.xml")),
                                        ingestor.ingest_url(server.url("/dynamic/x2.xml")))
    assert len(server.hits("/articles/baghdad-power.html")) == before + 1
    added = one.added + two.added
    assert len(added) == 1
    skipped = one.skipped + two.skipped
    assert [s.doc_id for s in skipped] == [added[0].doc_id]


def test_announcements_keep_article_text_inert() -> None:
    from bot.corpus.feeds.writer import Added
    from bot.render.feeds import announcement_embed

    items = [Added("news/x/1", "@everyone [click](http://evil.example) **now**", "Outlet <@1>",
                   "https://example.com/a b)c", "2026-11-30T08:00:00+00:00")]
    items += [Added(f"news/x/{n}", f"Story {n}", "Wire", f"https://example.com/{n}", "")
              for n in range(2, 40)]
    embed = announcement_embed(items)
    assert embed.title == "39 new articles from your feeds"
    first = embed.description.splitlines()[0]
    assert "@\u200beveryone" in first and "\\[click\\]" in first and "\\*\\*now" in first
    assert "(https://example.com/a%20b%29c)" in first and "2026-11-30" in first
    assert embed.description.splitlines()[-1] == "…and 24 more articles (see /sources)"


def test_feed_served_as_text_html_is_still_a_feed(
        server: FeedServer, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        private_ok: None) -> None:
    code, out = _ingest(capsys, tmp_path / "c", server.url("/feed-as-html.xml"))
    assert code == 0
    assert [a["title"] for a in out["added"]] == [ARTICLES["baghdad-power"]["title"]]


async def test_a_web_page_leads_to_the_feed_it_advertises(server: FeedServer) -> None:
    from bot.corpus.feeds.poller import feed_address

    async with fetcher() as f:
        assert await feed_address(f, server.url("/home.html")) == server.url("/rss2.xml")
        assert await feed_address(f, server.url("/atom.xml")) == server.url("/atom.xml")
        with pytest.raises(NotAFeed, match="advertises no feed"):
            await feed_address(f, server.url("/nofeed.html"))


def test_feed_settings_are_validated() -> None:
    from bot.config import ConfigError, load_settings

    assert load_settings(env={}).allow_private_urls is False
    on = load_settings(env={"ALLOW_PRIVATE_URLS": "TRUE", "FEED_POLL_SECONDS": "0"})
    assert on.allow_private_urls is True and on.feed_poll_seconds == 0
    with pytest.raises(ConfigError, match="ALLOW_PRIVATE_URLS must be true or false"):
        load_settings(env={"ALLOW_PRIVATE_URLS": "maybe"})
    with pytest.raises(ConfigError, match="FEED_POLL_SECONDS must be a whole number"):
        load_settings(env={"FEED_POLL_SECONDS": "soon"})
