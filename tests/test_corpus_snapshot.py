"""The corpus snapshot: a warm load opens no unchanged file and gives the same corpus; a
changed, added or racy file is read alone; a damaged snapshot costs time, never a document."""

from __future__ import annotations

import dataclasses
import os
import pickle
import time
from pathlib import Path

import pytest

from bot.corpus import loader
from bot.corpus.loader import load_corpus
from bot.corpus.model import Document, LazyDocument, Sentence
from bot.corpus.refresh import CorpusRefresher
from bot.corpus.snapshot import SNAPSHOT_FILE
from tests.conftest import write_corpus

FILES = {
    "a.txt": "Floods close the coastal road\n\nHeavy rain closed the coastal road on Monday. "
             "Officials said repairs would take a week.\n",
    "sub/b.md": "# Bridge reopens\n\n## Traffic\n\nThe bridge in Mosul reopened on Tuesday. "
                "Traffic was light in the morning.\n",
    "sub/deeper/c.html": "<html><head><title>Market day</title></head><body><p>The market "
                         "opened early. Prices of bread rose by 5 percent.</p></body></html>",
    "empty.txt": "",
}
MANIFEST = '[documents."a.txt"]\noutlet = "Coast Times"\n'
HOUR_NS = 3600 * 10**9


def _age(root: Path) -> None:
    """Files written an hour ago: their stamps are not racy."""
    past = time.time_ns() - HOUR_NS
    for path in root.rglob("*"):
        if path.is_file():
            os.utime(path, ns=(past, past))


def _reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    opened: list[str] = []
    real = loader.read_bytes

    def counting(path: Path, *args: object, **kwargs: object) -> bytes:
        opened.append(Path(path).name)
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(loader, "read_bytes", counting)
    return opened


def _same(a: object, b: object) -> None:
    assert list(a.documents) == list(b.documents)  # type: ignore[attr-defined]
    for doc_id, doc in a.documents.items():  # type: ignore[attr-defined]
        assert b.documents[doc_id] == doc, doc_id  # type: ignore[attr-defined]
    assert a.skipped == b.skipped  # type: ignore[attr-defined]


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    root = write_corpus(tmp_path / "c", FILES)
    (root / "sources.toml").write_text(MANIFEST, encoding="utf-8")
    _age(root)
    return root


def test_warm_load_reads_no_file_and_gives_the_same_corpus(corpus_dir: Path, tmp_path: Path,
                                                           monkeypatch) -> None:
    plain = load_corpus(corpus_dir)
    cache = tmp_path / "cache"
    cold = load_corpus(corpus_dir, cache_dir=cache)
    assert (cache / SNAPSHOT_FILE).is_file()
    opened = _reads(monkeypatch)
    warm = load_corpus(corpus_dir, cache_dir=cache)
    assert opened == []
    for loaded in (cold, warm):
        _same(plain, loaded)
    assert warm.documents["a"].source == "Coast Times"
    assert warm.documents["sub/b"].sentences[0].section == "Traffic"
    assert warm.documents["sub/b"].path == corpus_dir / "sub" / "b.md"
    assert warm.report() == plain.report()
    # the refresher starts from the loader's stamps: its first rescan opens only the
    # skipped file (skips are always retried)
    report = CorpusRefresher(corpus_dir, 10**6).rescan(warm)
    assert report.read == 1 and not report.changed_anything


def test_changed_added_and_removed_files_alone_are_read(corpus_dir: Path, tmp_path: Path,
                                                        monkeypatch) -> None:
    cache = tmp_path / "cache"
    load_corpus(corpus_dir, cache_dir=cache)
    (corpus_dir / "a.txt").write_text("Floods close the coastal road\n\nThe road opened "
                                      "again on Friday after repairs.\n", encoding="utf-8")
    (corpus_dir / "new.txt").write_text("New story\n\nA new school opened in Erbil.\n",
                                        encoding="utf-8")
    (corpus_dir / "sub" / "deeper" / "c.html").unlink()
    opened = _reads(monkeypatch)
    warm = load_corpus(corpus_dir, cache_dir=cache)
    assert sorted(opened) == ["a.txt", "new.txt"]
    assert "opened again" in warm.documents["a"].text
    assert "sub/deeper/c" not in warm.documents and "new" in warm.documents
    _same(load_corpus(corpus_dir), warm)


def test_manifest_edit_reloads_only_its_documents(corpus_dir: Path, tmp_path: Path,
                                                  monkeypatch) -> None:
    cache = tmp_path / "cache"
    load_corpus(corpus_dir, cache_dir=cache)
    (corpus_dir / "sources.toml").write_text(MANIFEST.replace("Coast", "Harbour"),
                                             encoding="utf-8")
    opened = _reads(monkeypatch)
    warm = load_corpus(corpus_dir, cache_dir=cache)
    assert opened == ["a.txt"] and warm.documents["a"].source == "Harbour Times"


