"""End to end through the local Discord: /brief with its map attached, autocomplete, /places,
unknown and uncovered places (every request validated against Discord's OpenAPI spec)."""

from __future__ import annotations

from pathlib import Path

from bot.localdiscord import run_bot
from tests.bot_factory import bot_factory


async def test_brief_place_list_and_errors(tmp_path: Path, seeds_dir: Path,
                                           openapi_spec) -> None:
    async with run_bot(bot_factory(tmp_path, seeds_dir)) as (ld, _bot):
        names = {c["name"] for c in ld.commands}
        assert {"brief", "places"} <= names

        choices = await ld.autocomplete("brief", {"place": ""}, focused="place")
        assert choices[0]["value"] == "Mosul" and len(choices) <= 25
        choices = await ld.autocomplete("brief", {"place": "afar"}, focused="place")
        assert [c["value"] for c in choices] == ["Tal Afar"]

        it = await ld.invoke("brief", {"place": "Tall 'Afar", "sentences": 3})
        await it.wait_done(timeout=60)
        embed = it.response["embeds"][0]
        assert embed["title"] == "Briefing: Tal Afar, Iraq"
        assert "Tal Afar" in embed["description"]
        assert embed["image"]["url"] == "attachment://map.png"
        assert [a["filename"] for a in it.response["attachments"]] == ["map.png"]
        sent = [r for r in ld.requests_since(it.request_mark) if r.files]
        assert sent and sent[0].files[0].data.startswith(b"\x89PNG")
        fields = {f["name"].split(" (")[0] for f in embed["fields"]}
        assert {"Sources", "Related places"} <= fields

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
