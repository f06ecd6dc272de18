"""Hostile input: corpus files nobody checked, option values at and past Discord's limits,
unusual Unicode, SQL-looking settings. Nothing crashes, nothing pings, nothing is lost,
and every refusal says why."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any

import pytest

from bot.config import ConfigError, load_settings
from bot.corpus import CorpusError, load_corpus
from bot.engine import Engine
from bot.localdiscord import DEFAULT_MEMBER_ID, DEFAULT_NEWS_ID, LocalDiscord, run_bot
from bot.localdiscord.options import build_command_data
from tests.bot_factory import bot_factory
from tests.conftest import write_corpus

HOSTILE = {
    "mentions.txt": "Everyone is pinged\n\n@everyone the council in Mosul met <@&1> and "
                    "<@123456789012345678> said @here that the bridge in Mosul reopened. "
                    "Traders in Mosul @everyone returned on Monday.\n",
    "markdown.md": "---\ntitle: Markdown [trap](https://evil.example)\nsource: Evil **Wire**\n"
                   "---\n# Heading\n\nThe market in Erbil **reopened** on [Monday]"
                   "(https://evil.example/phish) after ||three|| weeks. `rm -rf /` said "
                   "nobody in Erbil. Officials in Erbil said <https://evil.example> was "
                   "not theirs.\n\n> Quoted text in Erbil was ~~struck~~ today.\n",
    "invisible.txt": "Hidden\u200b characters\n\nThe mayor of Mo\u200bsul\u200d said the "
                     "\u202eecnaifed\u202c council would meet. Residents of Ki\u2066rkuk"
                     "\u2069 waited\ufeff for news. The schools\u00ad reopened on Sunday.\n",
    "unicode.txt": "Zürich, Łódź and São Paulo\n\nThe council in Zürich met officials from "
                   "Łódź and São Paulo. Ministers in Ḥalab and Baghdad — مدينة الموصل — "
                   "spoke on Monday. 東京 officials joined by video 🎥.\n",
}
URLISH = re.compile(r"\]\(https?://")


def sent_bodies(ld: LocalDiscord) -> list[dict[str, Any]]:
    """Every message body the bot sent: callbacks' data, followups, edits, channel posts."""
    out = []
    for r in ld.requests:
        if r.method not in ("POST", "PATCH") or not isinstance(r.json, dict):
            continue
        if "/callback" in r.path:
            if r.json.get("type") in (4, 7):
                out.append(r.json.get("data") or {})
        elif "/webhooks/" in r.path or "/messages" in r.path:
            out.append(r.json)
    return out


def visible_text(body: dict[str, Any]) -> str:
    parts = [body.get("content") or ""]
    for embed in body.get("embeds") or []:
        parts += [embed.get("title") or "", embed.get("description") or "",
                  (embed.get("footer") or {}).get("text") or ""]
        parts += [f"{f.get('name')} {f.get('value')}" for f in embed.get("fields") or []]
    return "\n".join(parts)


def markdown_text(body: dict[str, Any]) -> str:
    """The parts Discord renders markdown (and so masked links) in."""
    parts = [body.get("content") or ""]
    for embed in body.get("embeds") or []:
        parts.append(embed.get("description") or "")
        parts += [f.get("value") or "" for f in embed.get("fields") or []]
    return "\n".join(parts)


def assert_inert(ld: LocalDiscord) -> None:
    """No message could ping anyone or show an injected link."""
    bodies = sent_bodies(ld)
    assert bodies
    for body in bodies:
        assert body.get("allowed_mentions", {}).get("parse") == [], body.get("allowed_mentions")
        text = visible_text(body)
        assert "@everyone" not in text and "@here" not in text, text[:300]
        assert not URLISH.search(markdown_text(body).replace("\\](", "")), text[:300]
        assert len(body.get("content") or "") <= 2000


def assert_answered_or_explained(it: Any, what: str) -> str:
    """A result, or a short refusal that is not the generic failure."""
    response = it.response
    text = visible_text(response)
    assert "failed on my side" not in text, (what, text)
    assert response.get("embeds") or len(text.strip()) > 15, (what, text)
    return text


