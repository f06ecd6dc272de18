"""Answer wording: counts read as English ("1 document", "2 documents")."""

from __future__ import annotations

from pathlib import Path

from bot.corpus import load_corpus
from bot.engine import Engine
from bot.render.common import count, trim
from bot.render.places import briefing_embed


def test_count_plural() -> None:
    assert count(1, "document") == "1 document"
    assert count(0, "document") == "0 documents"
    assert count(2, "mention") == "2 mentions"


def test_trim_adds_one_ellipsis_at_a_word_boundary() -> None:
    title = "Mission Accomplished? Iraq Is Claiming Victory in Mosul… But Wait."
    cut = trim(title, 60)
    assert cut == "Mission Accomplished? Iraq Is Claiming Victory in Mosul…"
    assert trim("Alpha beta, gammadeltaepsilon", 20) == "Alpha beta…"  # no ",…"
    assert trim("short", 20) == "short"


def test_briefing_footer_on_one_document(seeds_dir: Path) -> None:
    engine = Engine(load_corpus(seeds_dir))
    briefing = engine.places.brief("Tal Afar")
    assert len(briefing.documents) == 1  # the seeds name Tal Afar in one article
    footer = briefing_embed(briefing).footer.text or ""
    assert "in 1 document" in footer and "1 documents" not in footer


def test_a_sentence_shown_for_its_antecedent_shares_its_line() -> None:
    from bot.engine.items import SentenceItem
    from bot.render.summary import sentence_text_lines

    def item(text: str, position: int) -> SentenceItem:
        return SentenceItem(text, "a", "Wire", position)

    items = [item("Soldiers said every family left in the Old City supported ISIS.", 3),
             item("Reading this quote from an Iraqi soldier should have been jarring.", 4),
             item('"We will rebuild the bridges by spring," he said.', 5),
             item("Aid agencies expect 20,000 more people to leave west Mosul.", 9)]
    lines = sentence_text_lines(items)
    # the "this quote" sentence and the unnamed speaker's words read on with the antecedent
    assert len(lines) == 2
    assert lines[0].startswith("- Soldiers said every family") and "[Wire, a#3-5]" in lines[0]
    assert "Reading this quote" in lines[0] and "he said." in lines[0]


def test_a_briefs_two_documents_of_one_name_are_told_apart(seeds_dir: Path) -> None:
    """Two versions of one wire story, untitled and opening alike (DUC d30048t C2 and C3),
    were listed as the same source twice: each such line also gives its document's id."""
    from dataclasses import replace

    from bot.engine.places.briefing import DocumentRef
    from bot.render.places import briefing_text

    briefing = Engine(load_corpus(seeds_dir)).places.brief("Mosul")
    name = "(untitled) There's no such thing as a…"
    docs = [DocumentRef("C2", name, "unknown", 6), DocumentRef("C3", name, "unknown", 6),
            DocumentRef("C9", "(untitled) Brazil and the IMF…", "unknown", 9)]
    briefing = replace(briefing, documents=docs)
    text = briefing_text(briefing)
    assert f"- {name} [C2] (unknown; 6 mentions)" in text
    assert f"- {name} [C3] (unknown; 6 mentions)" in text
    assert "- (untitled) Brazil and the IMF… (unknown; 9 mentions)" in text  # no id needed
    field = next(f for f in briefing_embed(briefing).fields if f.name.startswith("Sources"))
    lines = (field.value or "").splitlines()
    assert len(set(lines)) == 3 and "`C2`" in lines[0] and "`C3`" in lines[1]
    assert "`C9`" not in lines[2]
    # two long names that differ only past the width Discord shows are told apart too
    head = "(untitled) Leaders from 19 Latin American nations, Spain and Portugal put "
    briefing = replace(briefing, documents=[DocumentRef("C4", head + "the final…", "unknown"),
                                            DocumentRef("C5", head + "a draft…", "unknown")])
    field = next(f for f in briefing_embed(briefing).fields if f.name.startswith("Sources"))
    lines = (field.value or "").splitlines()
    assert "`C4`" in lines[0] and "`C5`" in lines[1]


def test_an_untitled_documents_name_keeps_its_ellipsis_in_a_sentences_attribution() -> None:
    """"[(untitled) Latin American leaders flew Friday to, C1#17]" (DUC d30048t): the name
    every answer gives an untitled document ends in "…"; a summary's attribution dropped
    it (to avoid two ellipses after a cut) and read as a sentence broken off."""
    from bot.engine.items import SentenceItem
    from bot.render.summary import sentence_text_lines, source_label

    name = "(untitled) Latin American leaders flew Friday to…"
    item = SentenceItem("Brazil is waiting for news of a bailout.", "C1", "unknown", 17,
                        title=name)
    assert source_label(item) == name
    assert f"[{name}, C1#17]" in sentence_text_lines([item])[0]
    long = SentenceItem("A claim.", "d", "unknown", 0, title="A headline " * 8 + "…")
    assert source_label(long).endswith("…") and "……" not in source_label(long)
    assert source_label(SentenceItem("A claim.", "d", "unknown", 0, title="Done.")) == "Done"


def test_a_parent_of_the_places_own_name_says_what_it_is(seeds_dir: Path) -> None:
    """The Beijing brief of DUC dev read "city; parent: Beijing" and "Related: Beijing
    (parent, 20)", the city's province of the same name: such a parent gives its kind, as
    do two related places of one name."""
    from dataclasses import replace

    from bot.engine.places.briefing import PlaceInfo, RelatedPlace
    from bot.render.places import briefing_text

    briefing = Engine(load_corpus(seeds_dir)).places.brief("Mosul")
    place = PlaceInfo("gn:1816670", "Beijing", "China", 39.9, 116.4, "city", "Beijing")
    related = [RelatedPlace("Beijing", 20, "parent", "region", 40.0, 116.3),
               RelatedPlace("Wuhan", 5, "co-mentioned", "city", 30.6, 114.3)]
    briefing = replace(briefing, place=place, related=related)
    text = briefing_text(briefing)
    assert "city; parent: Beijing region;" in text
    assert "Related: Beijing region (parent, 20), Wuhan (co-mentioned, 5)" in text
    embed = briefing_embed(briefing)
    assert (embed.footer.text or "").startswith("city in Beijing region ·")
    # two related places of one name are told apart by their kinds (DUC dev's Ohio brief)
    twice = [RelatedPlace("Washington", 9, "co-mentioned", "city", 38.9, -77.0),
             RelatedPlace("Washington", 2, "co-mentioned", "region", 47.5, -120.5)]
    assert "Related: Washington city (co-mentioned, 9), Washington region (co-mentioned, 2)" \
        in briefing_text(replace(briefing, related=twice))
    # a parent of another name is shown as it is
    place = replace(place, name="Rome", country="Italy", parent="Lazio")
    other = replace(briefing, place=place, related=[replace(related[0], name="Lazio")])
    assert "city; parent: Lazio;" in briefing_text(other)
