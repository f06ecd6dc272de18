"""Stored indexes (bot/engine/stored.py, bot/engine/indexes.py): reused, invalidated,
rebuilt when corrupt, and updated for one added file with the answers of a full build."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import numpy as np
import pytest

from bot.corpus import load_corpus
from bot.corpus.model import Corpus
from bot.engine import Engine, indexes, stored
from bot.engine.ranking.index import SentenceIndex
from tests.conftest import SEEDS, write_corpus

EXTRA = {
    "zz/late.txt": "Late edition\n\nIraqi forces said on Tuesday that the last district of "
                   "Mosul was cleared. Aid groups warned that 40,000 civilians still needed "
                   "shelter and clean water in the west of the city.",
    "aa/early.txt": "Early edition\n\nThe river crossing reopened after engineers repaired "
                    "the bridge. Traders returned to the old market for the first time in "
                    "three years, local officials said.",
}


def _answers(engine: Engine) -> list[dict]:
    s = engine.summarizer
    first = sorted(engine.corpus.documents)[0]
    return [s.summarize(sentences=4).to_dict(),
            s.summarize(topic="civilians water", sentences=3).to_dict(),
            s.summarize(document=first, words=60).to_dict(),
            s.summarize(sentences=3, algorithm="luhn").to_dict()]


def _builds() -> dict[str, int]:
    return dict(indexes.BUILDS)


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    dest = tmp_path / "corpus"
    shutil.copytree(SEEDS, dest)
    return dest


def test_stored_index_is_mapped_and_reused_without_a_build(corpus_dir: Path,
                                                           tmp_path: Path) -> None:
    corpus, store = load_corpus(corpus_dir), tmp_path / "cache"
    plain = _answers(Engine(corpus))
    before = _builds()
    first = Engine(corpus, store_dir=store)
    assert _answers(first) == plain
    assert _builds()["summary"] == before["summary"] + 1
    second = Engine(load_corpus(corpus_dir), store_dir=store)
    assert _answers(second) == plain
    compare = second.comparer.compare(topic="Mosul").to_dict()
    assert compare == Engine(corpus).comparer.compare(topic="Mosul").to_dict()
    again = _builds()
    assert again["summary"] == before["summary"] + 1  # read, not built
    Engine(load_corpus(corpus_dir), store_dir=store).comparer  # noqa: B018
    assert _builds()["compare"] == again["compare"]
    # the big arrays are views of the stored files, not copies in this process
    X = second.summarizer.index.X
    for arr in (X.data, X.indices, X.indptr, second.summarizer.index.features,
                second.summarizer.concepts.B.data, second.comparer.matrix.data):
        assert _mapped(arr)


def _mapped(arr: object) -> bool:
    while arr is not None:
        if isinstance(arr, np.memmap) or type(arr).__name__ == "mmap":
            return True
        arr = getattr(arr, "base", None)
    return False


def test_changed_document_or_index_version_invalidates(corpus_dir: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    store = tmp_path / "cache"
    _answers(Engine(load_corpus(corpus_dir), store_dir=store))
    n = _builds()["summary"]
    path = sorted(corpus_dir.glob("*.txt"))[0]
    path.write_text(path.read_text(encoding="utf-8") + "\n\nA new closing line was added "
                    "to this article by its editors.", encoding="utf-8")
    changed = load_corpus(corpus_dir)
    expected = _answers(Engine(changed))  # no store: one build
    assert _answers(Engine(changed, store_dir=store)) == expected
    assert _builds()["summary"] == n + 2
    Engine(changed, store_dir=store).summarizer  # noqa: B018
    assert _builds()["summary"] == n + 2
    monkeypatch.setattr(stored, "INDEX_VERSION", "test-next")
    stored.code_version.cache_clear()
    try:
        Engine(changed, store_dir=store).summarizer  # noqa: B018
        assert _builds()["summary"] == n + 3
    finally:
        monkeypatch.undo()
        stored.code_version.cache_clear()


@pytest.mark.parametrize("damage", ["truncate", "garble_header", "drop_manifest"])
def test_corrupt_stored_file_is_rebuilt_with_a_message(corpus_dir: Path, tmp_path: Path,
                                                       caplog: pytest.LogCaptureFixture,
                                                       damage: str) -> None:
    store = tmp_path / "cache"
    corpus = load_corpus(corpus_dir)
    expected = _answers(Engine(corpus, store_dir=store))
    folder = next((store / "indexes" / "summary").iterdir())
    victim = folder / "X.data.npy"
    if damage == "truncate":
        victim.write_bytes(victim.read_bytes()[:200])
    elif damage == "garble_header":
        victim.write_bytes(b"not an npy file" + victim.read_bytes()[15:])
    else:
        (folder / "manifest.json").write_text("{", encoding="utf-8")
    n = _builds()["summary"]
    with caplog.at_level(logging.WARNING, logger="bot.engine.stored"):
        rebuilt = Engine(corpus, store_dir=store)
        assert _answers(rebuilt) == expected
    assert _builds()["summary"] == n + 1
    assert any("unusable" in r.getMessage() and "rebuilding" in r.getMessage()
               for r in caplog.records)
    # and the store holds a good index again
    Engine(corpus, store_dir=store).summarizer  # noqa: B018
    assert _builds()["summary"] == n + 1


def _without(corpus: Corpus, doc_id: str) -> Corpus:
    return Corpus(root=corpus.root, documents={k: v for k, v in corpus.documents.items()
                                               if k != doc_id})


def test_one_file_added_reuses_rows_and_answers_as_a_full_build(
        corpus_dir: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    write_corpus(corpus_dir, EXTRA)
    full = load_corpus(corpus_dir)  # "aa/early" sorts first, "zz/late" last
    store = tmp_path / "cache"
    for added in ("zz/late", "aa/early"):  # appended, and in the middle of corpus order
        shutil.rmtree(store, ignore_errors=True)
        old = Engine(_without(full, added), store_dir=store)
        old.summarizer  # noqa: B018  (built and stored)
        with caplog.at_level(logging.INFO, logger="bot.engine.ranking.index"):
            caplog.clear()
            if added == "zz/late":
                new = old.add_documents([full.documents[added]])
                assert list(new.corpus.documents) == list(full.documents)
            else:  # what a rescan gives: the whole corpus in directory order
                new = Engine(full, store_dir=store)
            assert _answers(new) == _answers(Engine(full))
        assert any("documents reused, 1 indexed" in r.getMessage() for r in caplog.records)
        a, b = new.summarizer.index, SentenceIndex.build(list(full.documents.values()))
        assert a.counter.vocabulary_ == b.counter.vocabulary_
        assert np.allclose(a.features, b.features) and abs(a.X - b.X).max() < 1e-12
        assert abs(a.titles - b.titles).max() < 1e-12
        # the updated index is stored: a restart on the new corpus reads it
        n = _builds()["summary"]
        Engine(full, store_dir=store).summarizer  # noqa: B018
        assert _builds()["summary"] == n


def test_string_table_round_trip() -> None:
    words = ["", "mosul", "tall 'afar", "ниневия", "a" * 300]
    table = stored.StringTable.of(words)
    assert len(table) == 5 and table.tolist() == words
    assert table[3] == "ниневия" and table[-1] == "a" * 300 and table[1:3] == words[1:3]
    with pytest.raises(IndexError):
        table[5]


def test_place_index_is_read_from_its_stored_mentions(corpus_dir: Path, tmp_path: Path) -> None:
    corpus, store = load_corpus(corpus_dir), tmp_path / "cache"
    reference = Engine(corpus).places
    first = Engine(corpus, store_dir=store).places
    n = _builds()["places"]
    second = Engine(load_corpus(corpus_dir), store_dir=store).places
    assert _builds()["places"] == n  # read, not built
    assert second.mentions == first.mentions == reference.mentions
    assert second.demonyms == reference.demonyms
    assert second.brief("Mosul").to_dict() == reference.brief("Mosul").to_dict()
    assert second.places().to_dict() == reference.places().to_dict()


def test_place_index_tfidf_is_stored_not_refitted(corpus_dir: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.engine.places import index as place_index

    corpus, store = load_corpus(corpus_dir), tmp_path / "cache"
    reference = Engine(corpus).places
    Engine(corpus, store_dir=store).places  # noqa: B018 - builds and stores it

    def no_fit(*args: object, **kwargs: object) -> object:
        raise AssertionError("the stored place index refitted its TF-IDF")

    monkeypatch.setattr(place_index.TfidfVectorizer, "fit_transform", no_fit)
    second = Engine(load_corpus(corpus_dir), store_dir=store).places
    base = second._tfidf.data
    while base is not None and not isinstance(base, np.memmap):
        base = base.base
    assert base is not None  # mapped from the store
    assert abs(second._tfidf - reference._tfidf).max() < 1e-12
    assert second.brief("Mosul").to_dict() == reference.brief("Mosul").to_dict()


def test_a_warm_engine_keeps_sentences_and_mentions_in_shared_pages(corpus_dir: Path,
                                                                    tmp_path: Path) -> None:
    """A restart: corpus from the mapped snapshot, indexes from the mapped store; the
    answers are a fresh build's, and nothing per sentence or per mention is kept."""
    from bot.corpus.model import CorpusSentences
    from bot.corpus.snapshot import MappedSentences
    from bot.engine.places.mentions import MentionList

    cache = tmp_path / "cache"
    plain = Engine(load_corpus(corpus_dir))
    Engine(load_corpus(corpus_dir, cache_dir=cache), store_dir=cache).warm()  # stores
    warm = Engine(load_corpus(corpus_dir, cache_dir=cache), store_dir=cache)
    assert all(isinstance(d.sentences, MappedSentences) for d in warm.corpus.documents.values())
    assert _answers(warm) == _answers(plain)
    for query in ("Mosul", "Iraq", "Tall Afar"):
        assert warm.places.brief(query).to_dict() == plain.places.brief(query).to_dict()
    assert warm.places.places().to_dict() == plain.places.places().to_dict()
    assert warm.places.autocomplete("m") == plain.places.autocomplete("m")
    assert dict(warm.places.doc_places) == dict(plain.places.doc_places)
    assert list(warm.places.by_place) == list(plain.places.by_place)
    assert warm.comparer.compare(topic="Mosul").to_dict() == \
        plain.comparer.compare(topic="Mosul").to_dict()
    assert warm.comparer.compare(place="Mosul").to_dict() == \
        plain.comparer.compare(place="Mosul").to_dict()
    for sentences in (warm.summarizer.index.sentences, warm.places._sentences,
                      warm.comparer.sentences):
        assert isinstance(sentences, CorpusSentences)
    table = warm.places.table
    assert isinstance(warm.places.mentions, MentionList) and len(table) > 50
    for arr in (table.place, table.doc, table.position, table.start, table.end,
                table.text._blob):  # type: ignore[attr-defined]
        assert _mapped(arr)


