"""A new user's first minutes: a quick --version, the spec checked once per file, Discord
markup shown as a Discord client shows it, buttons pressed by their words, a corpus line
that names skipped files, a temporary offline database, and CLI wording without slashes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.cli import build_parser, main
from bot.cli.common import cli_wording
from bot.cli.offline import _database, corpus_line, find_button
from bot.config import Settings, default_database_url, load_settings, prepare_database
from bot.corpus.model import Corpus, Document, Sentence, SkippedFile
from bot.localdiscord import spec
from bot.localdiscord.display import Directory, format_message, format_timestamp, plain
from bot.render.common import attributed, safe, same_name


def test_version_and_help_import_no_heavy_module() -> None:
    code = ("import sys\nfrom bot.cli import main\n"
            "try:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('discord', 'sklearn', 'openapi_core', 'matplotlib', "
            "'bot.engine') if m in sys.modules))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, check=True)
    assert proc.stdout.startswith("briefbot ")
    assert proc.stdout.strip().endswith("[]")


def test_parser_loads_only_the_chosen_subcommand() -> None:
    _, modules = build_parser(["sources", "--json"])
    assert list(modules) == ["sources"]
    _, every = build_parser()
    assert {"offline", "summary", "compare", "brief"} <= set(every)


def test_spec_marker_is_keyed_by_content_and_skips_the_check(tmp_path: Path,
                                                             monkeypatch) -> None:
    monkeypatch.setenv(spec.CACHE_ENV, str(tmp_path))
    bundled = spec.SPEC_PATH.read_bytes()
    marker = spec._marker(bundled)
    assert marker.parent == tmp_path and marker != spec._marker(bundled + b" ")
    # an invalid spec fails its check and leaves no marker
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps({"openapi": "3.1.0", "paths": {"/x": {"get": 5}}}))
    with pytest.raises(Exception):  # noqa: B017  (openapi-spec-validator's own error types)
        spec.build_spec(broken)
    assert not spec._marker(broken.read_bytes()).exists()
    # with a marker the bundled spec loads without its check, and still validates requests
    marker.write_text("checked\n")
    api = spec.build_spec()
    assert api.config.spec_validator_cls is None
    monkeypatch.setattr(spec, "_openapi", api)
    problems = spec.validate_request("POST", "/channels/1/messages",
                                     headers={"Authorization": "Bot x"},
                                     body={"embeds": [{"title": "x" * 300}]})
    assert problems and "maxLength" in problems[0]


def test_discord_markup_reads_like_the_client() -> None:
    directory = Directory(channels={5: "news"}, users={7: "admin"}, roles={9: "Editors"})
    text = plain("Posted in <#5> by <@7> for <@&9>; next <t:1796198400:F>, **bold**, "
                 "gone <#6>", directory)
    expected = format_timestamp(1796198400, "F")
    assert text == (f"Posted in #news by @admin for @Editors; next {expected}, bold, "
                    "gone #unknown-channel")
    local = datetime.fromtimestamp(1796198400, UTC).astimezone()
    assert expected == local.strftime("%A, %-d %B %Y %H:%M")
    now = datetime.fromtimestamp(1796198400 - 7200).astimezone()
    assert format_timestamp(1796198400, "R", now=now) == "in 2 hours"


def test_embed_is_framed_and_wrapped_inside_its_frame() -> None:
    message = {"embeds": [{"title": "Summary", "description": "• " + "word " * 40,
                           "fields": [{"name": "Sources", "value": "<#5>"}],
                           "footer": {"text": "page 1/2"}}],
               "components": [{"type": 1, "components": [
                   {"type": 2, "label": "Next ▶", "custom_id": "n"}]}]}
    lines = format_message(message, Directory(channels={5: "news"})).splitlines()
    assert lines[0].startswith("  ┌") and lines[-2].startswith("  └")
    framed = lines[1:-2]
    assert all(line.startswith("  │") for line in framed)
    assert all(len(line) <= 88 for line in lines)
    assert "  │   #news" in framed and lines[-1] == "  [Next ▶]"
    bullet = next(i for i, line in enumerate(framed) if "• word" in line)
    assert framed[bullet + 1].startswith("  │   word")  # continues under its text


def test_an_indented_pointer_line_continues_under_its_text() -> None:
    """The line under a quoted sentence ("  ↳ The article opens: ...") wraps under its
    own text, not at the frame's edge."""
    message = {"embeds": [{"description": "• A quoted line.\n  ↳ *The article opens:* "
                           + "word " * 40}]}
    framed = format_message(message).splitlines()[1:-1]
    pointer = next(i for i, line in enumerate(framed) if "↳ The article opens:" in line)
    assert framed[pointer].startswith("  │   ↳ The article opens: word")
    assert framed[pointer + 1].startswith("  │     word")
    claim = format_message({"embeds": [{"description": "• A point.\n  ▸ *Source:* "
                                        + "“word " * 30}]}).splitlines()[1:-1]
    assert claim[2].startswith("  │     “word") and claim[1].startswith("  │   ▸ Source:")
    assert all(len(line) <= 88 for line in framed)


