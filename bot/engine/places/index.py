"""The place index, built once per corpus: place -> mentions, hierarchy, co-mentions, briefings."""

from __future__ import annotations

import hashlib
import logging
import threading
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from functools import partial
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process
from sklearn.feature_extraction.text import TfidfVectorizer

from bot.corpus.model import Corpus, CorpusSentences, Sentence
from bot.engine.errors import EngineInputError
from bot.engine.figures import Figure, extract_figures, is_conversion
from bot.engine.items import SentenceItem
from bot.engine.leaning import story_tests
from bot.engine.measured import measured_excerpts
from bot.engine.places import ner
from bot.engine.places.briefing import (
    Briefing,
    DocumentRef,
    FigureItem,
    MentionListing,
    MentionRow,
    PlaceCount,
    PlaceInfo,
    PlacesListing,
    RelatedPlace,
)
from bot.engine.places.extract import (
    CorpusSenses,
    Mention,
    PlaceExtractor,
    home_country,
    name_of,
    names_given,
)
from bot.engine.places.gazetteer import Gazetteer, Place, load_gazetteer
from bot.engine.places.mentions import DocPlaces, MentionList, MentionTable
from bot.engine.places.normalise import name_key
from bot.engine.places.owned import compared_only, figure_owners, where
from bot.engine.places.provenance import FileMention, locate
from bot.engine.quotable import quotable_picks
from bot.engine.ranking.select import position_shares
from bot.engine.referents import once
from bot.engine.standalone import readers_comment
from bot.engine.stories import with_stories

log = logging.getLogger(__name__)

MAX_SENTENCES = 10
MAX_FIGURES = 8
# figures read to fill them: a share or an amount with no words for what it is is left out
CANDIDATE_FIGURES = 2 * MAX_FIGURES
MAX_RELATED = 12
MAX_CHOICES = 25  # Discord's autocomplete limit
DUPLICATE_COSINE = 0.6
DIRECT_BONUS = 1.25
# A brief's sentence scores by where it stands in its article, as a topic summary's does
# (bot.engine.summary.TOPIC_POSITION_SHARES): in blind checks 1-19's place briefs (734
# labelled lines) a line the stand-alone rules pass read alone 0.956 from an article's first
# sentence (68 lines), 0.959 from its second or third (73) and 0.799 from the fourth on
# (482), so 1, 1, 1 and 0.84 (0.799 / 0.956).
BRIEF_POSITION_SHARES = (1.0, 1.0, 1.0)  # the first, second and third sentence
BRIEF_DEEP_SHARE = 0.84  # the fourth and after
SUGGEST_CUTOFF = 72.0
# Places outside the corpus must also be close as whole names: WRatio's partial match alone
# offered "Central African Republic" and "Ota" for "Tal Afer".
SUGGEST_WHOLE_RATIO = 65.0
SUGGEST_SPREAD = 10.0  # suggestions this far behind the closest name are noise
POINT_KINDS = frozenset({"city", "district", "neighbourhood", "landmark", "river"})
# From this many documents a tagging worker loads spaCy while the scan runs (below, the
# scan is short and most corpora's labels are cached).
WARM_WORKER_DOCS = 20


def _file_text(path: Path | None) -> str | None:
    if path is None:
        return None
    try:
        return path.read_bytes().decode("utf-8", errors="replace")
    except OSError as exc:
        log.info("%s not readable for mention offsets: %s", path, exc)
        return None


def _scan_all(extractor: PlaceExtractor, docs: list, gaz: Gazetteer,
              labels: ner.LabelJob | None = None) -> list[tuple[str, list, Counter[str]]]:
    """Every document's candidates, from the on-disk scan cache when the document, the
    gazetteer and the extractor are unchanged (a restart then matches nothing again).
    The sentences whose candidates entity labels can decide go to ``labels`` as each
    document is scanned, so tagging runs in the workers while the scan goes on."""
    fingerprint = getattr(gaz, "fingerprint", "")
    cache = ner.KeyValueCache("scan") if fingerprint else None
    keys = {doc.doc_id: ner.KeyValueCache.key(
        f"{fingerprint}:{_CODE_HASH}:" + "\n".join(s.text for s in doc.sentences))
        for doc in docs}
    stored = cache.get(list(keys.values())) if cache else {}
    out = []
    fresh: dict[str, str] = {}
    for doc in docs:
        hit = stored.get(keys[doc.doc_id])
        if hit is not None:
            candidates, demonyms = extractor.load_scan(doc, hit)
        else:
            candidates, demonyms = extractor.scan(doc)
            if cache is not None:
                fresh[keys[doc.doc_id]] = extractor.dump_scan(candidates, demonyms)
        out.append((doc.doc_id, candidates, demonyms))
        if labels is not None:
            labels.add([c.sentence for c in candidates if c.needs_labels])
    if cache is not None:
        cache.put(fresh)
    return out


