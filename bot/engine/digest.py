"""The daily digest: what is new since a server's last digest, in a few short sections.

A pure function of the engine, a "since" time and when each document was first seen.
The bot keeps first-seen times in the ``documents_seen`` table (file mtimes change on
every copy or checkout, so they would make old articles look new); the CLI, which
has no database, falls back to file mtimes (:func:`first_seen_from_mtimes`).

Places and disagreements come from capabilities other modules provide; when one is
missing or fails, its section is left out rather than failing the whole digest.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from bot.corpus.model import Corpus
from bot.engine.errors import EngineInputError
from bot.engine.leaning import story_leaning
from bot.engine.quotable import reads_alone
from bot.engine.ranking.text import STOP_WORDS
from bot.engine.referents import who_of
from bot.engine.sources import SourceIndex
from bot.engine.timewords import background_time, fits_date, published_date, time_anchor

if TYPE_CHECKING:  # pragma: no cover
    from bot.engine import Engine

log = logging.getLogger(__name__)

SUMMARY_SENTENCES = 3
MAX_PLACES = 5
MAX_DISAGREEMENTS = 3
MAX_NEW_LISTED = 15
#: documents fed to the multi-document summary (newest first): bounds the ranker's cost
MAX_SUMMARY_DOCUMENTS = 40
DEFAULT_WINDOW = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class DigestItem:
    text: str
    doc_id: str = ""
    source: str = ""
    #: "article of 10 July 2017" when the quoted sentence says "today" of another day
    anchor: str = ""
    #: who its "Mr Wood" or "the chancellor" is (``referents.who_note``)
    who: str = ""

    def to_dict(self) -> dict[str, object]:
        return {"text": self.text, "doc_id": self.doc_id, "source": self.source,
                "anchor": self.anchor, "who": self.who}


@dataclass(slots=True)
class DigestSection:
    heading: str
    items: list[DigestItem] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {"heading": self.heading, "items": [i.to_dict() for i in self.items]}


@dataclass(frozen=True, slots=True)
class NewDocument:
    doc_id: str
    title: str
    source: str

    def to_dict(self) -> dict[str, object]:
        return {"doc_id": self.doc_id, "title": self.title, "source": self.source}


@dataclass(slots=True)
class Digest:
    title: str
    generated_at: datetime
    since: datetime
    new_documents: list[NewDocument]
    sections: list[DigestSection]
    corpus_documents: int = 0
    corpus_sources: int = 0
    #: new documents beyond the listed ones (a big batch is summarised, not flooded)
    more_new: int = 0

    @property
    def nothing_new(self) -> bool:
        return not self.new_documents

    def to_dict(self) -> dict[str, object]:
        return {
            "title": self.title,
            "generated_at": self.generated_at.isoformat(),
            "new_documents": [d.to_dict() for d in self.new_documents],
            "sections": [s.to_dict() for s in self.sections],
        }


def first_seen_from_mtimes(corpus: Corpus) -> dict[str, datetime]:
    """First-seen times from file modification times (the CLI's fallback, see module doc)."""
    out: dict[str, datetime] = {}
    for doc in corpus.documents.values():
        if doc.path is None:
            continue
        try:
            out[doc.doc_id] = datetime.fromtimestamp(doc.path.stat().st_mtime, UTC)
        except OSError:
            continue
    return out


def new_since(corpus: Corpus, first_seen: Mapping[str, datetime],
              since: datetime) -> list[str]:
    """Documents first seen after ``since``, newest first (unknown first-seen: not new)."""
    fresh = [(t, d) for d, t in first_seen.items() if d in corpus.documents and t > since]
    fresh.sort(key=lambda pair: (pair[0], pair[1]), reverse=True)
    return [d for _, d in fresh]


def build_digest(
    engine: Engine,
    *,
    now: datetime | None = None,
    since: datetime | None = None,
    first_seen: Mapping[str, datetime] | None = None,
    timezone: str = "UTC",
) -> Digest:
    """The digest for a reader whose last digest was at ``since`` (default: a day ago)."""
    now = (now or datetime.now(UTC)).astimezone(UTC)
    since = (since or now - DEFAULT_WINDOW).astimezone(UTC)
    corpus = engine.corpus
    if first_seen is None:
        first_seen = first_seen_from_mtimes(corpus)
    sources = SourceIndex(corpus)
    fresh = new_since(corpus, first_seen, since)
    local = now.astimezone(ZoneInfo(timezone))
    title = (f"Daily digest · {local:%A} {local.day} {local:%B %Y} · "
             f"{len(corpus)} documents from {len(sources.sources)} sources")
    listed = [NewDocument(d, corpus.documents[d].display_name, sources.label(d))
              for d in fresh[:MAX_NEW_LISTED]]
    digest = Digest(title, now, since, listed, [], len(corpus), len(sources.sources),
                    more_new=max(0, len(fresh) - MAX_NEW_LISTED))
    if not fresh:
        when = since.astimezone(ZoneInfo(timezone))
        digest.sections.append(DigestSection("Nothing new", [DigestItem(
            f"No new documents since {when:%d %B %Y %H:%M} ({timezone}).")]))
        top = _top_story(engine, sources, local.date())
        if top is not None:
            digest.sections.append(DigestSection("Top story", [top]))
        return digest
    on = local.date()
    developments, said = _developments(engine, fresh, sources, on)
    digest.sections.append(DigestSection("Main developments", developments))
    shown = {item.text for item in developments}
    places = _places(engine, set(fresh), sources, on, shown, said)
    if places:
        digest.sections.append(DigestSection("Places", places))
    disagreements = _disagreements(engine, fresh, sources)
    if disagreements:
        digest.sections.append(DigestSection("Notable disagreements", disagreements))
    digest.sections.append(DigestSection("Sources", [
        DigestItem(_source_line(corpus, sources, d), d, sources.label(d))
        for d in fresh[:MAX_NEW_LISTED]
    ]))
    return digest


def _source_line(corpus: Corpus, sources: SourceIndex, doc_id: str) -> str:
    """"Outlet: title"; a document of unknown outlet is labelled by its title already."""
    doc = corpus.documents[doc_id]
    src = sources.of(doc_id)
    title = doc.display_name
    return f"{src.label}: {title}" if src.known else title


def _item(corpus: Corpus, sentence: Any, sources: SourceIndex, on: date,
          prefix: str = "") -> DigestItem:
    label = sources.label(sentence.doc_id) if sentence.doc_id else ""
    published = _published(corpus, sentence.doc_id)
    anchor = "" if published == on else time_anchor(sentence.text, published)
    doc = corpus.documents.get(sentence.doc_id)
    who = who_of(doc, sentence.text, corpus) if doc is not None else ""
    return DigestItem(prefix + sentence.text, sentence.doc_id, label, anchor, who)


def _top_story(engine: Engine, sources: SourceIndex, on: date) -> DigestItem | None:
    """The corpus's most central quotable sentence: the standing story when nothing is new."""
    try:
        result = engine.summarizer.summarize(sentences=SUMMARY_SENTENCES)
    except Exception:  # the digest must still go out with its one line
        log.exception("top story unavailable")
        return None
    corpus = engine.corpus
    return next((_item(corpus, s, sources, on) for s in result.sentences
                 if _development(corpus, s, on)), None)


def _published(corpus: Corpus, doc_id: str) -> date | None:
    doc = corpus.documents.get(doc_id)
    return published_date(doc.published) if doc is not None else None


_QUESTION_END = re.compile(r"\?[\"”'’)\]]*\s*$")
_ASKED = re.compile(r"\b(?:ask|asks|asked|asking|wonder|wonders|wondered|wondering|said|says|"
                    r"questioned|queried|inquired|demanded)\b", re.IGNORECASE)


def _quotable(corpus: Corpus, sentence: Any, on: date) -> bool:
    """Stands alone, names whoever it quotes, and says "today" only if its article's date
    is known (it is then shown beside the sentence, unless it is the digest's own day)."""
    doc = corpus.documents.get(sentence.doc_id)
    if doc is None:
        return False
    published = published_date(doc.published)
    if _QUESTION_END.search(sentence.text) and not _ASKED.search(sentence.text):
        return False  # a question reports nothing: "Why are the Republicans so obsessed,
        # when ...?" (a column, DUC d30046t's main developments), "Maybe in Martha's
        # Vineyard?" (a place line); one a sentence reports does ("Gates asked America
        # Online executives in 1996: ``How much do we need to pay you'' to damage
        # Netscape?", d31033t)
    # read as the article's own sentence: a summary's item carries no section or paragraph
    return reads_alone(doc.sentences, sentence.position) and (
        fits_date(sentence.text, published, on) or published is not None)


def _background(corpus: Corpus, sentence: Any, on: date) -> bool:
    """Opens by setting its event in a past year ("In June of 2014, the city of Mosul was
    taken ...", "Last year, ..."): background its article recalls, not a development
    (:func:`~bot.engine.timewords.background_time`). Measured from the article's date,
    or from the digest's day when the article has none."""
    return bool(background_time(sentence.text,
                                _published(corpus, sentence.doc_id) or on))


# a short line with no name and no figure after its first word says too little to be a
# development: "The sky would be the limit." (a hypothetical whose condition is in the
# sentence before: DUC d30006t's main developments), "The judge did not respond."
# (the first word counts when it is no function word: "Anwar said police beat him in
# custody.")
_SHORT_WORDS = 8
_NAME_OR_FIGURE = re.compile(r"\d|\s[\"“‘'(`]*[A-Z]")
_FIRST_WORD = re.compile(r"[\"“‘'(`]*([A-Za-z]+)")


def _says_who_or_what(text: str) -> bool:
    first = _FIRST_WORD.match(text)
    return len(text.split()) > _SHORT_WORDS or bool(_NAME_OR_FIGURE.search(text)) or (
        first is not None and first.group(1).casefold() not in STOP_WORDS)


def _development(corpus: Corpus, sentence: Any, on: date) -> bool:
    """Quotable (:func:`_quotable`), no background (:func:`_background`) and not short and
    vague (:func:`_says_who_or_what`): a line for the main developments or the top story
    (a place line may recall background)."""
    return _quotable(corpus, sentence, on) and not _background(corpus, sentence, on) \
        and _says_who_or_what(sentence.text)


def _developments(engine: Engine, fresh: list[str], sources: SourceIndex,
                  on: date) -> tuple[list[DigestItem], list[Any]]:
    """A short multi-document summary of the new documents only, in quotable sentences,
    and the sentences it shows (none when it lists headlines)."""
    from bot.engine import Engine as EngineCls

    corpus = engine.corpus
    picked = fresh[:MAX_SUMMARY_DOCUMENTS]
    if len(picked) == len(corpus):
        sub = engine  # everything is new: reuse the already built summarizer
    else:
        sub = EngineCls(Corpus(corpus.root, {d: corpus.documents[d] for d in picked}))
    # the summary's own three, then (when some of them are not quotable) its picks of
    # nine: picks come back in reading order, so the first quotable three of the nine
    # were those of the alphabetically first articles, often three lines of one
    items: list[DigestItem] = []
    chosen: list[Any] = []
    for count in (SUMMARY_SENTENCES, SUMMARY_SENTENCES * 3):  # the nine only if needed
        try:
            picks = sub.summarizer.summarize(sentences=count).sentences
        except Exception:
            log.exception("digest summary failed; listing headlines instead")
            return _headlines(corpus, sources, picked), []
        for s in picks:
            if len(items) < SUMMARY_SENTENCES and _development(corpus, s, on) \
                    and not _repeats(sub, s, chosen):  # no sentence twice, in any words
                chosen.append(s)
                items.append(_item(corpus, s, sources, on))
        if len(items) >= SUMMARY_SENTENCES:
            break
    # nothing quotable: the new documents' headlines rather than a fragment
    return (items, chosen) if items else (_headlines(corpus, sources, picked), [])


def _leaning(corpus: Corpus) -> Callable[[Any], bool]:
    """Whether a sentence from its article's second on leans on the article's story
    (:func:`bot.engine.leaning.story_leaning`: a ``story_wanted`` rule or the learned
    reading), as a place line may be swapped for another about the same place; the main
    developments keep the summary's picks (session 80: over the 26 DUC dev and seed
    digests, swapping them too for the next of the nine picks that does not lean traded
    the news itself away, "Placido dos Santos ... was tortured and killed ... during the
    attack, the statement ...", for background, "Indonesia invaded East Timor in 1975")."""
    leaning = story_leaning(corpus)
    return lambda sentence: sentence.position > 0 and leaning(sentence)


def _repeats(engine: Engine, sentence: Any, shown: Sequence[Any]) -> bool:
    """``sentence`` is one of ``shown`` or says what one says (two wires' copies of a
    line: :meth:`~bot.engine.summary.Summarizer.repeats`)."""
    if any(sentence.text == s.text for s in shown):
        return True
    try:
        return engine.summarizer.repeats(sentence, shown)
    except (ValueError, AttributeError):  # no index to read (no sentences)
        return False


def _headlines(corpus: Corpus, sources: SourceIndex, picked: list[str]) -> list[DigestItem]:
    """The first new documents' titles: main developments when no summary line can be shown."""
    return [DigestItem(corpus.documents[d].display_name, d, sources.label(d))
            for d in picked[:SUMMARY_SENTENCES]]


def _places(engine: Engine, fresh: set[str], sources: SourceIndex,
            on: date, shown: set[str] | None = None,
            said: Sequence[Any] = ()) -> list[DigestItem]:
    """Top places of the new documents (most mentions there), one line each: the first
    new sentence naming the place (the first that does not lean on its story, when one
    does not: :func:`_leaning`) that the digest does not show already (``shown``: the
    main developments' texts, then each place line's), so "Syria and Iraq ..." is not
    printed under Iraq, again under Syria and once more above; nor one that says what a
    shown sentence says in other words (``said``: the main developments' sentences, then
    each place line's; another wire's "A fire turned a dance hall ... into a deathtrap,
    killing 60 people" under Sweden, DUC d31022t). A place whose every quotable line is
    shown already is left out. Reads PlaceIndex's mentions (``by_place``, ``gaz``)."""
    shown = set(shown or ())
    said = list(said)
    try:
        index = engine.places
        counts = {key: [m for m in ms if m.doc_id in fresh]
                  for key, ms in index.by_place.items()}
        ranked = sorted((k for k, ms in counts.items() if ms),
                        key=lambda k: (-len(counts[k]), -index.relevance(k), k))
        items = []
        corpus = engine.corpus
        leans = _leaning(corpus)
        for key in ranked:
            quotable = [m for m in counts[key]
                        if (s := corpus.documents[m.doc_id].sentences[m.position]).text
                        not in shown and _quotable(corpus, s, on)]
            sentence = fallback = None
            for m in sorted(quotable, key=lambda m: (m.doc_id, m.position)):
                line = corpus.documents[m.doc_id].sentences[m.position]
                if _repeats(engine, line, said):
                    continue
                if not leans(line):  # the first that does not lean on its story
                    sentence = line
                    break
                fallback = fallback or line
            sentence = sentence or fallback
            if sentence is None:  # no new line about it reads on its own, or each says
                continue  # again what the digest shows: leave the place out
            shown.add(sentence.text)
            said.append(sentence)
            name = index.gaz.places[key].name
            items.append(_item(corpus, sentence, sources, on, f"{name}: "))
            if len(items) >= MAX_PLACES:
                break
        return items
    except (ImportError, AttributeError, KeyError, IndexError, TypeError) as exc:
        log.debug("places unavailable for the digest: %s", exc)
        return []
    except Exception:
        log.exception("places failed for the digest")
        return []


def _disagreements(engine: Engine, fresh: list[str], sources: SourceIndex) -> list[DigestItem]:
    """Contradictions between sources that involve a new document (needs engine.comparer).

    A corpus the comparer takes whole (``MAX_CORPUS_DOCUMENTS``) is compared whole; in a
    bigger one (the BBC set's 1,328 articles, a feed's months), where comparing the whole
    corpus is refused, the newest new documents are compared with the older ones that
    share the most of their places (:func:`_compared_with`)."""
    # imported here, as the engine imports the comparer: at module top it put scikit-learn
    # and SciPy (1.8 s) into importing the digest, which the digest cog does at start
    from bot.engine.compare.comparer import MAX_CORPUS_DOCUMENTS

    new = set(fresh)
    try:
        if len(engine.corpus) <= MAX_CORPUS_DOCUMENTS:
            comparison = engine.comparer.compare()
        else:
            documents = _compared_with(engine, fresh, MAX_CORPUS_DOCUMENTS)
            if len(documents) < 2:  # nothing new or old to compare one new document with
                return []
            comparison = engine.comparer.compare(documents=documents)
        conflicts = list(comparison.conflicts)
    except (ImportError, AttributeError, NotImplementedError, TypeError,
            EngineInputError) as exc:
        log.debug("comparer unavailable for the digest: %s", exc)
        return []
    except Exception:
        log.exception("comparison failed for the digest")
        return []
    items = []
    for conflict in conflicts:
        if conflict.kind != "contradiction":
            continue
        if not any(c.doc_id in new for c in conflict.claims):
            continue
        first = conflict.claims[0]
        items.append(DigestItem(f"{conflict.subject}: {_who_says(conflict.claims)}",
                                first.doc_id, first.source))
        if len(items) >= MAX_DISAGREEMENTS:
            break
    return items


def _who_says(claims: Sequence[Any], *, values: int = 3, names: int = 3) -> str:
    """Each figure once with every source that gives it: "A and C say Iraq's second largest
    city; B says Iraq's third most populous city". Listing the first three claims, as this
    did, named a figure once per source, and a contradiction whose first three sources
    agreed showed no disagreement at all ("A says 22; B says 22; C says 22")."""
    by_value: dict[str, list[str]] = {}
    for claim in claims:
        said_by = by_value.setdefault(claim.value, [])
        if claim.source not in said_by:
            said_by.append(claim.source)
    parts = []
    for value, sources in list(by_value.items())[:values]:
        shown = sources[:names]
        if len(sources) > names:
            who = f"{', '.join(shown)} and {len(sources) - names} more"
        elif len(shown) > 1:
            who = f"{', '.join(shown[:-1])} and {shown[-1]}"
        else:
            who = shown[0]
        parts.append(f"{who} {'says' if len(sources) == 1 else 'say'} {value}")
    if len(by_value) > values:
        rest = len(by_value) - values
        parts.append(f"{rest} more figure{'s' if rest > 1 else ''}")
    return "; ".join(parts)


def _compared_with(engine: Engine, fresh: list[str], limit: int) -> list[str]:
    """The documents a big corpus's digest compares: the newest ``limit`` new ones, then, in
    the room left, the older documents that share the most places with them, a place
    weighted by how few documents name it (log N/df: "Kindu" counts, "US" barely), ties by
    document id. A contradiction between today's article and last week's on the same place
    is what a reader most needs told; an older document that shares no place with the new
    ones is not compared. Without a place index, the new documents alone."""
    chosen = fresh[:limit]
    if len(chosen) >= limit:
        return chosen
    try:
        by_place = engine.places.by_place
    except (ImportError, AttributeError, TypeError) as exc:
        log.debug("places unavailable to pick older documents: %s", exc)
        return chosen
    new = set(chosen)
    total = len(engine.corpus)
    weight: dict[str, float] = {}
    for mentions in by_place.values():
        docs = {m.doc_id for m in mentions}
        if docs & new:
            share = math.log(total / len(docs))
            for doc_id in docs - new:
                weight[doc_id] = weight.get(doc_id, 0.0) + share
    also_new = set(fresh)  # a new document past the newest ``limit`` is not "older"
    older = sorted((d for d, w in weight.items() if w > 0 and d not in also_new),
                   key=lambda d: (-weight[d], d))
    return chosen + older[:limit - len(chosen)]