def test_button_words_press_the_right_button() -> None:
    message = {"components": [{"type": 1, "components": [
        {"type": 2, "label": "◀ Previous", "custom_id": "p"},
        {"type": 2, "label": "1/3", "custom_id": "c", "disabled": True},
        {"type": 2, "label": "Next ▶", "custom_id": "n"}]}]}
    assert find_button(message, "next")["custom_id"] == "n"
    assert find_button(message, "Next ▶")["custom_id"] == "n"
    assert find_button(message, "prev")["custom_id"] == "p"
    assert find_button(message, "PREVIOUS")["custom_id"] == "p"
    assert find_button(message, "/summary") is None
    assert find_button(message, "summary") is None


def test_corpus_line_names_skipped_files(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "news").mkdir()
    doc = Document("a", "A", [Sentence("One.", "a", 0), Sentence("Two.", "a", 1)])
    corpus = Corpus(tmp_path / "news", {"a": doc},
                    [SkippedFile("scan.pdf", "not a text, markdown or HTML file")])
    assert corpus_line(corpus).splitlines() == [
        "Read 1 document (2 sentences) from news/; skipped 1",
        "  skipped scan.pdf: not a text, markdown or HTML file"]


def test_offline_database_is_temporary_unless_given(tmp_path: Path) -> None:
    settings = Settings(database_url="sqlite:///kept.sqlite3")
    with _database(settings, None) as temp:
        path = Path(temp.database_url.removeprefix("sqlite:///"))
        assert path.parent.is_dir() and path.name == "offline.sqlite3"
        path.write_text("x")
    assert not path.parent.exists()
    url = f"sqlite:///{tmp_path / 'mine.sqlite3'}"
    with _database(settings, url) as given:
        assert given.database_url == url