_CODE_HASH = hashlib.blake2b(b"".join(
    (Path(__file__).parent / name).read_bytes() for name in ("extract.py", "normalise.py")),
    digest_size=8).hexdigest()


_FIT = object()  # PlaceIndex(tfidf=...) default: fit the sentences' TF-IDF


class PlaceIndex:
    """Every place the corpus mentions, with its mentions, counts, hierarchy and co-mentions."""

    def __init__(self, corpus: Corpus, gazetteer: Gazetteer,
                 mentions: list[Mention] | MentionTable, demonyms: Counter[str],
                 tfidf: object = _FIT) -> None:
        """``mentions``: found in memory, or a stored index's table (mapped columns);
        ``tfidf``: the sentences' TF-IDF matrix when it is already known (a stored
        index's, or None for a corpus of stop words only); fitted here otherwise."""
        self.corpus = corpus
        self.gaz = gazetteer
        self.table = mentions if isinstance(mentions, MentionTable) else \
            MentionTable.of(mentions, list(corpus.documents))
        # views of the table: each Mention is made when read (see mentions.py)
        self.mentions = MentionList(self.table)
        self.demonyms = demonyms
        self.by_place: dict[str, MentionList] = defaultdict(
            partial(MentionList, self.table, np.zeros(0, dtype=np.intp)))  # none: empty
        self.by_place.update(self.table.by_place())
        self.doc_places: Mapping[str, Counter[str]] = DocPlaces(self.table)
        # Hierarchy among present places: every ancestor lists its present descendants.
        self.descendants: dict[str, set[str]] = defaultdict(set)
        for key in self.by_place:
            for anc in gazetteer.ancestors(key):
                self.descendants[anc].add(key)
        self._sentences: Sequence[Sentence] = CorpusSentences(corpus.documents.values())
        # a sentence's row: its document's first row + its position (its index in the
        # document): one entry per document, not one tuple per sentence
        self._doc_start: dict[str, int] = {}
        start = 0
        for doc in corpus.documents.values():
            self._doc_start[doc.doc_id] = start
            start += len(doc.sentences)
        self._tfidf = None if tfidf is _FIT else tfidf
        if tfidf is _FIT and self._sentences:
            vec = TfidfVectorizer(stop_words="english", sublinear_tf=True, min_df=1)
            try:
                self._tfidf = vec.fit_transform([s.text for s in self._sentences]).tocsr()
            except ValueError:  # only stop words in the whole corpus
                self._tfidf = None
        self._maps: dict[str, bytes] = {}
        self._map_lock = threading.Lock()
        self._suggest_pool: list[tuple[str, str]] | None = None

    @classmethod
    def build(cls, corpus: Corpus, gazetteer: Gazetteer | None = None, *,
              use_ner: bool = True) -> PlaceIndex:
        gaz = gazetteer or load_gazetteer()
        docs = list(corpus.documents.values())
        extractor = PlaceExtractor(gaz)
        # Entity labels for the sentences whose candidates they can decide, tagged in
        # other processes while this one scans (and cached on disk by sentence).
        job = ner.LabelJob() if use_ner else None
        if job is not None and len(docs) >= WARM_WORKER_DOCS:
            job.start()
        # One pass scans (and counts case), a second resolves with the corpus-wide counts.
        scanned = _scan_all(extractor, docs, gaz, job)
        labels = job.result() if job is not None else None
        home = home_country(((candidates, dems) for _, candidates, dems in scanned), gaz)
        # the names each document gives a thing ("a passageway named Unity"), for the others
        own = {doc_id: names_given(candidates) for doc_id, candidates, _ in scanned}
        givers = Counter(name for names in own.values() for name in names)
        given, shared = set(givers), {name for name, n in givers.items() if n > 1}

        def elsewhere(doc_id: str) -> set[str]:
            """The names another document gives a thing."""
            return given - (own[doc_id] - shared)

        by_doc = {doc_id: extractor.resolve(doc_id, candidates, dems, labels, home=home,
                                            given_elsewhere=elsewhere(doc_id),
                                            given=own[doc_id])
                  for doc_id, candidates, dems in scanned}
        # A name the rest of the corpus reads one way is read that way where the
        # document itself gives no stronger reason (one sense per corpus).
        senses = CorpusSenses(by_doc, gaz)
        for doc_id, candidates, dems in scanned:
            wanted = senses.for_document(doc_id, {name_of(c.text) for c in candidates})
            if wanted:
                by_doc[doc_id] = extractor.resolve(doc_id, candidates, dems, labels, wanted,
                                                   home, elsewhere(doc_id), own[doc_id])
        mentions: list[Mention] = [m for found in by_doc.values() for m in found]
        demonyms: Counter[str] = Counter()
        for _, _, dems in scanned:
            demonyms.update(dems)
        index = cls(corpus, gaz, mentions, demonyms)
        log.info("place index: %d mentions of %d places in %d documents",
                 len(mentions), len(index.by_place), len(docs))
        return index

    def file_mentions(self, texts: dict[str, str] | None = None) -> list[FileMention]:
        """Every mention with offsets into its document's file text (``texts`` by doc_id,
        else each document's file read from disk; documents without a file are skipped)."""
        by_doc: dict[str, list[Mention]] = defaultdict(list)
        for m in self.mentions:
            by_doc[m.doc_id].append(m)
        out: list[FileMention] = []
        for doc_id, doc in self.corpus.documents.items():
            if doc_id not in by_doc:
                continue
            text = texts.get(doc_id) if texts is not None else _file_text(doc.path)
            if text is None:
                continue
            out.extend(locate(doc, by_doc[doc_id], text))
        return out

    def mention_listing(self) -> MentionListing:
        """Every mention with its offsets into its document's file (the CLI's --mentions)."""
        rows = []
        for fm in self.file_mentions():
            place = self.gaz.places[fm.place]
            admin1 = next((self.gaz.places[a].name for a in [fm.place, *self.gaz.ancestors(
                fm.place)] if self.gaz.places[a].kind == "region"
                and self.gaz.places[a].source == "geonames"), "")
            rows.append(MentionRow(fm.doc_id, fm.start, fm.end, fm.text, place.name, place.kind,
                                   self.gaz.country_names.get(place.country, ""), admin1,
                                   round(place.lat, 4), round(place.lon, 4)))
        return MentionListing(rows)

    # -- listing ----------------------------------------------------------------------------

    def relevance(self, key: str) -> float:
        """Mentions, plus half a point per demonym ("Iraqi" speaks of Iraq)."""
        return len(self.by_place.get(key, ())) + 0.5 * self.demonyms.get(key, 0)

    def places(self) -> PlacesListing:
        rows = []
        for key, ms in self.by_place.items():
            place = self.gaz.places[key]
            rows.append(PlaceCount(place.name, len(ms), len(np.unique(ms.doc_numbers())), key,
                                   place.kind, place.country, self._scope_count(key)))
        rows.sort(key=lambda r: (-r.mentions, -self.relevance(r.key), r.name))
        return PlacesListing(rows)

    def autocomplete(self, current: str = "", limit: int = MAX_CHOICES) -> list[str]:
        """Place names for a Discord autocomplete: names with a word starting with what was
        typed first, then names containing it; most mentioned first within each group."""
        q = name_key(current)
        ranked = []
        for key in self.by_place:
            name = self.gaz.places[key].name
            k = name_key(name)
            if q and q not in k:
                continue
            starts = not q or k.startswith(q) or f" {q}" in k
            ranked.append((0 if starts else 1, -self.relevance(key), name))
        out: list[str] = []
        for _, _, name in sorted(ranked):
            if name not in out:
                out.append(name)
        return out[:limit]

    # -- lookup -----------------------------------------------------------------------------

    def scope(self, key: str) -> set[str]:
        return {key} | self.descendants.get(key, set())

    def _scope_mentions(self, key: str) -> list[Mention]:
        return [m for k in self.scope(key) for m in self.by_place.get(k, ())]

    def _scope_count(self, key: str) -> int:
        """``len(self._scope_mentions(key))``, without making the mentions."""
        return sum(len(self.by_place.get(k, ())) for k in self.scope(key))

    def resolve(self, query: str) -> Place:
        """The place a user means; raises EngineInputError (with suggestions) otherwise."""
        query = query.strip()
        if not query:
            raise EngineInputError("give a place name", suggestions=self.autocomplete("", 5))
        candidates = self.gaz.lookup(query)
        if not any(self._scope_count(p.key) for p in candidates):
            # A name the listing and autocomplete show resolves to the place they list,
            # even when the gazetteer finds it only by longer spellings in text ("Thames"
            # is listed for "the River Thames"; a bare "Thames" is a town in New Zealand).
            key = name_key(query)
            candidates = [self.gaz.places[k] for k in self.by_place
                          if name_key(self.gaz.places[k].name) == key] + candidates
        if not candidates:
            suggestions = self.suggest(query)
            hint = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
            raise EngineInputError(f"No place called {query!r} is known.{hint}",
                                   suggestions=suggestions)
        present = [p for p in candidates if self._scope_count(p.key)]
        if present:
            return max(present, key=lambda p: (self._scope_count(p.key), p.prior))
        return candidates[0]

    def suggest(self, query: str, limit: int = 5) -> list[str]:
        """Close spellings, the closest whole name first ("Mosu" -> Mosul): places in the
        corpus, then large places anywhere; names far behind the closest one are dropped."""
        q = name_key(query)
        scored: dict[str, tuple[float, int, float]] = {}  # name -> (closeness, pool, weight)
        in_corpus = {k: name_key(self.gaz.places[k].name) for k in self.by_place}
        for rank, pool in enumerate((in_corpus, self._big_places())):
            for _, _, key in process.extract(q, pool, scorer=fuzz.WRatio, limit=limit * 2,
                                             score_cutoff=SUGGEST_CUTOFF):
                whole = fuzz.ratio(q, pool[key])
                if rank and whole < SUGGEST_WHOLE_RATIO:
                    continue
                # a typed prefix ("Mosu") is as close as a whole name
                close = max(whole, 95.0 if pool[key].startswith(q) else 0.0)
                name = self.gaz.places[key].name
                entry = (close, rank, self.relevance(key))
                if name not in scored or entry[0] > scored[name][0]:
                    scored[name] = entry
        if not scored:
            return []
        best = max(c for c, _, _ in scored.values())
        ranked = sorted(scored.items(), key=lambda kv: (-kv[1][0], kv[1][1], -kv[1][2], kv[0]))
        return [name for name, (c, _, _) in ranked if c >= best - SUGGEST_SPREAD][:limit]

    def _big_places(self) -> dict[str, str]:
        if self._suggest_pool is None:
            self._suggest_pool = [
                (k, name_key(p.name)) for k, p in self.gaz.places.items()
                if p.kind in ("country", "continent", "region") or p.source == "curated"
                or (p.kind == "city" and p.population >= 250_000)]
        return dict(self._suggest_pool)

    # -- briefing ---------------------------------------------------------------------------

    def info(self, place: Place) -> PlaceInfo:
        parent = self.gaz.places.get(place.parent or "")
        country = self.gaz.country_names.get(place.country, "")
        return PlaceInfo(place.key, place.name, country, round(place.lat, 4),
                         round(place.lon, 4), place.kind, parent.name if parent else "")

    def brief(self, query: str, sentences: int = 5) -> Briefing:
        """What the corpus says about a place and its districts, with figures and sources."""
        if not 1 <= sentences <= MAX_SENTENCES:
            raise EngineInputError(f"sentences must be between 1 and {MAX_SENTENCES}")
        place = self.resolve(query)
        note = "" if name_key(query) == name_key(place.name) else \
            f"Showing {place.name} for {query.strip()!r}"
        scoped = self._scope_mentions(place.key)
        if not scoped:
            where = self.gaz.country_names.get(place.country, "")
            raise EngineInputError(
                f"{place.name}{f' ({where})' if where and where != place.name else ''} is a "
                "known place, but no document in the corpus mentions it.",
                place=self.info(place).to_dict(), suggestions=[])
        ranked = self._rank_sentences(place.key, scoped)
        picked = quotable_picks(ranked, self._sentences, self.corpus, sentences, self._dedupe)
        # a line from deep in its story, or from its second sentence on when a rule or the
        # learned reading reads it as leaning on its story, comes with the article's opening
        # (session 75's relabel: such lines of checks 1-36 read alone 0.53 -> 0.67)
        leaning, nearly = story_tests(self.corpus)
        items = with_stories(
            once([SentenceItem.of(self.corpus, self._sentences[r]) for r in picked]), self.corpus,
            leaning=leaning, nearly=nearly)
        return Briefing(self.info(place), len(scoped), self._documents(scoped),
                        items, self._figures(ranked, self.scope(place.key)),
                        self._related(place, scoped),
                        self._extent(place), len(self.by_place.get(place.key, ())), note)

    def _rank_sentences(self, key: str, scoped: list[Mention]) -> list[int]:
        """Rows of sentences about the place, best first: centrality within the pool.

        Centrality = mean cosine similarity to the pool, computed against the pool's summed
        TF-IDF vector, so it is linear in the pool (no n x n matrix for a country).
        """
        starts = self._doc_start
        direct = Counter(starts[m.doc_id] + m.position for m in scoped if m.place == key)
        rows = sorted({starts[m.doc_id] + m.position for m in scoped})
        if self._tfidf is None or len(rows) == 1:
            return rows
        X = self._tfidf[rows]
        centre = np.asarray(X.sum(axis=0)).ravel()
        score = X @ centre / len(rows)
        words = np.array([len(self._sentences[r].text.split()) for r in rows], dtype=float)
        score = score * np.minimum(1.0, words / 12.0)  # fragments ("Hawija, Al-Qa'im.") last
        score = score * np.array([DIRECT_BONUS if direct[r] else 1.0 for r in rows])
        score = score * position_shares(
            np.array([self._sentences[r].position for r in rows]),
            (*BRIEF_POSITION_SHARES, BRIEF_DEEP_SHARE))
        order = np.lexsort((np.array(rows), -score))
        return [rows[i] for i in order]

    def _dedupe(self, ranked: list[int], count: int) -> list[int]:
        chosen: list[int] = []
        texts: set[str] = set()
        for r in ranked:
            text = self._sentences[r].text.casefold()
            if text in texts:
                continue
            if chosen and self._tfidf is not None:
                sims = (self._tfidf[chosen] @ self._tfidf[r].T).toarray().ravel()
                if sims.max() > DUPLICATE_COSINE:
                    continue
            chosen.append(r)
            texts.add(text)
            if len(chosen) >= count:
                break
        return chosen

    def _documents(self, scoped: list[Mention]) -> list[DocumentRef]:
        counts = Counter(m.doc_id for m in scoped)
        out = []
        for doc_id, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            doc = self.corpus.documents[doc_id]
            out.append(DocumentRef(doc_id, doc.display_name, doc.source or "unknown", n))
        return out

    def _figures(self, ranked: list[int], scope: set[str]) -> list[FigureItem]:
        """The first figures of the ranked sentences, each once, with the places they are
        given for; none given for another place in a sentence that gives one for a place
        in ``scope`` ("£139,544 in Wales" is no key figure of Northern Ireland's)."""
        found: list[tuple[Figure, Sentence, str]] = []
        for r in ranked:
            sent = self._sentences[r]
            if readers_comment(sent):  # a reader's figure is not the outlet's
                continue
            figures = [f for f in extract_figures(sent.text)
                       if not is_conversion(sent.text, f.span[0])]
            mentions = self.doc_places.in_sentence(sent.doc_id, sent.position) \
                if figures else []
            owners = [figure_owners(sent.text, f.span, mentions) for f in figures]
            in_scope = [any(m.place in scope for m in given_for) for given_for in owners]
            if not any(in_scope) and compared_only(
                    sent.text, [m for m in mentions if m.place in scope]):
                continue  # the place is what another subject is compared with
                # ("the second-fastest in Asia after China": Singapore's figures)
            for fig, given_for, ours in zip(figures, owners, in_scope, strict=True):
                if any(in_scope) and given_for and not ours:
                    continue  # another place's figure beside this place's own
                found.append((fig, sent, where(sent.text, fig.span, given_for)))
            if len(found) >= CANDIDATE_FIGURES:
                break
        # a share or an amount says what it is in its sentence's words; one with no such
        # words and no place it is given for ("2.8%", "$1.2974", "well above 2003's 9.1%")
        # tells a reader nothing, and is often another subject's: it is left out
        excerpts = iter(measured_excerpts([(s.text, f.span) for f, s, _ in found
                                           if f.share_or_amount]))
        items: list[FigureItem] = []
        seen: set[str] = set()  # each figure once (after the bare ones are left out)
        # the words each item shows of its sentence: (doc, sentence) -> [(start, end, item)]
        shown: dict[tuple[str, int], list[tuple[int, int, int]]] = defaultdict(list)
        for fig, sent, given in found:
            excerpt = next(excerpts) if fig.share_or_amount else ""
            if (fig.share_or_amount and not excerpt and not given) \
                    or fig.text.casefold() in seen:
                continue
            seen.add(fig.text.casefold())
            if excerpt and not sent.text.endswith(excerpt, 0, fig.span[1]):
                given = ""  # the figure inside its words: "a 5% stake in Yukos"
            item = FigureItem.of(fig, sent, self.corpus, excerpt, given)
            start, end = fig.span
            at = sent.text.rfind(excerpt, 0, end) if excerpt else -1
            if at >= 0:
                start, end = min(start, at), max(end, at + len(excerpt))
            # one sentence's words once: "US oil prices closed up $1.26" and "US oil
            # prices closed up $1.26 at $50.88" are one line; the one holding the other
            # takes its place, else the first stays
            same = shown[sent.doc_id, sent.position]
            overlap = next(((a, b, i) for a, b, i in same if a < end and start < b), None)
            if overlap is not None:
                a, b, i = overlap
                if start <= a and b <= end and (start, end) != (a, b):
                    items[i] = item
                    same[same.index(overlap)] = (start, end, i)
                continue
            same.append((start, end, len(items)))
            items.append(item)
            if len(items) == MAX_FIGURES:
                break
        return items

    def _related(self, place: Place, scoped: list[Mention]) -> list[RelatedPlace]:
        gaz = self.gaz
        scope = self.scope(place.key)
        ancestors = gaz.ancestors(place.key)
        out: list[RelatedPlace] = []

        def rel(key: str, count: int, relation: str) -> RelatedPlace:
            p = gaz.places[key]
            return RelatedPlace(p.name, count, relation, p.kind, p.lat, p.lon, key)

        if ancestors:
            out.append(rel(ancestors[0], self._scope_count(ancestors[0]), "parent"))
        children = Counter({k: len(self.by_place[k]) for k in scope - {place.key}})
        out.extend(rel(k, n, "child") for k, n in self._by_count(children))
        docs = {m.doc_id for m in scoped}
        co: Counter[str] = Counter()
        for doc_id in docs:
            for k, n in self.doc_places[doc_id].items():
                if k not in scope and k not in ancestors:
                    co[k] += n
        out.extend(rel(k, n, "co-mentioned") for k, n in self._by_count(co))
        return out[:MAX_RELATED]

    def _by_count(self, counts: Counter[str]) -> list[tuple[str, int]]:
        """``counts`` most first, equal counts by name then key: the same order in every
        process (``Counter.most_common`` keeps insertion order on ties, and these counts
        are filled from sets, whose order changes with the interpreter's string hashing)."""
        places = self.gaz.places
        return sorted(counts.items(), key=lambda kv: (-kv[1], places[kv[0]].name, kv[0]))

    def _extent(self, place: Place) -> tuple[float, float, float, float] | None:
        if place.kind == "country":
            return self.gaz.extents.get(place.country)
        return self.gaz.extents.get(place.key)  # regions and districts: their towns' box

    # -- maps -------------------------------------------------------------------------------

    def cached_map(self, briefing: Briefing) -> bytes | None:
        with self._map_lock:
            return self._maps.get(briefing.place.key)

    def remember_map(self, briefing: Briefing, png: bytes) -> None:
        with self._map_lock:
            self._maps[briefing.place.key] = png

    def map_png(self, briefing: Briefing) -> bytes:
        """The briefing's map as PNG bytes; cached per place (call off the event loop)."""
        from bot.engine.places.maps import render_map

        key = briefing.place.key
        with self._map_lock:
            cached = self._maps.get(key)
        if cached is not None:
            return cached
        png = render_map(briefing)
        with self._map_lock:
            self._maps[key] = png
        return png
