"""End to end: /compare through the real BriefBot and the local Discord (every REST request
validated against Discord's OpenAPI spec by the harness)."""

from __future__ import annotations

from pathlib import Path

from bot.engine.compare.model import (
    Claim,
    Comparison,
    Conflict,
    ConsensusPoint,
    SourceCoverage,
    UniquePoint,
)
from bot.localdiscord import DEFAULT_MEMBER_ID, run_bot
from bot.render.common import DESCRIPTION_LIMIT, EMBED_TOTAL_LIMIT, TITLE_LIMIT
from bot.render.compare import compare_embeds
from tests.bot_factory import bot_factory

EXT = ("cogs.compare",)


def _button(message: dict, label_part: str) -> dict:
    """The button whose label contains ``label_part`` (custom ids are generated)."""
    for row in message.get("components") or []:
        for component in row.get("components") or []:
            if component.get("type") == 2 and label_part in (component.get("label") or ""):
                return component
    raise AssertionError(f"no {label_part!r} button in {message.get('components')}")


async def test_topic_comparison_pages_and_only_the_invoker_turns_them(
        tmp_path: Path, seeds_dir: Path, openapi_spec) -> None:
    async with run_bot(bot_factory(tmp_path, seeds_dir, extensions=EXT)) as (ld, bot):
        compare = next(c for c in ld.commands if c["name"] == "compare")
        assert {o["name"] for o in compare["options"]} == {
            "topic", "place", "document_a", "document_b", "private"}

        it = await ld.invoke("compare", {"topic": "Mosul"})
        await it.wait_done(timeout=30)
        assert not it.ephemeral
        message = it.response
        first = message["embeds"][0]
        assert first["title"] == "Comparison on “Mosul”"
        lines = first["description"].splitlines()
        assert lines[0].startswith("__Coverage__")  # the coverage table comes first
        expected = bot.engine.comparer.compare(topic="Mosul")
        for source in expected.sources:  # one line per source, with its sentence count
            assert any(f"· {source.sentences} sentence" in ln for ln in lines
                       if ln.startswith("**")), source.source
        assert "page 1/" in first["footer"]["text"]
        n_pages = int(first["footer"]["text"].rsplit("/", 1)[1])
        assert n_pages >= 2

        next_id = _button(message, "Next")["custom_id"]
        seen = [first["description"]]
        for _ in range(n_pages - 1):
            click = await ld.click(message, next_id)
            await click.wait_done(timeout=10)
            message = ld.world.messages[int(message["id"])]
            page = message["embeds"][0]
            assert page["description"] not in seen
            seen.append(page["description"])
        assert f"page {n_pages}/{n_pages}" in message["embeds"][0]["footer"]["text"]
        assert _button(message, "Next").get("disabled") is True
        whole = "\n".join(seen)
        assert "__Consensus__" in whole and "__Unique points__" in whole
        assert "__Conflicts__" in whole and "contradiction" in whole
        assert "different measures" in whole  # labelled as such, not as a contradiction

        prev_id = _button(message, "Previous")["custom_id"]
        other = await ld.click(message, prev_id, user_id=DEFAULT_MEMBER_ID)
        await other.wait_done(timeout=10)
        refusal = other.responses[-1]
        assert other.ephemeral and "Only the person who ran the command" in refusal["content"]
        unchanged = ld.world.messages[int(message["id"])]["embeds"][0]
        assert unchanged["description"] == seen[-1]


async def test_two_documents_and_bad_combinations(tmp_path: Path, seeds_dir: Path,
                                                  openapi_spec) -> None:
    async with run_bot(bot_factory(tmp_path, seeds_dir, extensions=EXT)) as (ld, bot):
        choices = await ld.autocomplete("compare", {"document_a": "biggest victory"},
                                        focused="document_a")
        assert choices[0]["value"] == "001_1bcaefff16c7f4bd"
        await bot.warming  # place autocomplete offers nothing until the index is built
        places = await ld.autocomplete("compare", {"place": "raqq"}, focused="place")
        assert [c["value"] for c in places] == ["Raqqa"]

        it = await ld.invoke("compare", {"document_a": "001_1bcaefff16c7f4bd",
                                         "document_b": "002_160402298ecf2569",
                                         "private": True})
        await it.wait_done(timeout=30)
        assert it.ephemeral
        embed = it.response["embeds"][0]
        assert embed["title"] == "Comparison of 2 sources"
        coverage = [ln for ln in embed["description"].splitlines() if ln.startswith("**")]
        assert len(coverage) == 2
        assert {"Daily Caller News Foundation", "The Mosul Offensive"} == {
            ln[2:].split("**")[0] for ln in coverage}

        at = await ld.invoke("compare", {"place": "Raqqa"})
        await at.wait_done(timeout=30)
        assert at.response["embeds"][0]["title"] == "Comparison on Raqqa"

        for options, says in (({}, "Nothing to compare"),
                              ({"topic": "Mosul", "place": "Raqqa"}, "topic and place"),
                              ({"document_a": "001_1bcaefff16c7f4bd"}, "needs two")):
            bad = await ld.invoke("compare", options)
            await bad.wait_done(timeout=10)
            assert bad.ephemeral, options
            assert says in bad.response["content"]
            assert "exactly one" in bad.response["content"] or says == "needs two"