def test_default_database_lives_in_the_user_data_dir(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    url = load_settings(env={}).database_url
    assert url == default_database_url()
    assert url == f"sqlite:///{tmp_path / 'data' / 'briefbot' / 'briefbot.sqlite3'}"
    prepare_database(url)
    assert (tmp_path / "data" / "briefbot").is_dir()


def test_titles_are_never_doubled() -> None:
    assert attributed("The Mosul Offensive", "The Mosul Offensive") == "The Mosul Offensive"
    assert same_name("‘They’re All ISIS’—West Mosul Families", "‘They’re All ISIS’—West…")
    assert not same_name("The Mosul Offensive", "The Mosul")
    assert attributed("A claim.", "The National") == "A claim. — The National"


def test_untitled_document_has_one_name_everywhere(seed_engine) -> None:
    from bot.engine.digest import build_digest
    from bot.engine.figures import Figure
    from bot.engine.places.briefing import FigureItem
    from bot.engine.sources import SourceIndex
    from bot.render.sources import sources_lines
    from cogs._autocomplete import document_label

    corpus = seed_engine.corpus
    untitled = next(d for d in corpus.documents.values() if not d.title)
    name = untitled.display_name
    assert name.startswith("(untitled) ") and untitled.doc_id not in name
    assert any(safe(name) in line for line in sources_lines(corpus))
    assert document_label(untitled) == name
    digest = build_digest(seed_engine, since=datetime(2000, 1, 1, tzinfo=UTC))
    assert any(d.doc_id == untitled.doc_id and d.title == name for d in digest.new_documents)
    titled = next(d for d in corpus.documents.values() if d.title and d.source == "unknown")
    assert SourceIndex(corpus).label(titled.doc_id).rstrip("…") in titled.display_name
    # sentence items (summary, brief and compare answers) carry the same name
    summary = seed_engine.summarizer.summarize(document=untitled.doc_id, sentences=2)
    assert summary.sentences and all(s.title == name for s in summary.sentences)
    # a key figure names it after a dash: "... package ((untitled) Brazil and ...…)" read
    # as two brackets (DUC d30048t, whose documents have no outlet)
    figure = FigureItem("160 people", 160.0, untitled.doc_id, "people", measure="killed",
                        source=name)
    assert figure.label == f"160 people killed — {name}" and "((" not in figure.label
    titled = next(d for d in corpus.documents.values() if d.title)
    figure = FigureItem.of(Figure("160 people", 160.0, "people", (0, 10)),
                           titled.sentences[0], corpus)
    assert figure.source and figure.label == f"160 people ({figure.source})"


def test_cli_errors_name_flags_not_slash_commands() -> None:
    assert cli_wording("try another topic or /summary without a topic") == \
        "try another topic or briefbot summary without a topic"
    assert cli_wording("give both document_a and document_b.") == "give two --documents."


@pytest.mark.parametrize(("argv", "message"), [
    (["compare"], "Nothing to compare"),
    (["compare", "--documents", "000_b1d97025c559431c"], "give two --documents"),
    (["summary", "--topic", "   "], "the topic is blank"),
])
def test_cli_refuses_like_discord(argv: list[str], message: str, seeds_dir: Path,
                                  capsys) -> None:
    assert main([*argv, "--corpus", str(seeds_dir)]) == 1
    err = capsys.readouterr().err
    assert message in err and "/compare" not in err and "/summary" not in err


def test_env_example_does_not_pin_the_database_to_the_current_folder() -> None:
    example = Path(__file__).resolve().parent.parent / ".env.example"
    active = [line for line in example.read_text().splitlines()
              if line.startswith("DATABASE_URL=")]
    assert active == [] and os.path.exists(example)


def test_one_shot_loads_the_extension_that_defines_its_command() -> None:
    import importlib

    from discord.ext import commands

    from bot.cli.offline import extensions_for
    from bot.client import EXTENSIONS

    for extension in EXTENSIONS:
        module = importlib.import_module(extension)
        cogs = [v for v in vars(module).values()
                if isinstance(v, type) and issubclass(v, commands.Cog) and v is not commands.Cog]
        names = {c.name for cog in cogs for c in cog.__cog_app_commands__}
        for name in names:
            assert extensions_for(f"/{name} x:1", EXTENSIONS) == (extension,), name
    assert extensions_for("/nosuch", EXTENSIONS) == EXTENSIONS


def test_sentence_vectors_match_scikit_learn_to_the_last_bit(seed_engine) -> None:
    """The index's vectorizer replaced scikit-learn's (a second of import per process):
    same vocabulary, same entries in the same order, same floats, so every summary and
    score is the one the shipped weights were measured with."""
    import numpy as np
    from sklearn.feature_extraction import text as sk

    from bot.engine.ranking import text as tx
    from bot.engine.ranking import vectors

    docs = [d for d in seed_engine.corpus.documents.values() if d.sentences]
    texts = [s.text for d in docs for s in d.sentences]
    queries = [d.title or "" for d in docs] + ["civilians displaced", "", "the of and"]
    assert vectors.ENGLISH_STOP_WORDS == sk.ENGLISH_STOP_WORDS

    def same(ours, theirs) -> None:
        assert type(ours) is type(theirs) and ours.shape == theirs.shape
        for part in ("indptr", "indices", "data"):
            a, b = getattr(ours, part), getattr(theirs, part)
            assert a.dtype == b.dtype and np.array_equal(a, b), part

    for options in ({"analyzer": tx.content_stems, "dtype": np.float64},
                    {"stop_words": "english", "dtype": np.float64},
                    {"token_pattern": tx.WORD_PATTERN, "stop_words": list(tx.NLTK_STOP_WORDS),
                     "dtype": np.float64}):
        ours, theirs = vectors.CountVectorizer(**options), sk.CountVectorizer(**options)
        counts = ours.fit_transform(texts)
        same(counts, theirs.fit_transform(texts))
        assert ours.vocabulary_ == theirs.vocabulary_
        assert list(ours.get_feature_names_out()) == list(theirs.get_feature_names_out())
        same(ours.transform(queries), theirs.transform(queries))
        tf_ours = vectors.TfidfTransformer(sublinear_tf=True, norm="l2")
        tf_theirs = sk.TfidfTransformer(sublinear_tf=True, norm="l2")
        same(tf_ours.fit_transform(counts), tf_theirs.fit_transform(counts))
        same(tf_ours.transform(ours.transform(queries)),
             tf_theirs.transform(theirs.transform(queries)))
    with pytest.raises(ValueError, match="empty vocabulary"):
        vectors.CountVectorizer(stop_words="english").fit_transform(["the of", "and"])


def test_stems_are_nltks_on_every_seed_word(seed_engine) -> None:
    """PyStemmer (Snowball 2, C) replaced NLTK's Snowball, whose import pulls in all of
    NLTK; on the seeds' words, curly apostrophes included, the stems are NLTK's."""
    from nltk.stem.snowball import SnowballStemmer

    from bot.engine.ranking import text as tx

    nltk_stem = SnowballStemmer("english").stem
    words = {w for d in seed_engine.corpus.documents.values() for s in d.sentences
             for w in tx.tokens(s.text)}
    assert len(words) > 500 and any("’" in w for w in words)
    assert [w for w in sorted(words) if tx.stem(w) != nltk_stem(w)] == []


def test_rest_and_gateway_do_not_import_the_driver() -> None:
    """The driver builds the REST routes and the gateway; they see it through the Host
    protocol, so no import (not even a type-only one) goes back to the driver."""
    import ast

    import bot.localdiscord as ld

    folder = Path(ld.__file__).parent
    for name in ("rest.py", "gateway.py", "host.py"):
        tree = ast.parse((folder / name).read_text(encoding="utf-8"))
        imported = {node.module for node in ast.walk(tree)
                    if isinstance(node, ast.ImportFrom) and node.module}
        assert not imported & {"driver", "rest", "gateway"} - {name[:-3]}, (name, imported)