def test_a_racy_file_is_compared_by_content(corpus_dir: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    path = corpus_dir / "a.txt"
    stamp = path.stat()
    load_corpus(corpus_dir, cache_dir=cache)
    # rewritten right after the snapshot, same size, same modification time
    text = path.read_text(encoding="utf-8").replace("Monday", "Sunday")
    path.write_text(text, encoding="utf-8")
    now = time.time_ns()
    os.utime(path, ns=(now, now))
    load_corpus(corpus_dir, cache_dir=cache)  # the snapshot now holds the racy stamp
    path.write_text(text.replace("Sunday", "Friday"), encoding="utf-8")
    os.utime(path, ns=(now, now))
    assert path.stat().st_size == stamp.st_size
    assert "Friday" in load_corpus(corpus_dir, cache_dir=cache).documents["a"].text


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage"])
def test_a_damaged_snapshot_is_ignored_and_rewritten(corpus_dir: Path, tmp_path: Path,
                                                     damage: str, caplog) -> None:
    cache = tmp_path / "cache"
    plain = load_corpus(corpus_dir, cache_dir=cache)
    snap = cache / SNAPSHOT_FILE
    data = bytearray(snap.read_bytes())
    if damage == "truncate":
        data = data[:-7]
    elif damage == "flip":
        data[-20] ^= 0xFF
    else:
        data = bytearray(b"not a snapshot" * 10)
    snap.write_bytes(bytes(data))
    _same(plain, load_corpus(corpus_dir, cache_dir=cache))
    assert "corpus snapshot" in caplog.text and "unusable" in caplog.text
    caplog.clear()
    _same(plain, load_corpus(corpus_dir, cache_dir=cache))  # written again, usable
    assert "unusable" not in caplog.text


def test_a_symlink_out_of_the_corpus_is_never_taken_from_the_snapshot(
        corpus_dir: Path, tmp_path: Path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("Secret\n\nThe password is swordfish.\n", encoding="utf-8")
    cache = tmp_path / "cache"
    (corpus_dir / "link.txt").symlink_to(outside)
    for _ in range(2):
        corpus = load_corpus(corpus_dir, cache_dir=cache)
        assert "link" not in corpus.documents
        assert any(s.path == "link.txt" for s in corpus.skipped)


def test_lazy_document_reads_compares_copies_and_pickles_as_a_document() -> None:
    made: list[int] = []

    def make() -> list[Sentence]:
        made.append(1)
        return [Sentence("The road opened.", "a", 0)]

    lazy = LazyDocument(make=make, where=(Path("/corpus"), "x/a.txt"), count=1, doc_id="a",
                        title="Road", content_hash="h")
    plain = Document("a", "Road", [Sentence("The road opened.", "a", 0)],
                     path=Path("/corpus/x/a.txt"), content_hash="h")
    assert lazy.sentence_count == 1 and not made  # counted without making them
    assert lazy == plain and plain == lazy and made == [1]
    assert lazy.sentences is lazy.sentences and made == [1]
    copy = dataclasses.replace(lazy, title="Other")
    assert copy.title == "Other" and copy.sentences == plain.sentences
    again = pickle.loads(pickle.dumps(lazy))
    assert type(again) is Document and again == plain


def test_a_warm_corpus_reads_its_sentences_from_the_mapped_snapshot(corpus_dir: Path,
                                                                    tmp_path: Path) -> None:
    from bot.corpus.snapshot import MappedSentences

    cache = tmp_path / "cache"
    plain = load_corpus(corpus_dir)
    load_corpus(corpus_dir, cache_dir=cache)
    warm = load_corpus(corpus_dir, cache_dir=cache)
    doc, reference = warm.documents["sub/b"], plain.documents["sub/b"]
    sentences = doc.sentences
    assert isinstance(sentences, MappedSentences)
    # the text is the mapped file's: nothing copied, nothing kept per sentence
    assert type(sentences._table.text.obj).__name__ == "mmap"
    assert sentences[0] == reference.sentences[0] and sentences[0] is not sentences[0]
    assert sentences == reference.sentences and reference.sentences == sentences
    assert list(sentences) == reference.sentences and sentences[-1] == reference.sentences[-1]
    assert sentences[1:] == reference.sentences[1:] and len(sentences) == 2
    with pytest.raises(IndexError):
        sentences[2]
    assert sentences != reference.sentences[:1] and sentences != "not sentences"
    assert pickle.loads(pickle.dumps(sentences)) == reference.sentences
    assert type(pickle.loads(pickle.dumps(doc)).sentences) is list
    # a newer snapshot replaces the file by renaming: documents already read keep theirs
    (corpus_dir / "new.txt").write_text("New story\n\nA school opened.\n", encoding="utf-8")
    load_corpus(corpus_dir, cache_dir=cache)
    assert sentences == reference.sentences


def test_corpus_sentences_number_every_sentence_across_documents() -> None:
    from bot.corpus.model import CorpusSentences

    docs = [Document(d, d, [Sentence(f"{d} {i}.", d, i) for i in range(n)])
            for d, n in (("a", 2), ("empty", 0), ("b", 3), ("c", 1))]
    flat = [s for d in docs for s in d.sentences]
    chain = CorpusSentences(docs)
    assert len(chain) == 6 and list(chain) == flat
    assert [chain[i] for i in range(6)] == flat and chain[-1] == flat[-1]
    assert chain[1:4] == flat[1:4]
    for bad in (6, -7):
        with pytest.raises(IndexError):
            chain[bad]
