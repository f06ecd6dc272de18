"""End to end: the real BriefBot against the local Discord (login, sync, /summary, errors,
mention safety). Every REST request is validated against Discord's OpenAPI spec by the harness."""

from __future__ import annotations

import logging
from pathlib import Path

from bot.client import EXTENSIONS
from bot.localdiscord import run_bot
from tests.bot_factory import bot_factory
from tests.conftest import write_corpus

SEND_PATHS = ("/callback", "/messages", "/webhooks/")


def message_requests(ld):
    return [r for r in ld.requests if r.method in ("POST", "PATCH")
            and any(p in r.path for p in SEND_PATHS) and isinstance(r.json, dict)]


async def test_login_sync_and_summary(tmp_path: Path, seeds_dir: Path, openapi_spec) -> None:
    async with run_bot(bot_factory(tmp_path, seeds_dir)) as (ld, bot):
        paths = [(r.method, r.path) for r in ld.requests]
        assert ("GET", "/users/@me") in paths
        assert any(m == "PUT" and p.endswith("/commands") for m, p in paths)
        names = {c["name"] for c in ld.commands}
        assert {"summary", "sources"} <= names
        summary = next(c for c in ld.commands if c["name"] == "summary")
        assert {o["name"] for o in summary["options"]} >= {"document", "sentences"}

        it = await ld.invoke("summary", {"sentences": 3})
        await it.wait_done(timeout=30)
        embed = it.response["embeds"][0]
        assert embed["title"] == "Summary of the corpus"
        bullets = [ln for ln in embed["description"].splitlines() if ln.startswith("•")]
        assert len(bullets) == 3
        corpus_text = " ".join(s.text for s in bot.engine.corpus.sentences)
        for line in bullets:  # each sentence is attributed: "• text — *source*"
            assert " — *" in line
        assert "Sources" in [f["name"] for f in embed["fields"]]
        assert "Send tips" not in embed["description"] and "Font Size" not in corpus_text


async def test_document_autocomplete_and_document_summary(tmp_path: Path, seeds_dir: Path,
                                                          openapi_spec) -> None:
    async with run_bot(bot_factory(tmp_path, seeds_dir)) as (ld, _bot):
        choices = await ld.autocomplete("summary", {"document": "biggest victory"},
                                        focused="document")
        assert choices and choices[0]["value"] == "001_1bcaefff16c7f4bd"
        it = await ld.invoke("summary", {"document": choices[0]["value"], "sentences": 2})
        await it.wait_done(timeout=30)
        embed = it.response["embeds"][0]
        assert embed["title"].startswith("Summary: US-Backed Forces")
        assert "Daily Caller News Foundation" in embed["description"]


async def test_failing_command_gets_short_ephemeral_message(tmp_path: Path, seeds_dir: Path,
                                                            openapi_spec, caplog) -> None:
    make = bot_factory(tmp_path, seeds_dir,
                       extensions=(*EXTENSIONS, "tests.ext_broken", "tests.ext_faulty"))
    with caplog.at_level(logging.INFO):
        async with run_bot(make) as (ld, bot):
            assert "tests.ext_broken" in bot.failed_extensions
            assert "summary" in {c["name"] for c in ld.commands}  # the others still loaded
            it = await ld.invoke("boom")
            await it.wait_done(timeout=10)
            assert it.ephemeral
            content = it.response["content"]
            assert "/boom failed" in content and len(content) < 200
            assert "/srv" not in content and "Traceback" not in content
    assert any("tests.ext_broken" in r.getMessage() for r in caplog.records)
    assert any(r.exc_info and "exploded" in str(r.exc_info[1]) for r in caplog.records)


async def test_unknown_document_is_explained(tmp_path: Path, seeds_dir: Path,
                                             openapi_spec) -> None:
    async with run_bot(bot_factory(tmp_path, seeds_dir)) as (ld, _bot):
        it = await ld.invoke("summary", {"document": "no-such-document"})
        await it.wait_done(timeout=10)
        assert "no-such-document" in it.response["content"]


async def test_hostile_corpus_starts_and_never_pings(tmp_path: Path, seeds_copy: Path,
                                                     openapi_spec) -> None:
    write_corpus(seeds_copy, {
        "binary.txt": b"\x00\x01\x02\x03" * 100,
        "empty.txt": "",
        "latin1.txt": "R\xe9sum\xe9 of the day\n\nThe caf\xe9 in Erbil reopened. Owners were "
                      "glad.\n".encode("latin-1"),
        "mentions.txt": "Everyone is pinged\n\n@everyone the city of Mosul is free <@&1> "
                        "and <@123456789012345678> said @here that Mosul is free. "
                        "[click me](https://evil.example) Mosul @everyone again.\n",
    })
    async with run_bot(bot_factory(tmp_path, seeds_copy)) as (ld, bot):
        skipped = {s.path for s in bot.engine.corpus.skipped}
        assert skipped == {"binary.txt", "empty.txt"}
        assert "latin1" in bot.engine.corpus.documents
        it = await ld.invoke("summary", {"document": "mentions", "sentences": 3})
        await it.wait_done(timeout=30)
        it2 = await ld.invoke("summary", {"sentences": 10})
        await it2.wait_done(timeout=30)
        sent = message_requests(ld)
        assert sent
        for req in sent:
            body = req.json.get("data", req.json) if "type" in req.json else req.json
            if "allowed_mentions" in body or body.get("content") or body.get("embeds"):
                assert body.get("allowed_mentions", {}).get("parse") == [], req.summary()
        description = it.response["embeds"][0]["description"]
        assert "@everyone" not in description.replace("@\u200beveryone", "")
        assert "](https://evil.example)" not in description


async def test_error_after_public_defer_stays_private(tmp_path: Path, seeds_dir: Path,
                                                      openapi_spec) -> None:
    async with run_bot(bot_factory(tmp_path, seeds_dir)) as (ld, _bot):
        it = await ld.invoke("summary", {"topic": "zzqx unknowable"})
        await it.wait_done(timeout=30)
        visible = it.responses
        assert visible, it.describe()
        deletes = [r for r in ld.requests_since(it.request_mark) if r.method == "DELETE"]
        assert deletes, "the public 'thinking' message was not removed"
        errors = [m for m in visible if m.get("content")]
        assert errors and all(int(m.get("flags") or 0) & 64 for m in errors)