# the corpus ---------------------------------------------------------------------------------
def test_hostile_files_are_cleaned_or_skipped_with_a_reason(tmp_path: Path) -> None:
    root = write_corpus(tmp_path / "c", HOSTILE)
    (root / "huge.txt").write_bytes(b"Mosul " * (10 * 1024 * 1024 // 6 + 1))  # one 10 MB line
    tiny = root / "tiny"
    tiny.mkdir()
    for i in range(2000):  # many tiny files: some readable, some not
        (tiny / f"{i:04d}.txt").write_text(
            ("", "x", "Ok.", f"Note {i}: the bridge in Mosul opened.")[i % 4], encoding="utf-8")
    corpus = load_corpus(root)
    files = 4 + 1 + 2000
    assert len(corpus.documents) + len(corpus.skipped) == files  # nothing lost
    assert all(s.reason for s in corpus.skipped)
    huge = next(s for s in corpus.skipped if s.path == "huge.txt")
    assert "too large" in huge.reason and "MAX_FILE_BYTES" in huge.reason
    assert {"empty file"} <= {s.reason for s in corpus.skipped}
    assert sum(1 for d in corpus.documents if d.startswith("tiny/")) >= 500
    for doc in corpus.documents.values():
        for text in [doc.title, *(s.text for s in doc.sentences)]:
            assert not re.search("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u00ad]",
                                 text), text
    invisible = corpus.documents["invisible"]
    assert "Mosul" in invisible.text and "Kirkuk" in invisible.text
    assert "Zürich" in corpus.documents["unicode"].text


def test_document_cache_gives_the_same_corpus_and_survives_corruption(tmp_path: Path) -> None:
    root = write_corpus(tmp_path / "c", HOSTILE)
    (root / "empty.txt").write_text("")
    cache = tmp_path / "cache"
    plain = load_corpus(root)
    cold = load_corpus(root, cache_dir=cache)
    warm = load_corpus(root, cache_dir=cache)
    for loaded in (cold, warm):
        assert loaded.documents.keys() == plain.documents.keys()
        assert {s.path: s.reason for s in loaded.skipped} == \
               {s.path: s.reason for s in plain.skipped}
        for doc_id, doc in plain.documents.items():
            assert loaded.documents[doc_id].sentences == doc.sentences
            assert loaded.documents[doc_id].title == doc.title
    (root / "mentions.txt").write_text("Changed\n\nThe bridge in Mosul closed again today.\n")
    changed = load_corpus(root, cache_dir=cache)
    assert "closed again" in changed.documents["mentions"].text
    (cache / "documents.sqlite3").write_bytes(b"not a database" * 100)
    assert load_corpus(root, cache_dir=cache).documents.keys() == plain.documents.keys()


def test_sql_looking_settings_are_refused_with_the_reason(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="DEV_GUILD_ID"):
        load_settings(env={"DEV_GUILD_ID": "1 OR 1=1"}, env_file=None)
    with pytest.raises(ConfigError, match="DATABASE_URL"):
        load_settings(env={"DATABASE_URL": "'; DROP TABLE digest_settings; --"}, env_file=None)
    with pytest.raises(ConfigError, match="DEFAULT_TIMEZONE"):
        load_settings(env={"DEFAULT_TIMEZONE": "UTC'; --"}, env_file=None)
    settings = load_settings(env={"CORPUS_DIR": str(tmp_path / "x'); DROP TABLE s;--")},
                             env_file=None)
    with pytest.raises(CorpusError, match="does not exist"):
        load_corpus(settings.corpus_dir)


# through Discord ----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def hostile_engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    import shutil

    from tests.conftest import SEEDS

    root = tmp_path_factory.mktemp("hostile") / "corpus"
    shutil.copytree(SEEDS, root)
    write_corpus(root, HOSTILE)
    engine = Engine(load_corpus(root))
    engine.warm()
    return engine


WEIRD = ("Mosul 🏙️", "ℳ𝔬𝔰𝔲𝔩", "\u202eluso M", "Zürich", "مدينة الموصل", "東京",
         "'; DROP TABLE documents; --", "%s %(x)s {0} {{}}", "@everyone", "<@&1>",
         "[x](https://evil.example)", "a" * 200)


async def test_options_with_unusual_text_never_crash_or_ping(
        tmp_path: Path, hostile_engine: Engine, openapi_spec: Any) -> None:
    make = bot_factory(tmp_path, hostile_engine.corpus.root, engine=hostile_engine)
    async with run_bot(make) as (ld, _bot):
        synced = {c["name"] for c in ld.commands}
        calls: list[tuple[str, dict[str, Any]]] = [
            ("summary", {"document": "mentions", "sentences": 10}),
            ("summary", {"document": "markdown"}),
            ("summary", {"document": "invisible"}),
            ("summary", {"sentences": 10}),
            ("summary", {"sentences": 1, "words": 10}),
            ("summary", {"document": "x" * 6000}),  # no max length: Discord allows 6000
            ("sources", {}),
        ]
        calls += [("summary", {"topic": t}) for t in WEIRD]
        if "compare" in synced:
            calls += [("compare", {"topic": t}) for t in WEIRD[:8]]
            calls += [("compare", {"place": t[:100]}) for t in WEIRD[:6]]
            calls.append(("compare", {"document_a": "mentions", "document_b": "markdown"}))
        if "brief" in synced:
            calls += [("brief", {"place": t[:100]}) for t in WEIRD[:8]]
        handles = [(f"/{n} {o}"[:80], await ld.invoke(n, o)) for n, o in calls]
        await asyncio.gather(*(it.wait_done(timeout=60) for _, it in handles))
        for what, it in handles:
            assert_answered_or_explained(it, what)
        refusal = visible_text(handles[5][1].response)  # the 6000-character document name
        assert "x" * 50 in refusal and len(refusal) <= 2000
        choices = await ld.autocomplete("summary", {"document": "ℳ𝔬𝔰 🏙️" * 10},
                                        focused="document")
        assert len(choices) <= 25
        assert all(len(c["name"]) <= 100 and len(c["value"]) <= 100 for c in choices)
        assert_inert(ld)


async def test_values_past_discords_limits_are_refused_with_a_reason(
        tmp_path: Path, hostile_engine: Engine, openapi_spec: Any) -> None:
    """A client that ignores the synced limits (Discord would stop these) still gets a
    short explanation, never a crash or a message too long to send."""
    make = bot_factory(tmp_path, hostile_engine.corpus.root, engine=hostile_engine)
    async with run_bot(make) as (ld, _bot):
        cases = [("topic", "t" * 5000), ("sentences", 0), ("sentences", 5000),
                 ("words", 10**9)]
        handles = []
        for name, value in cases:
            data = build_command_data(ld.world, "summary", {}, next(iter(ld.world.guilds)))
            data["options"] = [{"name": name, "type": 3 if name == "topic" else 4,
                                "value": value}]
            payload = ld._base_payload(2, next(iter(ld.world.guilds)), None,
                                       DEFAULT_MEMBER_ID, "en-US")
            payload["data"] = data
            handles.append((f"{name}={str(value)[:20]}", await ld._send(payload)))
        await asyncio.gather(*(it.wait_done(timeout=60) for _, it in handles))
        for what, it in handles:
            assert_answered_or_explained(it, what)
        assert_inert(ld)


async def test_sql_looking_digest_settings_are_refused_and_nothing_is_dropped(
        tmp_path: Path, seed_engine: Engine, openapi_spec: Any) -> None:
    async with run_bot(bot_factory(tmp_path, seed_engine.corpus.root,
                                   engine=seed_engine)) as (ld, _bot):
        bad_zone = await ld.invoke("digest set", {
            "channel": DEFAULT_NEWS_ID, "time": "07:00",
            "timezone": "'; DROP TABLE digest_settings; --"})
        bad_time = await ld.invoke("digest set", {"channel": DEFAULT_NEWS_ID,
                                                  "time": "1';--"})
        for it, reason in ((bad_zone, "time zone"), (bad_time, "HH:MM")):
            await it.wait_done(timeout=10)
            assert it.ephemeral and reason in it.response["content"]
        good = await ld.invoke("digest set", {"channel": DEFAULT_NEWS_ID, "time": "07:00",
                                              "timezone": "Europe/London"})
        await good.wait_done(timeout=10)
        show = await ld.invoke("digest show")
        await show.wait_done(timeout=10)
        assert "Europe/London" in str(show.response["embeds"])
