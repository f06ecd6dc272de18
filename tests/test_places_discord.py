"""End to end through the local Discord: /brief with its map attached, autocomplete, /places,
unknown and uncovered places (every request validated against Discord's OpenAPI spec)."""

from __future__ import annotations

from pathlib import Path

from bot.localdiscord import run_bot
from bot.render.places import MAP_PENDING
from tests.bot_factory import bot_factory


async def test_brief_place_list_and_errors(tmp_path: Path, seeds_dir: Path,
                                           openapi_spec) -> None:
    async with run_bot(bot_factory(tmp_path, seeds_dir)) as (ld, bot):
        names = {c["name"] for c in ld.commands}
        assert {"brief", "places"} <= names
        await bot.warming  # place autocomplete offers nothing until the index is built

        choices = await ld.autocomplete("brief", {"place": ""}, focused="place")
        assert choices[0]["value"] == "Mosul" and len(choices) <= 25
        choices = await ld.autocomplete("brief", {"place": "afar"}, focused="place")
        assert [c["value"] for c in choices] == ["Tal Afar"]

        it = await ld.invoke("brief", {"place": "Tall 'Afar", "sentences": 3})
        # The text answers first, saying a map is coming; the map is added by an edit.
        await it.wait_done(timeout=30)
        first = [r for r in ld.requests_since(it.request_mark)
                 if isinstance(r.json, dict) and r.json.get("embeds")]
        first_embed = first[0].json["embeds"][0]
        assert first_embed["title"] == "Briefing: Tal Afar, Iraq"
        assert "image" not in first_embed and MAP_PENDING in first_embed["footer"]["text"]
        assert not first[0].files
        await it.wait_done(timeout=60, count=2)
        embed = it.response["embeds"][0]
        assert embed["title"] == "Briefing: Tal Afar, Iraq"
        assert "Tal Afar" in embed["description"]
        assert MAP_PENDING not in embed["footer"]["text"]
        assert embed["image"]["url"] == "attachment://map.png"
        assert [a["filename"] for a in it.response["attachments"]] == ["map.png"]
        sent = [r for r in ld.requests_since(it.request_mark) if r.files]
        assert sent and sent[0].files[0].data.startswith(b"\x89PNG")
        fields = {f["name"].split(" (")[0] for f in embed["fields"]}
        assert {"Sources", "Related places"} <= fields

        # Asked again, the cached map comes with the first and only answer.
        it = await ld.invoke("brief", {"place": "Tal Afar", "sentences": 3})
        await it.wait_done(timeout=30)
        assert it.response["embeds"][0]["image"]["url"] == "attachment://map.png"
        assert [a["filename"] for a in it.response["attachments"]] == ["map.png"]
        assert it.answers == 1

        it = await ld.invoke("places")
        await it.wait_done(timeout=10)
        listing = it.response["embeds"][0]
        assert listing["description"].splitlines()[0].startswith("**Mosul**")

        it = await ld.invoke("brief", {"place": "Mosull"})
        await it.wait_done(timeout=10)
        assert "Did you mean: Mosul" in it.response["content"]

        it = await ld.invoke("brief", {"place": "Paris"})
        await it.wait_done(timeout=10)
        assert "no document in the corpus mentions it" in it.response["content"]