def test_mention_table_views_read_count_and_pickle_like_lists() -> None:
    import pickle
    from collections import Counter

    from bot.engine.places.extract import Mention
    from bot.engine.places.mentions import DocPlaces, MentionList, MentionTable

    ms = [Mention("iq", "b", 0, 0, 4, "Iraq"), Mention("mosul", "b", 1, 5, 10, "Mosul"),
          Mention("iq", "c", 2, 0, 4, "Iraq"), Mention("mosul", "b", 3, 0, 5, "Mosul"),
          Mention("erbil", "c", 0, 9, 14, "Irbil")]
    table = MentionTable.of(ms, ["a", "b", "c"])
    assert table.keys == ["iq", "mosul", "erbil"] and len(table) == 5
    everything = MentionList(table)
    assert everything == ms and list(everything) == ms and everything[-1] == ms[-1]
    assert everything[1:3] == ms[1:3] and pickle.loads(pickle.dumps(everything)) == ms
    by_place = table.by_place()
    assert list(by_place) == ["iq", "mosul", "erbil"]
    assert by_place["mosul"] == [ms[1], ms[3]] and len(by_place["iq"]) == 2
    assert sorted(by_place["iq"].doc_numbers().tolist()) == [1, 2]
    places = DocPlaces(table)
    assert places["b"] == Counter({"mosul": 2, "iq": 1}) and list(places["b"]) == ["iq", "mosul"]
    assert list(places) == ["b", "c"] and len(places) == 2 and "a" not in places
    assert places.get("a", ()) == () and dict(places)["c"] == Counter({"iq": 1, "erbil": 1})
    with pytest.raises(KeyError):
        places["a"]
    columns = {c: np.zeros(1, dtype=np.int32) for c in ("place", "position", "start", "end")}
    with pytest.raises(ValueError):  # a document number past the documents
        MentionTable(["iq"], ["a"], {**columns, "doc": np.array([3], dtype=np.int32)}, ["x"])