def test_hostile_long_text_stays_inert_and_within_limits() -> None:
    nasty = "@everyone [click](https://evil.example) **bold** " + "word " * 900
    label = "Outlet <@123> " + "x" * 300
    result = Comparison(
        "topic", nasty[:500],
        [SourceCoverage(label, "k", ["a"], 3, nasty[:200]),
         SourceCoverage("B", "b", ["b"], 1, "military")],
        [ConsensusPoint(nasty, ["a", "b"], [label, "B"], [], 0.5)] * 30,
        [UniquePoint(label, "a", nasty, 0)] * 20,
        [Conflict(nasty[:300], "different measures", nasty,
                  [Claim(nasty, nasty[:100], "a", label, 0, "count")] * 6)] * 5)
    pages = compare_embeds(result)
    assert len(pages) > 3
    for page in pages:
        data = page.to_dict()
        assert len(page) <= EMBED_TOTAL_LIMIT and len(data["title"]) <= TITLE_LIMIT
        assert len(data["description"]) <= DESCRIPTION_LIMIT
        assert "@everyone" not in data["description"].replace("@\u200beveryone", "")
        assert "](https://evil.example)" not in data["description"]
        assert "<@123>" not in data["description"]


def test_an_empty_consensus_says_whether_candidates_were_left_out() -> None:
    """No consensus because nothing was sure enough reads differently from no shared point
    at all, in Discord and in the terminal."""
    from bot.render.compare import compare_text

    sources = [SourceCoverage("A", "a", ["a"], 3, ""), SourceCoverage("B", "b", ["b"], 2, "")]
    unsure = Comparison("topic", "Mosul", sources, [], [], [], left_out=32)
    none = Comparison("topic", "Mosul", sources, [], [], [])
    unsure_pages = " ".join(p.to_dict()["description"] for p in compare_embeds(unsure))
    none_pages = " ".join(p.to_dict()["description"] for p in compare_embeds(none))
    assert "32 weaker candidates left out" in unsure_pages
    assert "no claim is credited to two sources surely enough" in unsure_pages
    assert "no point is stated by two sources" in none_pages
    assert "surely enough" not in none_pages
    assert "(no claim is credited to two sources surely enough)" in compare_text(unsure)
    assert "(no point is stated by two sources)" in compare_text(none)


def test_figures_on_different_things_are_shown_apart_from_the_conflicts() -> None:
    """A "different measures" group (another place, period or group) is no conflict: the
    Conflicts section and its count hold only the contradictions, in Discord and in the
    terminal; the others follow under their own heading."""
    from bot.render.compare import compare_text

    sources = [SourceCoverage("A", "a", ["a"], 3, ""), SourceCoverage("B", "b", ["b"], 2, "")]
    rank = Conflict("city size rank in Iraq", "contradiction", "sources disagree",
                    [Claim("Iraq's second largest city", "Mosul is Iraq's second largest city.",
                           "a", "A", 0, "rank"),
                     Claim("Iraq's third most populous city", "Mosul is Iraq's third most "
                           "populous city.", "b", "B", 0, "rank")])
    tolls = Conflict("people killed", "different measures", "different measures, not a "
                     "contradiction: 40 people [in Aceh] vs 300 people [in Sri Lanka]",
                     [Claim("40 people", "40 people died in Aceh.", "a", "A", 1, "count"),
                      Claim("300 people", "300 people died in Sri Lanka.", "b", "B", 1,
                            "count")])
    result = Comparison("topic", "Mosul", sources, [], [], [rank, tolls])
    pages = [p.to_dict() for p in compare_embeds(result)]
    text = " ".join(p["description"] for p in pages)
    assert "__Conflicts__ (1)" in text and "__Figures on different things__ (1)" in text
    assert text.index("city size rank") < text.index("__Figures on different things__") \
        < text.index("people killed")
    assert pages[-1]["footer"]["text"].endswith("1 conflict")
    terminal = compare_text(result)
    assert "Conflicts (1)" in terminal and "Figures on different things (1)" in terminal
    assert terminal.index("Figures on different things") < terminal.index("people killed")
    only_apart = compare_text(Comparison("topic", "Mosul", sources, [], [], [tolls]))
    assert "Conflicts (0)\n  (no conflicting figures found)" in only_apart
