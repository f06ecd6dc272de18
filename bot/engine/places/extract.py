"""Place mentions in cleaned sentences: longest gazetteer match, evidence, then resolution.

Evidence for a candidate comes from three places, none obeyed alone: the gazetteer (what
the name can mean, and how big each meaning is), the entity recogniser's vote (spaCy, see
ner.py: a name inside an organisation's or a person's name is dropped, a city it calls a
person needs support from the document), and the document (the places it names with
confidence, and the regions and countries they sit in). Rules answer failures seen in news
text: organisation names ("<Place> Times", curated phrases), titles ("Archbishop of
Canterbury"), currencies (US$), pathogens ("Marburg virus"), personal names ("Mr Kennedy"),
common words capitalised at the start of a sentence ("Most", "Reading"), and ambiguous
sub-places ("the Old City") accepted only next to their parent.
"""

from __future__ import annotations

import json
import logging
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import pairwise

from bot.corpus.model import Document
from bot.engine.figures import CURRENCIES
from bot.engine.personnames import first_name
from bot.engine.places.gazetteer import BIG_CITY, MONTHS_DAYS, NOT_PLACE, Gazetteer, Place
from bot.engine.places.maps import distance_km
from bot.engine.places.ner import Span
from bot.engine.places.normalise import Token, matches_case, name_key, tokenize

log = logging.getLogger(__name__)

# Capitalised neighbours that do not make a city part of a longer name ("North London").
NEIGHBOUR_OK = frozenset({
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
    "greater", "downtown", "inner", "outer", "in", "from", "to", "at", "and", "of", "the",
}) | MONTHS_DAYS  # "retook Mosul Saturday"
# "<Prefix> of <Place>" names an institution or a title, not the place ("Bank of England",
# "Archbishop of Canterbury", "Prince of Wales").
ORG_PREFIXES = frozenset({
    "university", "bank", "college", "archbishop", "bishop", "duke", "duchess", "earl",
    "prince", "princess", "baron", "baroness", "marquess", "countess", "viscount",
})
# "<Peerage> <Name> of <Place>" is a peer's title ("Lord Nicholls of Birkenhead", "Baroness
# Kennedy of The Shaws"): the place names the title, not where anything happens.
PEERAGES = frozenset({"lord", "lady", "baron", "baroness", "viscount", "earl"})
# A place name after one of these is a person's name ("Mr Kennedy", "President Lincoln").
HONORIFICS = frozenset({
    "mr", "mrs", "ms", "miss", "dr", "sir", "lord", "lady", "dame", "prof", "professor",
    "president", "minister", "senator", "governor", "judge", "justice", "king", "queen",
    "prince", "princess", "saint", "st", "general", "gen", "col", "capt", "captain", "rev",
    "chancellor", "secretary", "sheikh", "imam", "ayatollah", "pope", "bishop",
})
# A one-word city written in lower case at least this often (relative to its capitalised
# mid-sentence uses) is an ordinary word in this corpus (bank, reading, mobile).
LOWER_CASE_RATIO = 0.1
CONTEXT_BONUS = 1.5  # < the prior gap between a capital and a small namesake
DIVISION_BONUS = 3.0  # "Washington state" outweighs the capital's prior
# A place name directly followed by one of these lower-case words names a pathogen or a
# disease ("Marburg virus", "Lassa fever", "Reston ebolavirus"), not the place.
PATHOGEN_HEADS = frozenset({
    "virus", "viruses", "ebolavirus", "fever", "flu", "influenza", "disease", "strain",
    "encephalitis", "syndrome", "variant", "haemorrhagic", "hemorrhagic", "respiratory",
})
# Written capitalised, these still end a pathogen's name ("Hong Kong Flu", "Lassa Fever").
NAMED_PATHOGEN_HEADS = frozenset({"virus", "flu", "fever", "influenza", "ebolavirus"})
# A name right after one of these is where something happens: evidence of a place that
# outweighs the recogniser's PERSON vote ("fighting in Tall Afar").
LOCATIVES = frozenset({"in", "near", "outside", "around", "into", "towards", "toward",
                       "across", "throughout", "inside"})
# "a 20% stake in Sina", "an interest in Sina": a holding is in a firm, not a place
HOLDINGS = frozenset({"stake", "stakes", "share", "shares", "holding", "holdings", "interest",
                      "shareholding", "shareholdings"})
# "Renong, a major conglomerate with close ties to ...": an appositive that calls the name
# a company, a newspaper or a club says it is no place of that name (not after "in":
# "In India, the largest mobile firm, Bharti, ..." opens a clause)
FIRM_NOUNS = ("company", "conglomerate", "firm", "corporation", "bank", "airline", "carrier",
              "retailer", "manufacturer", "maker", "newspaper", "magazine", "broadcaster",
              "club", "band", "insurer", "chain", "brand")
APPOSITIVE_NOT_PLACE = re.compile(
    r",\s+(?:a|an|the)\s+(?:[\w’'-]+\s+){0,3}?(?:" + "|".join(FIRM_NOUNS)
    + r")(?:,|\s+(?:with|which|that|whose|based)\b)")
# "leading football club Parma", "security firm RSA": the same nouns right before the name
FIRM_BEFORE = re.compile(r"\b(?:" + "|".join(FIRM_NOUNS) + r")\s+$")
# A generic geographic word is no toponym on its own: "Island" (Iceland's Icelandic name),
# "Bay", "Republic", "Central" are towns somewhere, but in "Plum Island", "Mahim Bay",
# "Republic of Congo" they are part of a name the gazetteer does not hold.
FEATURE_WORDS = frozenset({
    "island", "islands", "bay", "republic", "central", "river", "lake", "sea", "valley",
    "creek", "mountain", "mountains", "delta", "gulf", "strait", "peninsula", "park", "city",
    "county", "state", "province", "district", "region", "harbour", "harbor", "port", "beach",
    "point", "cape", "coast", "north", "south", "east", "west", "capital", "union", "kingdom",
})
# after a saint's name ("St George", "St David"), a possessive and a building word: the
# building, named for the saint ("St George's Chapel", "the St David's Shopping Centre")
_SAINTS_BUILDING = re.compile(
    r"['’]s\s+(?:[A-Z][a-z]+\s+)?(?:Chapel|Cathedral|Church|Hospital|Centre|Center|College|"
    r"School|Park|Square|Hall|Abbey|Day)\b")
# "Washington state", "the state of Washington": the division, not its namesake city.
STATE_WORDS = frozenset({"state", "province", "county", "governorate", "oblast", "prefecture"})
# ... and so is a name an apposition calls a state ("members from Georgia, a major
# peanut-producing state": DUC d31031t, read as the country where the story gave no
# other US cue)
_STATE_APPOSITIVE = re.compile(
    r",\s+(?:a|an|the)\s+(?:[\w'’-]+\s+){0,3}(?:state|province|county|governorate)\b")
# "the provinces of Nyanza, Rift Valley and Western": the first listed name is a division.
STATES_WORDS = frozenset({"states", "provinces", "counties", "governorates", "oblasts",
                          "prefectures"})
DIVISION_KINDS = STATE_WORDS | {"region", "district", "territory", "division", "area"}
COMPASS_WORDS = frozenset({"north", "south", "east", "west", "northern", "southern",
                           "eastern", "western"})
# a division named by a direction alone ("Southwest", "North East", "Central"): dozens of
# countries have one, so it is that country's only where the document names the country
DIRECTION_WORDS = COMPASS_WORDS | {"northeast", "northwest", "southeast", "southwest",
                                   "central", "centre", "center", "coast", "midwest"}
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
NAME_LABELS = frozenset({"PERSON", "ORG", "NORP", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW"})
CONFIDENT_MARGIN = 1.0  # prior lead that makes a name's top place count as context
# "Midland, Michigan", "Surrey, UK": a name right after another, joined by a comma, that
# holds one of its meanings fixes both (the town in that state, the state holding it).
QUALIFIER_GAPS = frozenset({",", ", in"})  # "Austin, in Scott County, Indiana"
# Names joined into a list ("Utah, Washington and Wyoming") are of one kind: a name whose
# listed neighbours are states is a state, among countries a country.
LIST_GAPS = frozenset({",", "and", "or", ", and", ", or", "&"})
# "the Southern Highlands of New South Wales": the name is a part of the place after "of"
OF_GAPS = frozenset({"of", "of the"})
LISTED_GAPS = LIST_GAPS | {f"{gap} the" for gap in LIST_GAPS}  # "Yorkshire, the West Midlands"
# A place followed by one of its government's bodies ("the California Department of Health
# Services", "New York Governor Andrew Cuomo", "Queensland Police", "Santa Ana City
# Council", "the US Army"): the place is the body's jurisdiction, a mention of it, though
# the recogniser takes the whole for an organisation's or a person's name.
JURISDICTION = re.compile(
    r" (?:(?:City|State|Regional|Provincial|County|Federal) )?(?:Department|Ministry|"
    r"Government|Governor|Police|Council|Army|Navy|Assembly|Parliament|Legislature|Senate|"
    r"Health)\b| (?:City|Town) Hall\b")  # (not "Westminster Hall", a building)
# "New York Governor Andrew Cuomo": a division's office after its name (not a city's)
STATE_HEADS = frozenset({"governor", "legislature"})
# "to sell the Dome.": a one-word name written after a lower-case "the" and ending its
# sentence or clause is a thing's name (a building, a hotel, a firm), not a town's, which
# English writes without the article (a renowned city may keep one: "the Hague")
THE_THING_BEFORE = re.compile(r"(?:^|\s)the\s+$")
# an article before a name makes it no person's: "a Washington lawyer" in a story that
# also writes "Norris Washington"
ARTICLE_BEFORE = re.compile(r"\b(?:a|an|the)\s+$", re.IGNORECASE)
THE_THING_AFTER = re.compile(r"\s*(?:[.;:!?)]|$)")
# "the 18 certificate GTA: San Andreas", "such as Grand Theft Auto: San Andreas": a name
# right after a capitalised word and a colon, inside a sentence, is a title's subtitle (a
# game's, a film's, a book's), and the story's bare mentions of it are that title's too;
# a heading opens its sentence ("Profile: Gordon Brown") and a quotation follows a verb
TITLE_BEFORE = re.compile(r"\S\s+[A-Z][\w'’]*:\s+$")
# "a connecting passageway named Unity", "the module known as Zarya", "Zarya (Russian for
# Sunrise)", "the module known as Zarya, or Sunrise" (DUC d30031t): a name the story
# gives a thing (or its second name), or a word's translation, is no place at any of its
# mentions, unless the thing named is a settlement or an area ("a village called Hill
# Top") or a mention follows "in" or "near"
NAMED_BEFORE = re.compile(r"\b([a-z][\w-]*),?\s+(?:named|called|dubbed|christened|known\s+as)"
                          r"\s+(?:[A-Z][\w'’-]*,?\s+or\s+)?$|\b[A-Z][a-z]+\s+for\s+$")
SETTLEMENT_WORDS = frozenset("""town towns village villages city cities hamlet settlement
place places area areas region district province state county island islands river lake
mountain mountains valley suburb neighbourhood neighborhood camp port community
municipality country capital resort township street square bay coast peninsula
desert""".split())  # noqa: SIM905
# ... but a verb or an adverb before says nothing of what is named ("Bombay, now called
# Mumbai", "the city was once called Salisbury")
NOT_A_THING = frozenset("""is was were are be been being now once formerly also still later
then previously originally officially sometimes often locally commonly widely usually
simply""".split())  # noqa: SIM905
# "Thailand's Phuket", "London's Docklands": the name after a place's possessive is a part
# of that place (see PlaceExtractor._possessed)
POSSESSIVE_GAPS = frozenset({"'s ", "\u2019s ", "' ", "\u2019 "})
# A town matched through one of its GeoNames alternate names ("Nadi" for Na Di, "Solon"
# for Solan) is less likely meant than a town of that very name: a tenfold population. A
# part of its name ("Westminster" for the City of Westminster) is no alternate name.
ALTERNATE_PENALTY = 1.0
LIST_BONUS = 2.5  # > the prior gap between a capital and its state (Washington)
# A city this big whose name's other readings are all ten times smaller keeps its name
# in a list or a story about another country ("London, Frankfurt and Paris"): chosen on
# the BBC articles (13 mentions moved, all right) and GeoVirus's even half (none moved).
WORLD_CITY = 500_000
#: a town under this many people needs its country named, or its name written as a place,
#: in a story that names other countries
TOWN = 100_000
# A name that means one place in the rest of the corpus ("Manchester" in 18 BBC stories)
# means it in a story that gives no stronger reason: as much as a context country.
CORPUS_BONUS = CONTEXT_BONUS
CORPUS_SENSE_DOCS = 2  # other documents that must agree on the name's place
CORPUS_SENSE_SHARE = 2 / 3  # of the other documents resolving the name
#: share of the documents naming a place that must name a country for it to be the
#: corpus's home country (the BBC set's United Kingdom, the Lee corpus's Australia)
HOME_SHARE = 1 / 3
KIND_WORDS = {"city": "city", "town": "city"}
CITY_PART_KM = 30.0  # a borough's point to its city's: Queens, Brooklyn, Salford
BOROUGH_SHARE = 0.1  # "the city of Sao Paulo", "Mosul city"


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of a place in a sentence (``start``/``end`` index the sentence text)."""

    place: str  # Place.key
    doc_id: str
    position: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class _Context:
    """What the document's confidently named places say: countries (ISO -> mentions), the
    places and their ancestors, the divisions holding them, the countries of its regions."""

    context: Counter[str]
    present: set[str]
    contains: set[str]
    region_countries: set[str]


class _Evidence:
    """The document's confident mentions, by name, so that a name's own mentions can be
    left out of the evidence for its meaning. Filled first (``add``), then asked
    (``without``, one answer per name, kept: every mention of a name asks again)."""

    def __init__(self, gaz: Gazetteer, demonyms: Counter[str]) -> None:
        self.gaz = gaz
        self.context: Counter[str] = Counter()
        for key, count in demonyms.items():  # ("Iraqi forces": Iraq)
            iso = gaz.places[key].country
            if iso:
                self.context[iso] += count
        self.present: Counter[str] = Counter()
        self.by_name: dict[str, tuple[Counter[str], Counter[str]]] = {}
        # name -> its answer; None -> the answer for every name with no evidence of its own
        self._without: dict[str | None, _Context] = {}

    def add(self, name: str, top: Place) -> None:
        keys = [top.key, *self.gaz.ancestors(top.key)]
        present, context = self.by_name.setdefault(name, (Counter(), Counter()))
        self.present.update(keys)
        present.update(keys)
        if top.country:
            self.context[top.country] += 1
            context[top.country] += 1

    def without(self, name: str) -> _Context:
        own = self.by_name.get(name)
        slot = name if own is not None else None
        out = self._without.get(slot)
        if out is not None:
            return out
        present = +(self.present - own[0]) if own else self.present
        context = +(self.context - own[1]) if own else self.context
        places = self.gaz.places
        out = _Context(context, set(present),
                       {a for key in present for a in self.gaz.ancestors(key)},
                       {places[k].country for k in present if places[k].kind == "region"})
        self._without[slot] = out
        return out


def _name(cand: _Candidate) -> str:
    return name_of(cand.text)


def home_country(scanned: Iterable[tuple[list[_Candidate], Counter[str]]],
                 gaz: Gazetteer) -> str | None:
    """The country the corpus is written from: named (by a name whose likeliest meaning is
    that country, or a demonym) in more of its documents than any other, and in at least
    HOME_SHARE of the documents that name a place at all; None when no country leads so."""
    docs: Counter[str] = Counter()
    naming = 0
    for candidates, demonyms in scanned:
        if not candidates and not demonyms:
            continue
        naming += 1
        tops = (max(c.places, key=lambda p: p.prior) for c in candidates if c.places)
        countries = {p.country for p in tops if p.kind == "country" and p.country}
        countries.update(gaz.places[key].country for key in demonyms
                         if gaz.places[key].country)
        docs.update(countries)
    ranked = docs.most_common(2)
    if not ranked or ranked[0][1] < HOME_SHARE * naming \
            or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


def name_of(text: str) -> str:
    """The key a name's mentions share ("Manchester", "MANCHESTER")."""
    return " ".join(t.key for t in tokenize(text))


class CorpusSenses:
    """What each name means in the corpus: the place its documents resolve it to.

    A document's own mentions are left out of the count for that document (a name is no
    evidence for its own meaning), so a name read two ways in two stories decides nothing.
    """

    def __init__(self, by_doc: Mapping[str, list[Mention]], gaz: Gazetteer) -> None:
        self.gaz = gaz
        self.own: dict[str, dict[str, set[str]]] = {}
        self.docs: dict[str, Counter[str]] = {}
        for doc_id, mentions in by_doc.items():
            names: dict[str, set[str]] = {}
            for m in mentions:
                names.setdefault(name_of(m.text), set()).add(m.place)
            self.own[doc_id] = names
            for name, places in names.items():
                self.docs.setdefault(name, Counter()).update(places)

    def for_document(self, doc_id: str, names: Iterable[str]) -> dict[str, str]:
        """The names of ``names`` whose corpus meaning this document's reading differs
        from (or misses): name key -> place key."""
        own = self.own.get(doc_id, {})
        out = {}
        for name in names:
            counts = self.docs.get(name)
            if not counts:
                continue
            others = counts - Counter(own.get(name, ()))
            if not others:
                continue
            place, n = others.most_common(1)[0]
            if n >= CORPUS_SENSE_DOCS and n >= CORPUS_SENSE_SHARE * others.total() \
                    and own.get(name) != {place} and self.gaz.places[place].kind == "city":
                out[name] = place
        return out


def _alternate(surface: str, place: Place) -> bool:
    """A GeoNames town named by one of its alternate names, not its own ("Nadi" for Na
    Di, "Mar" for Mary): ``surface`` is the mention's folded key."""
    return (place.kind == "city" and place.source == "geonames"
            and not set(surface.split()) <= set(name_key(place.name).split()))


@dataclass(slots=True)
class _Candidate:
    position: int
    start: int
    end: int
    text: str
    places: list[Place]
    first_token: int
    # set when a one-word GeoNames city or district (common-word risk: "Young people")
    single_city_token: str | None
    sentence: str = ""  # the sentence's text (the key of its entity labels)
    locative: bool = False  # right after "in", "near", "outside"...
    vote: str = ""  # the entity recogniser's: place | other | inside | "" (none)
    division: bool = False  # written "X state" or "state of X": a division is meant
    surname: bool = False  # its document writes it as a person's last name somewhere

    @property
    def written_as_place(self) -> bool:
        """After "in", "near", ..., or labelled a place by the entity recogniser."""
        return self.locative or self.vote == "place"

    @property
    def needs_labels(self) -> bool:
        """Whether entity labels can change this candidate's fate (a country's cannot)."""
        return any(not p.national for p in self.places)


def _vote(cand: _Candidate, spans: Iterable[Span]) -> str:
    """What the entity recogniser says of a candidate span.

    "inside": the span lies inside a longer entity that is not a place (an organisation's
    or a person's name); "place": an entity labelled GPE/LOC covers it, or a FAC the name
    starts ("a Surrey farm", not "Camp David"); "other": the span itself is labelled a
    person, organisation or nationality; "" when it says nothing.
    """
    vote = ""
    for start, end, label in spans:
        if end <= cand.start or start >= cand.end:
            continue
        longer = start <= cand.start and end >= cand.end and end - start > cand.end - cand.start
        if label == "FAC" and cand.sentence[start:cand.start].strip().casefold() \
                not in ("", "the", "a", "an"):
            continue  # "Camp David", "the Michael J. Dillon courthouse": a facility's name
        if label in PLACE_LABELS:
            if start <= cand.start and end >= cand.end:
                return "place"
            continue
        if longer and label in NAME_LABELS:
            if not _only_article(cand, start, end):
                return "inside"
            vote = "other"
        elif label in NAME_LABELS:
            vote = "other"
    return vote


# "Sir Nigel Hawthorne", "Jason Gillespie", "Dr Henderson": a title, or a capitalised word
# the 1990 census lists as a first name, written right before a one-word name
_TITLES = frozenset({"Sir", "Dame", "Lord", "Lady", "Mr", "Mrs", "Ms", "Dr", "Miss"})
# an office written before a person's full name ("Foreign Minister Jaime Gama", "President
# Fernando Henrique Cardoso"): the name after it is still a person's, not a longer name
_OFFICES = frozenset({"President", "Minister", "Secretary", "Senator", "Sen", "Rep",
                      "Governor", "Gov", "Mayor", "Chancellor", "Premier", "General", "Gen",
                      "Judge", "Ambassador", "Chairman", "Commissioner", "Spokesman",
                      "Spokeswoman", "Coach", "Captain", "Leader"})
_LAST_WORD = re.compile(r"[\w’'.-]+$")
_SENTENCE_OPENING = re.compile(r"[\W_]*")  # nothing but quotes and dashes before


def _ends_person(cand: _Candidate, spans: Iterable[Span]) -> bool:
    """The candidate is the last word of a longer span labelled a person ("President
    Fernando Henrique Cardoso", "Claude Henderson's"). A span opening the sentence must
    open with a first name or a title: the recogniser takes a capitalised first word for
    a name ("Entering Westminster" labelled a person)."""
    for start, end, label in spans:
        if label != "PERSON" or start >= cand.start or end < cand.end \
                or cand.sentence[cand.end:end].strip() not in ("", "'s", "’s"):
            continue
        if _SENTENCE_OPENING.fullmatch(cand.sentence[:start]):
            first = cand.sentence[start:cand.start].split()[0].rstrip(".")
            if first not in _TITLES and not first_name(first):
                continue
        return True
    return False


def _given_names_before(text: str, names: Iterable[str]) -> set[str]:
    """The ``names`` the text writes as a person's surname: a name run of a first name (a
    word the 1990 census lists as one, not a function word such as "In" or "Will"), or a
    title, then the name, perhaps with one middle name or initial between ("Fernando
    Henrique Cardoso", "George W. Bush"), with no capitalised word after it and none
    before but an office or a possessive ("Sir Nigel Hawthorne", "Jason Gillespie",
    "Foreign Minister Jaime Gama", "the Knicks' Patrick Ewing"; a generational suffix may
    follow: "Rep. John Conyers Jr. of Michigan", DUC d30046t, then "Conyers said"; not
    "Royal Alexandria Hospital", "Taco Bell Canada", "Dr York Chow"). The recogniser
    labels none of "Sir Nigel Hawthorne" (and "Fernando Henrique Cardoso" an organisation)
    and no candidate is made there, so its bare "Hawthorne" was Hawthorne, California."""
    from spacy.lang.en.stop_words import STOP_WORDS

    out = set()
    for name in names:
        # a lookahead, so that "Minister Jaime Gama" does not hide "Jaime Gama"
        for m in re.finditer(rf"\b(?=([A-Z][a-z]+)(\.?) (?:([A-Z][a-z]+|[A-Z]\.) )?"
                             rf"{re.escape(name)}\b(?! (?!(?:Jr|Sr|II|III|IV)\b)[A-Z]))",
                             text):
            word, middle = m.group(1), m.group(3)
            if word not in _TITLES and (m.group(2) or word.lower() in STOP_WORDS
                                        or not first_name(word)):
                continue  # no first name, or a sentence ends there ("in August. Argentina")
            if middle is not None and (word in _TITLES or middle.lower() in STOP_WORDS):
                continue  # "Dr York Chow" is no one's middle name; nor "Jason In Canada"
            before = text[:m.start(1)].rstrip(" ")
            prev = _LAST_WORD.search(before)
            if prev is not None and prev.group(0)[0].isupper() \
                    and prev.group(0).rstrip(".") not in _TITLES | _OFFICES \
                    and not before.endswith((".", "'", "’", "'s", "’s")):
                continue  # a longer name ("Taco Bell Canada"; not "the Knicks' Patrick")
            out.add(name)
            break
    return out


def names_given(candidates: Iterable[_Candidate]) -> set[str]:
    """The names a document gives a thing, or translates (:data:`NAMED_BEFORE`): "a
    connecting passageway named Unity", "the module known as Zarya", "(Russian for
    Sunrise)"; not "a village called Hill Top" nor "Bombay, now called Mumbai"."""
    out = set()
    for c in candidates:
        m = NAMED_BEFORE.search(c.sentence[:c.start])
        if m is None or c.locative:
            continue
        word = m.group(1)
        if (word is None and c.sentence[:m.start()].rstrip().endswith(
                ("(", "_", "—", "–", "-", ","))) or (
                word is not None and word not in SETTLEMENT_WORDS and word not in NOT_A_THING
                and not word.endswith("ly")):  # "presently called Kinshasa" (GeoVirus)
            out.add(_name(c))
    return out


def _names_listed(sentence: str, span: Span, bounds: list[tuple[int, int]]) -> bool:
    """A person's or organisation's span that is only place names joined as a list
    ("Nottinghamshire, Derbyshire, Leicestershire" labelled ORG): the recogniser's misreading
    of a list, which says nothing of its names."""
    start, end, label = span
    if label not in NAME_LABELS:
        return False
    inner = sorted((s, e) for s, e in bounds if start <= s and e <= end)
    if len(inner) < 2:
        return False
    pos, gaps = start, []
    for s, e in inner:
        gap = sentence[pos:s].strip()
        if gap not in (("", "the", "The") if pos == start else LISTED_GAPS):
            return False
        gaps.append(gap)
        pos = e
    # two names joined by "and" alone may be one name ("Zarya and Unity", the space
    # station's modules); a comma or a third name makes a list
    return not sentence[pos:end].strip(" .'’s") and (
        len(inner) > 2 or any("," in gap for gap in gaps))


def _between(a: _Candidate, b: _Candidate) -> str | None:
    """The text between neighbouring candidates of one sentence (None: not neighbours)."""
    if a.sentence == b.sentence and a.position == b.position and b.start >= a.end:
        return a.sentence[a.end:b.start]
    return None


def _only_article(cand: _Candidate, start: int, end: int) -> bool:
    """An entity that only adds "the" or a possessive to the candidate is the same name."""
    before = cand.sentence[start:cand.start].strip().casefold()
    after = cand.sentence[cand.end:end].strip().casefold()
    return before in ("", "the") and after in ("", "'s", "’s", "s")


def _adjacent(text: str, left: Token, right: Token) -> bool:
    """Next to each other in one name: a space or a hyphen (Port-au-Prince, Guinea-Bissau)."""
    gap = text[left.end:right.article_start]
    return gap.strip() == "" or gap == "-"


def _gap(text: str, left: Token, right: Token) -> str | None:
    """None: not within one name; "": a space or hyphen; "'s": a possessive between."""
    if _adjacent(text, left, right):
        return ""
    return "'s" if text[left.end:right.article_start].strip() in ("'s", "’s") else None


class PlaceExtractor:
    """Finds place mentions in one document at a time (the document is the context)."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        # How often each folded word is written in lower case / capitalised mid-sentence in
        # the scanned documents: a word mostly written in lower case is an ordinary word.
        self.lower_counts: Counter[str] = Counter()
        self.upper_counts: Counter[str] = Counter()
        self.doc_lower: Counter[str] = Counter()  # the last scanned document's
        self.doc_upper: Counter[str] = Counter()

    def scan(self, doc: Document) -> tuple[list[_Candidate], Counter[str]]:
        """The document's candidate mentions and demonym counts, before the case rule.

        Adds the document's case counts to the extractor's: an index scans every
        document (tokens are dropped after each one, so memory stays flat on a large
        corpus), then :meth:`resolve` each with the corpus-wide counts.
        """
        candidates: list[_Candidate] = []
        demonyms: Counter[str] = Counter()
        lower, upper = self.doc_lower, self.doc_upper = Counter(), Counter()
        names = self.gaz.aliases
        for sent in doc.sentences:
            toks = tokenize(sent.text)
            for i, tok in enumerate(toks):
                if tok.key not in names:  # only place names' case matters
                    continue
                if not tok.is_capitalised:
                    lower[tok.key] += 1
                elif i > 0:
                    upper[tok.key] += 1
            cands, dems = self._scan(sent.text, sent.position, toks)
            candidates.extend(cands)
            demonyms.update(dems)
        single = {c.text for c in candidates if " " not in c.text
                  and any(p.kind in ("city", "district") for p in c.places)}
        if single:
            surnames = _given_names_before(doc.text, single)
            for c in candidates:
                c.surname = c.text in surnames
        self.lower_counts.update(lower)
        self.upper_counts.update(upper)
        return candidates, demonyms

    def dump_scan(self, candidates: list[_Candidate], demonyms: Counter[str]) -> str:
        """The last :meth:`scan`'s result as JSON (for the on-disk scan cache)."""
        return json.dumps({
            "c": [[c.position, c.start, c.end, c.text, [p.key for p in c.places],
                   c.first_token, c.single_city_token, c.locative, c.division, c.surname]
                  for c in candidates],
            "d": demonyms, "l": self.doc_lower, "u": self.doc_upper}, separators=(",", ":"))

    def load_scan(self, doc: Document, data: str) -> tuple[list[_Candidate], Counter[str]]:
        """A cached scan of ``doc``: its candidates and demonyms; adds its case counts."""
        raw = json.loads(data)
        texts = {s.position: s.text for s in doc.sentences}
        places = self.gaz.places
        candidates = [_Candidate(pos, start, end, text, [places[k] for k in keys], first,
                                 single, texts.get(pos, ""), locative, division=division,
                                 surname=surname)
                      for pos, start, end, text, keys, first, single, locative, division,
                      surname in raw["c"]]
        self.lower_counts.update(raw["l"])
        self.upper_counts.update(raw["u"])
        return candidates, Counter(raw["d"])

    def resolve(self, doc_id: str, candidates: list[_Candidate], demonyms: Counter[str],
                labels: dict[str, list[Span]] | None = None,
                senses: Mapping[str, str] | None = None,
                home: str | None = None,
                given_elsewhere: Iterable[str] = (),
                given: Iterable[str] | None = None) -> list[Mention]:
        """Mentions from scanned candidates: entity votes, the case rule, disambiguation.
        ``senses``: a name's meaning in the rest of the corpus (name key -> place key);
        ``home``: the corpus's home country (``home_country``); ``given_elsewhere``: the
        names other documents give a thing, ``given`` this one's (:func:`names_given` of
        ``candidates``, found here when not given)."""
        kept = []
        inside: _Candidate | None = None  # the last candidate dropped inside a name
        bounds: dict[tuple[int, str], list[tuple[int, int]]] = defaultdict(list)
        for c in candidates:
            bounds[c.position, c.sentence].append((c.start, c.end))
        # each sentence's entity spans less the lists it misreads as names (once per sentence)
        spans: dict[tuple[int, str], list[Span]] = {}
        if labels is not None:
            for (position, sentence), inner in bounds.items():
                spans[position, sentence] = [span for span in labels.get(sentence, ())
                                             if not _names_listed(sentence, span, inner)]
        # names the story writes as a person's last name: after a first name or title
        # (found at scan time), or ending a longer span the recogniser labels a person
        surnames = {_name(c) for c in candidates if c.surname}
        for n, c in enumerate(candidates):
            if labels is not None:
                c.vote = _vote(c, spans[c.position, c.sentence])
                if c.vote == "inside" and _ends_person(c, spans[c.position, c.sentence]):
                    surnames.add(_name(c))
                if c.vote == "other" and c.locative:
                    c.vote = ""
                if c.vote == "inside" and JURISDICTION.match(c.sentence, c.end):
                    c.vote = ""  # "the California Department of Health Services"
            # "Islamic State of Iraq and Syria": a place joined by "and" to one inside an
            # organisation's name is part of that name (the recogniser often ends the
            # name before "and" and calls what follows a place)
            if inside is not None and inside.sentence == c.sentence \
                    and c.sentence[inside.end:c.start].strip() == "and":
                c.vote = "inside"
            if c.vote == "inside":  # "Voice of America", "Helena Kennedy"
                inside = c
                continue
            if c.vote != "place" and self._ordinary_word(c) and not (
                    n + 1 < len(candidates) and self._qualified(c, candidates[n + 1])):
                continue
            kept.append(c)
        return self._disambiguate(doc_id, kept, demonyms, senses or {}, surnames, home,
                                  names_given(candidates) if given is None else given,
                                  given_elsewhere)

    def _qualified(self, cand: _Candidate, following: _Candidate) -> bool:
        """"Buffalo, New York", "Mobile, Alabama": the name is followed, after a comma, by
        a division or country that holds one of its towns, so it is that town, however
        often its word is written in lower case."""
        gap = _between(cand, following)
        if gap is None or gap.strip() not in QUALIFIER_GAPS:
            return False
        holders = {p.key for p in self._with_divisions(following)
                   if p.kind in ("country", "region", "district")}
        return any(p.kind == "city" and holders.intersection(self.gaz.ancestors(p.key))
                   for p in cand.places)

    def _also_a_word(self, cand: _Candidate) -> bool:
        """A one-word name that is also a first name or a word the corpus writes in lower
        case ("Paul", "Diana", "Unity", "Troy"). Such a name for a town or region of a
        country the story never names, in a story that names others, is read as the
        person or the thing unless the recogniser calls it a place or it follows "in"."""
        name = _name(cand)
        return first_name(cand.text.strip()) or name in self.gaz.name_words \
            or self.lower_counts.get(name, 0) > 0

    def _unplaced_word(self, cand: _Candidate, evidenced: bool) -> bool:
        """A one-word name that is also a first name or a word (:meth:`_also_a_word`) and
        that the text does not write as a place: not placed by what surrounds it
        (``evidenced``), not after "in" or "near", not labelled a place."""
        return not evidenced and not cand.written_as_place \
            and " " not in _name(cand) and self._also_a_word(cand)

    def _ordinary_word(self, cand: _Candidate) -> bool:
        """A one-word GeoNames city or district (every meaning it has) mostly written in
        lower case in the corpus (bank), or written at a sentence's start ("Young people
        ...": Young is a town and a district of New South Wales) and in lower case at all."""
        key = cand.single_city_token
        if key is None:
            return False
        lower = self.lower_counts.get(key, 0)
        return bool(lower) and (cand.first_token == 0
                                or lower >= LOWER_CASE_RATIO * self.upper_counts.get(key, 0))

    # -- matching -------------------------------------------------------------------------

    def _scan(self, text: str, position: int, tokens: list[Token]
              ) -> tuple[list[_Candidate], list[str]]:
        gaz = self.gaz
        out: list[_Candidate] = []
        demonyms: list[str] = []
        i = 0
        while i < len(tokens):
            match = self._longest(text, tokens, i)
            if match is None:
                tok = tokens[i]
                if tok.is_capitalised and tok.key in gaz.demonyms:
                    demonyms.append(gaz.demonyms[tok.key])
                i += 1
                continue
            n, places = match
            if n == 1 and tokens[i].key in gaz.demonyms:  # "Canadian", "Somali": not places
                demonyms.append(gaz.demonyms[tokens[i].key])
                i += 1
                continue
            if places and self._accept(text, tokens, i, n, places):
                first, last = tokens[i], tokens[i + n - 1]
                prev = tokens[i - 1] if i else None
                single = (places[0].key if n == 1 and all(
                    p.kind in ("city", "district") and p.source == "geonames"
                    for p in places) else None)
                nxt = tokens[i + n] if i + n < len(tokens) else None
                cand = _Candidate(position, first.article_start, last.end,
                                  text[first.article_start:last.end], places, i,
                                  single and first.key, text,
                                  prev is not None and prev.key in LOCATIVES
                                  and not prev.is_capitalised
                                  # (not "a stake in Sina": HOLDINGS)
                                  and not (i >= 2 and tokens[i - 2].key in HOLDINGS))
                cand.division = (nxt is not None and nxt.key in STATE_WORDS
                                 and not nxt.is_capitalised) or (
                    nxt is not None and nxt.key in STATE_HEADS and nxt.is_capitalised) or (
                    prev is not None and prev.key == "of" and i >= 2
                    and (tokens[i - 2].key in STATE_WORDS or tokens[i - 2].key in STATES_WORDS)
                ) or bool(_STATE_APPOSITIVE.match(text, last.end))
                if cand.division:
                    key = " ".join(t.key for t in tokens[i:i + n])
                    extra = [gaz.places[k] for k in gaz.division_names.get(key, ())
                             if k in gaz.places]
                    cand.places = places + [p for p in extra if p not in places]
                out.append(cand)
            i += n
        return out, demonyms

    def _longest(self, text: str, tokens: list[Token], i: int) -> tuple[int, list[Place]] | None:
        gaz = self.gaz
        key = tokens[i].key
        if key not in gaz.prefixes:  # most words: decided without building anything
            return None
        keys: list[str] = [key]
        limit = min(gaz.max_ngram, len(tokens) - i)
        for n in range(2, limit + 1):
            gap = _gap(text, tokens[i + n - 2], tokens[i + n - 1])
            # a possessive joins a name ("People's Republic of China") only when what comes
            # before it is no place by itself ("Mosul's Old City" is Mosul, then Old City)
            if gap is None or (gap and key in gaz.aliases):
                break
            key = f"{key} {tokens[i + n - 1].key}"
            if key not in gaz.prefixes:
                break
            keys.append(key)
        for n in range(len(keys), 0, -1):
            span = tokens[i:i + n]
            entries = gaz.aliases.get(keys[n - 1])
            if not entries:
                continue
            ok = [key for key, pattern in entries if matches_case(pattern, span)]
            if not ok:
                continue
            if NOT_PLACE in ok:
                return n, []
            seen: dict[str, Place] = {}
            for key in ok:
                seen.setdefault(key, gaz.places[key])
            return n, list(seen.values())
        return None

    def _accept(self, text: str, tokens: list[Token], i: int, n: int,
                places: list[Place]) -> bool:
        gaz = self.gaz
        first, last = tokens[i], tokens[i + n - 1]
        nxt = tokens[i + n] if i + n < len(tokens) else None
        prev = tokens[i - 1] if i > 0 else None
        if nxt is not None and nxt.is_capitalised and nxt.key in gaz.org_heads \
                and _adjacent(text, last, nxt):
            return False
        if prev is not None and prev.key == "of" and i >= 2 \
                and tokens[i - 2].key in ORG_PREFIXES and tokens[i - 2].is_capitalised:
            return False
        if prev is not None and prev.key == "of" and i >= 3 and tokens[i - 2].is_capitalised \
                and tokens[i - 3].key in PEERAGES and tokens[i - 3].is_capitalised:
            return False  # "Lord Nicholls of Birkenhead": a peer's title, not the place
        if prev is not None and prev.key in HONORIFICS and prev.is_capitalised:
            return False
        if first.key in ("st", "st.", "saint") and _SAINTS_BUILDING.match(text, last.end):
            return False  # a building named for its saint: "St George's Chapel" (BBC
            # politics/104: St George, Queensland), "St David's Shopping Centre" (Saint
            # Davids, Wales, in a Cardiff story)
        national = any(p.national for p in places)
        called_a_firm = (
            (APPOSITIVE_NOT_PLACE.match(text, last.end)
             and (prev is None or prev.key not in LOCATIVES))
            or FIRM_BEFORE.search(text, max(0, first.article_start - 20), first.article_start))
        if called_a_firm and not national:
            return False
        if text[last.end:last.end + 1] in CURRENCIES and last.end < len(text):
            return False  # US$, A$, HK$: a currency
        if first.article_start and text[first.article_start - 1] in CURRENCIES:
            return False  # $US, $NZ: a currency
        if nxt is not None and nxt.key in PATHOGEN_HEADS and (
                not nxt.is_capitalised or nxt.key in NAMED_PATHOGEN_HEADS):
            return False  # "Marburg virus", "Hong Kong Flu"
        if text[first.article_start - 1:first.article_start] == "/" \
                and text[last.end:last.end + 1] == "/":
            return False  # a virus strain's designation: A/Victoria/361/2011
        if n == 1 and first.is_upper and len(first.key) <= 4 and not national and not any(
                pattern[0] in ("U", "D") for _, pattern in gaz.aliases.get(first.key, ())):
            return False  # an acronym ([EST], ILO) is no division or town written Est
        if n == 1 and first.key in FEATURE_WORDS:
            return False
        # "Agence France-Presse": a name hyphenated to a following capitalised word that is
        # no place name and no demonym is part of a longer name (not so before the name:
        # "Mid-Wales")
        if nxt is not None and text[last.end:nxt.article_start] == "-" \
                and self._foreign_word(nxt):
            return False
        # "North Eastern Province" is no "Eastern Province": a compass word joined to a
        # name that is a compass word and a kind word makes another name (South West
        # Edinburgh is still in Edinburgh)
        if first.key in COMPASS_WORDS and prev is not None and prev.key in COMPASS_WORDS \
                and prev.is_capitalised and _adjacent(text, prev, first) and n > 1 \
                and all(t.key in DIVISION_KINDS for t in tokens[i + 1:i + n]):
            return False
        # "South West Edinburgh" is a part of Edinburgh, not England's South West: a name
        # made only of compass words ("North East", a region) written right before a place
        # name or a demonym ("South East Asian") is the compass part of that place
        if nxt is not None and nxt.is_capitalised and _adjacent(text, last, nxt) \
                and (nxt.key in gaz.prefixes or nxt.key in gaz.demonyms) \
                and all(t.key in COMPASS_WORDS for t in tokens[i:i + n]):
            return False
        # GeoNames towns and the features file's names ("Atlantic", "Middle East") inside a
        # longer capitalised name are part of it ("Virgin Atlantic").
        cities_only = all((p.kind == "city" and p.source == "geonames")
                          or p.source == "features" for p in places)
        if not cities_only:
            return True
        # A GeoNames city inside a longer capitalised name is a person or an organisation
        # ("Bill Gates", "Haider al-Abadi", "Sao Paulo Futebol").
        if prev is not None and i - 1 > 0 and prev.is_capitalised \
                and prev.key not in NEIGHBOUR_OK and _adjacent(text, prev, first):
            return False
        if nxt is not None and nxt.is_capitalised and nxt.key not in NEIGHBOUR_OK \
                and _adjacent(text, last, nxt) and not JURISDICTION.match(text, last.end):
            return False
        if n == 1:
            key = first.key
            if first.is_upper:  # an acronym (ILO, WHO) is not a town called Ilo
                return False
            if key in gaz.stop_words:
                return False
            # the corpus-wide case rule needs every document's counts: see resolve()
        return True

    def _foreign_word(self, tok: Token) -> bool:
        """A capitalised word that starts no place name and is no demonym."""
        return tok.is_capitalised and tok.key not in self.gaz.prefixes \
            and tok.key not in self.gaz.demonyms

    @staticmethod
    def _enclosing_city(town: Place, b: _Candidate) -> Place | None:
        """("Queens", "New York"): a borough qualified by the name of the city around it
        (within CITY_PART_KM, holding BOROUGH_SHARE of its people or more) is in that
        city, not in the state of that name."""
        cities = [pb for pb in b.places if pb.kind == "city" and pb.country == town.country
                  and town.kind in ("city", "district")
                  and BOROUGH_SHARE * pb.population <= town.population < pb.population
                  and distance_km(town.lat, town.lon, pb.lat, pb.lon) <= CITY_PART_KM]
        return max(cities, key=lambda p: p.population) if cities else None

    def _one_sense(self, candidates: list[_Candidate], chosen: list[tuple[_Candidate, Place]],
                   evidenced: set[int]) -> None:
        """One sense per document: a name resolved by what the text says around one of its
        mentions ("Buffalo, New York", "New York state", a list of states) means the same
        place at its bare mentions in that document, when all such mentions agree."""
        by_name: dict[str, list[int]] = {}
        for i, cand in enumerate(candidates):
            by_name.setdefault(_name(cand), []).append(i)
        for members in by_name.values():
            senses = {chosen[i][1].key for i in members if i in evidenced}
            if len(senses) != 1 or len(members) < 2:
                continue
            place = chosen[next(i for i in members if i in evidenced)][1]
            for i in members:
                if i not in evidenced and chosen[i][1].key != place.key \
                        and place in self._with_divisions(candidates[i]):
                    chosen[i] = (candidates[i], place)

    def _states_only(self, candidates: list[_Candidate], chosen: list[tuple[_Candidate, Place]],
                     evidenced: set[int]) -> None:
        """A name left to its town for a division (New York) means the division when
        every other place the document names unambiguously in that country is a
        first-level division, three or more of them ("California has confirmed thirteen
        cases, three in Texas, two in Kansas, one in Ohio. New York has confirmed 28"); not
        a national capital (Washington is the government's city)."""
        tops = [(i, self._unambiguous(c), _name(c)) for i, c in enumerate(candidates)]
        for i, cand in enumerate(candidates):
            place = chosen[i][1]
            if i in evidenced or place.kind != "city" or self._capital(place):
                continue
            divisions = [p for p in self._with_divisions(cand)
                         if p.kind == "region" and p.country == place.country]
            if len(divisions) != 1:
                continue
            own = _name(cand)
            kinds = Counter(top.kind for j, top, name in tops if top is not None
                            and name != own and top.country == place.country
                            and top.kind != "country")
            regions = {name for j, top, name in tops if top is not None and name != own
                       and top.country == place.country and top.kind == "region"}
            if len(regions) >= 3 and set(kinds) == {"region"}:
                chosen[i] = (cand, divisions[0])
                evidenced.add(i)

    def _one_division(self, candidates: list[_Candidate],
                      chosen: list[tuple[_Candidate, Place]], evidenced: set[int]) -> None:
        """A town whose country's other places in the document all lie in one first-level
        division, two or more of them, is its namesake in that division when it has one
        ("Longview ... Tyler ... Dallas, Texas ... Fairfield" is Fairfield, Texas)."""
        regions: dict[str, dict[str, set[str]]] = {}  # country -> division -> names
        for cand, place in chosen:
            if place.national or not place.country or place.small \
                    or cand.vote == "other":
                continue  # (a small town or a person's name is no evidence: Jimmy Philmont)
            region = place.key if place.kind == "region" else next(
                (a for a in self.gaz.ancestors(place.key) if a.startswith("a1:")), "")
            regions.setdefault(place.country, {}).setdefault(region, set()).add(_name(cand))
        for i, (cand, place) in enumerate(chosen):
            if i in evidenced or place.kind != "city":
                continue
            own = _name(cand)
            others = {r: names - {own} for r, names in regions.get(place.country, {}).items()}
            others = {r: names for r, names in others.items() if names}
            if len(others) != 1:
                continue
            (region, names), = others.items()
            if not region or len(names) < 2 or region in self.gaz.ancestors(place.key):
                continue
            inside = [p for p in cand.places if p.kind == "city" and p.country == place.country
                      and region in self.gaz.ancestors(p.key) and not _alternate(own, p)]
            if inside:
                chosen[i] = (cand, max(inside, key=lambda p: p.prior))

    def _capital(self, place: Place) -> bool:
        capital = self.gaz.capitals.get(place.country, "")
        return bool(capital) and name_key(capital) == name_key(place.name)

    def _major_city(self, place: Place, context: Counter[str]) -> bool:
        """A national capital or a city of a million people in a country the document
        names: the place, whatever the recogniser calls the span ("most of Harare" in a
        Zimbabwe story; "Cairo, Giza and Al-Minya")."""
        if place.kind != "city" or not context.get(place.country):
            return False
        capital = self.gaz.capitals.get(place.country, "")
        return place.population >= BIG_CITY or (
            bool(capital) and name_key(capital) == name_key(place.name))

    def _placed(self, place: Place, cand: _Candidate, ctx: _Context) -> bool:
        """The text places a name that is more often a person's: a division the place lies
        in is named, or the recogniser calls it a place or it follows "in"/"near" in a
        story that names its country through other names."""
        return self._contained(place, cand, ctx.present, strict=True) or (
            cand.written_as_place and bool(ctx.context.get(place.country)))

    def _world_city(self, cand: _Candidate, ctx: _Context) -> Place | None:
        """A city of WORLD_CITY people or more that outweighs every other reading of its
        name tenfold ("London", "Paris", "Frankfurt"): what the name means unless the text
        qualifies it ("London, Ontario") or calls it something else; a list's or the
        document's countries do not move it to a namesake ("share prices in London,
        Frankfurt and Paris" in a story about the US is no London, Ohio). Not a city
        reached through another of its names ("Canton" for Guangzhou): the context
        decides those. A renowned city (see Gazetteer.renowned: Geneva, Oxford) is one
        too unless the text names a division one of its namesakes lies in ("the United
        Nations in Geneva" in a story naming the US is no Geneva, Illinois). A world region
        (a continent, "the Middle East") is its name's meaning in the same way."""
        top = self._unambiguous(cand)
        if top is not None and top.kind == "city" and top.population >= WORLD_CITY \
                and not _alternate(_name(cand), top):
            return top
        if top is not None and top.kind == "region" and not top.country \
                and top.source == "features" and not _alternate(_name(cand), top):
            return top  # a world region: "the Middle East peace process" in a story naming
            # Maryland (the Wye talks) is no Middle East, Maryland (DUC d30053t)
        renowned = [p for p in cand.places if p.key in self.gaz.renowned]
        if len(renowned) != 1 or _alternate(_name(cand), renowned[0]):
            return None
        city = renowned[0]
        if any(p.prior > city.prior for p in cand.places):
            return None  # "Balkh", the Afghan province, outweighs its renowned city
        if any(a in ctx.present for p in cand.places if p.key != city.key
               for a in self.gaz.ancestors(p.key) if not a.startswith("country:")):
            return None  # "Oxford" in a story naming Mississippi
        return city

    def _contained(self, place: Place, cand: _Candidate, present: set[str],
                   strict: bool = False) -> bool:
        """A small place's evidence: the document names a division it lies in, or its
        country when the recogniser calls the span a place or the name has several words
        (rarely a person's). ``strict``: a division below the country only."""
        country_ok = not strict and (cand.vote == "place" or " " in cand.text.strip())
        for anc in self.gaz.ancestors(place.key):
            if anc in present and (country_ok or not anc.startswith("country:")):
                return True
        return False

    # -- the sentence's structure: qualifiers and lists ------------------------------------

    def _with_divisions(self, cand: _Candidate) -> list[Place]:
        """The candidate's places plus the divisions its name is left to a town for
        (New York the state): a qualifier or a list of states means the division."""
        extra = [self.gaz.places[k] for k in self.gaz.division_names.get(_name(cand), ())
                 if k in self.gaz.places]
        return cand.places + [p for p in extra if p not in cand.places]

    @staticmethod
    def _kind_word(cand: _Candidate) -> str | None:
        """"city" when the text says so: "the city of Sao Paulo", "Mosul city"."""
        before = cand.sentence[:cand.start].rstrip().casefold()
        if before.endswith(" of"):
            word = before[:-3].rstrip().rsplit(" ", 1)[-1]
            if word in KIND_WORDS:
                return KIND_WORDS[word]
        after = cand.sentence[cand.end:].lstrip().split(" ", 1)[0].strip(".,;:")
        return KIND_WORDS.get(after) if after.islower() else None

    def _unambiguous(self, cand: _Candidate) -> Place | None:
        ranked = sorted(cand.places, key=lambda p: -p.prior)
        if len(ranked) == 1 or ranked[0].prior - ranked[1].prior >= CONFIDENT_MARGIN:
            return ranked[0]
        return None

    def _structure(self, candidates: list[_Candidate]
                   ) -> tuple[dict[int, Place], dict[int, tuple[str, str]], set[int]]:
        """Qualified names ("Buffalo, New York": index -> place), list members' kind
        votes (index -> (kind, country or "")) and names whose qualifier holds none of
        their towns ("Stroud, Ontario"), from how neighbouring names are joined."""
        gaz = self.gaz
        # what stands between candidate i and i + 1 in one sentence (None: not neighbours)
        gaps = [None if gap is None else gap.strip()
                for gap in (_between(a, b) for a, b in pairwise(candidates))]
        links = [gap if gap in LIST_GAPS or gap in QUALIFIER_GAPS else None for gap in gaps]
        forced: dict[int, Place] = {}
        contradicted: set[int] = set()
        qualifier_links: set[int] = set()
        for i, gap in enumerate(links):
            if gap not in QUALIFIER_GAPS:
                continue
            a, b = candidates[i], candidates[i + 1]
            if i + 1 < len(links) and links[i + 1] not in (None, *QUALIFIER_GAPS):
                continue  # "Washington, Pennsylvania and California": a list
            b_places = self._with_divisions(b)
            # a country's name before a country is a list ("China, Japan"), not the town of
            # that name there (Georgia, US is still the state)
            country_name = any(p.kind == "country" for p in a.places)
            pairs = [(pa, pb) for pa in a.places for pb in b_places
                     if pb.kind in ("country", "region", "district")
                     and pb.key in gaz.ancestors(pa.key)
                     and not (country_name and pa.kind == "city" and pb.kind == "country")]
            # a list member ("New Mexico, New York, Indiana"): not qualified
            in_list = i > 0 and links[i - 1] is not None and i - 1 not in qualifier_links
            if not pairs:
                if not in_list and self._contradicted(a, b):
                    contradicted.add(i)
                continue
            if in_list:
                prev = self._unambiguous(candidates[i - 1])
                if prev is not None and any(prev.kind == pb.kind for _, pb in pairs):
                    continue
            pa, pb = max(pairs, key=lambda pair: pair[0].prior + pair[1].prior)
            pb = self._enclosing_city(pa, b) or pb  # "Brooklyn, New York": the city
            forced.setdefault(i, pa)
            forced[i + 1] = pb
            qualifier_links.add(i)
        for i, gap in enumerate(gaps):
            if gap in OF_GAPS and i not in forced \
                    and self._elsewhere_than(candidates[i], candidates[i + 1]):
                contradicted.add(i)
        listed: dict[int, tuple[str, str]] = {}
        run: list[int] = [0] if candidates else []
        for i in range(1, len(candidates) + 1):
            if i < len(candidates) and links[i - 1] is not None \
                    and i - 1 not in qualifier_links:
                run.append(i)
                continue
            joined = any(links[j] not in (None, *QUALIFIER_GAPS) for j in run[:-1])
            if len(run) >= 3 or (len(run) == 2 and joined):
                self._vote_kinds(candidates, run, listed)
            run = [i]
        return forced, listed, contradicted

    def _possessed(self, candidates: list[_Candidate]) -> tuple[dict[int, Place], set[int]]:
        """Names after a place's possessive ("Thailand's Phuket", "London's Docklands"):
        each is the place of that name inside the possessor (index -> place), or, where
        the gazetteer has none there, no place of the gazetteer at all (the indices to
        drop: "London's Docklands" is no suburb of Melbourne, "Spain's Iberia", the
        airline, no New Iberia in Louisiana). Only a possessor that is confidently a
        place, and only a name whose every meaning is a GeoNames town or division (a
        country or a landmark after a possessive, "China's Hong Kong", is left alone)."""
        owned: dict[int, Place] = {}
        disowned: set[int] = set()
        for i, (a, b) in enumerate(pairwise(candidates)):
            if _between(a, b) not in POSSESSIVE_GAPS or a.vote == "other":
                continue
            holder = self._unambiguous(a)
            if holder is None or holder.kind not in ("country", "region", "district", "city") \
                    or any(p.kind not in ("city", "region", "district")
                           or p.source != "geonames" for p in b.places):
                continue
            inside = [p for p in b.places if self._part_of(p, holder)]
            if inside:
                owned[i + 1] = max(inside, key=lambda p: p.prior)
            else:
                disowned.add(i + 1)
        return owned, disowned

    def _part_of(self, place: Place, holder: Place) -> bool:
        """``place`` is a part of ``holder``: inside it, or within CITY_PART_KM of a city."""
        if holder.kind == "city":  # (a city holds no places in the gazetteer)
            return distance_km(place.lat, place.lon, holder.lat, holder.lon) <= CITY_PART_KM
        return self._lies_in(place, holder)

    def _contradicted(self, a: _Candidate, b: _Candidate) -> bool:
        """"Stroud, Ontario" where no Stroud the gazetteer knows lies in Ontario: a town
        it lacks, not one of its namesakes elsewhere. A town-only name, qualified by a
        GeoNames division that is unambiguously one and ends the name ("Edinburgh, Wales
        Secretary" is no qualifier), and each of whose towns is known to lie in another
        division (a town known only to lie in England may be in Oxfordshire) outside the
        qualifier's extent."""
        if not all(p.kind == "city" and p.source == "geonames" for p in a.places):
            return False
        top = self._unambiguous(b)
        if top is None or top.kind not in ("region", "district") or top.source != "geonames":
            return False  # (a curated region, as Darfur, holds no towns in the gazetteer)
        after = b.sentence[b.end:].lstrip(" ")
        if after[:1].isupper() and b.sentence[b.end:b.end + 1] == " ":
            return False  # the qualifier's word begins a longer name
        above = set(self.gaz.ancestors(top.key))
        return not any(self._lies_in(p, top) or p.parent in above for p in a.places)

    def _lies_in(self, place: Place, top: Place) -> bool:
        """``place`` is inside ``top``: below it in the gazetteer, or its point is in
        ``top``'s frame (a frameless ``top`` holds only what is below it)."""
        if top.key in self.gaz.ancestors(place.key):
            return True
        box = self.gaz.extents.get(top.key)
        return box is not None and box[0] <= place.lat <= box[1] \
            and box[2] <= place.lon <= box[3]

    def _elsewhere_than(self, a: _Candidate, b: _Candidate) -> bool:
        """"The Southern Highlands of New South Wales" where every place the gazetteer has
        of that name (Papua New Guinea's province) lies outside the division or country
        after "of" and does not hold it either ("the Federal District of Brasilia" holds
        its city): a part of that place the gazetteer lacks, not a namesake elsewhere.
        Lee corpus lee000's one such name, DUC dev and the BBC set none."""
        top = self._unambiguous(b)
        if top is None or top.kind not in ("country", "region", "district"):
            return False
        if top.key not in self.gaz.extents:
            return False  # (no frame to place its namesakes outside)
        holders = {top.key, *self.gaz.ancestors(top.key)}
        return not any(p.key in holders or self._lies_in(p, top) for p in a.places)

    def _named_elsewhere(self, cand: _Candidate, evidence: _Evidence) -> bool:
        """Whether the document's other names put it in the country of ``cand``'s
        unambiguous meaning (a list of constituencies is no "Wells, Canterbury" in New
        Zealand)."""
        top = self._unambiguous(cand)
        return top is not None and bool(
            evidence.without(_name(cand)).context.get(top.country))

    def _vote_kinds(self, candidates: list[_Candidate], run: list[int],
                    listed: dict[int, tuple[str, str]]) -> None:
        """Each member's kind vote: the kind (and country, when one) most of its
        unambiguous siblings share."""
        tops = {i: self._unambiguous(candidates[i]) for i in run}
        for i in run:
            kinds = Counter((p.kind, p.country if p.kind != "country" else "")
                            for j, p in tops.items() if j != i and p is not None)
            if not kinds:
                continue
            (kind, country), n = kinds.most_common(1)[0]
            if n * 2 >= len(run) - 1:
                listed[i] = (kind, country)

    # -- disambiguation -------------------------------------------------------------------

    def _disambiguate(self, doc_id: str, candidates: list[_Candidate],
                      demonyms: Counter[str], senses: Mapping[str, str],
                      surnames: Iterable[str] = (), home: str | None = None,
                      given: Iterable[str] = (),
                      given_elsewhere: Iterable[str] = ()) -> list[Mention]:
        """Each candidate's place in the document's context, then the evidence check.

        Context: the countries of the document's confident mentions (not small places)
        and demonyms, and the places those mentions sit in; a document that names none
        leans to the corpus's ``home`` country ("Arundel" in a BBC politics story that
        names no other place is the English town, not the larger one in Queensland).
        A small place (a town under SMALL_TOWN people, a district) shares its name with
        people and words, so it is kept only inside a place the document already names
        (Tal Afar beside Iraq or Nineveh). The choice reads the confident names in their
        first meanings; the checks after it read every name in the meaning chosen for it.
        """
        gaz = self.gaz
        evidence = _Evidence(gaz, demonyms)
        for cand in candidates:
            ranked = sorted(cand.places, key=lambda p: -p.prior)
            top = ranked[0]
            if top.small or cand.vote == "other" or (cand.division and top.kind == "city") \
                    or _name(cand) in gaz.name_words:
                continue  # ("Kasai province" with no such province: see below)
            if len(ranked) > 1 and top.prior - ranked[1].prior < CONFIDENT_MARGIN:
                continue  # an ambiguous name is no evidence for its own top meaning
            evidence.add(_name(cand), top)
        context, present = evidence.context, set(evidence.present)
        leaning = None if context else home  # (a story whose names give no country)
        forced, listed, contradicted = self._structure(candidates)
        owned, disowned = self._possessed(candidates)
        for i, place in owned.items():
            forced.setdefault(i, place)
        chosen: list[tuple[_Candidate, Place]] = []
        said_kind: dict[int, bool] = {}  # "the town of Kisumu": the text calls it a town
        evidenced: set[int] = set(forced)  # resolved by what the text says around them
        stray: dict[int, str] = {}  # alternate-name towns outside the document's countries
        for i, cand in enumerate(candidates):
            if i in forced:
                chosen.append((cand, forced[i]))
                continue
            places = cand.places
            kind_vote = listed.get(i)
            if kind_vote is not None and kind_vote[0] == "region":
                places = self._with_divisions(cand)
            kind_word = self._kind_word(cand)
            # the text says what is meant: "the city of Sao Paulo" is no state, "Washington
            # state" no city, whatever the priors and the document's other places say
            said = [p for p in places if p.kind == kind_word] if kind_word else [
                p for p in places if cand.division and p.kind in ("region", "district")]
            if said:
                places = said
            surface = _name(cand) if len(places) > 1 else ""
            # the other names' evidence: a name is no evidence for its own meaning (a
            # Malakoff in France is not made likelier by the text naming Malakoff)
            ctx = evidence.without(surface)

            def score(p: Place, kind_vote: tuple[str, str] | None = kind_vote,
                      kind_word: str | None = kind_word, cand: _Candidate = cand,
                      surface: str = surface, ctx: _Context = ctx) -> float:
                alternate = bool(surface) and _alternate(surface, p)
                inside = any(a in ctx.present for a in gaz.ancestors(p.key)
                             if not a.startswith("country:"))
                return (p.prior + (CONTEXT_BONUS if ctx.context.get(p.country) else 0.0)
                        + (CONTEXT_BONUS if p.country == leaning else 0.0)
                        + (CONTEXT_BONUS if p.parent in ctx.present else 0.0)
                        + (CONTEXT_BONUS if inside else 0.0)
                        + (CONTEXT_BONUS if p.key in ctx.contains else 0.0)
                        + (CONTEXT_BONUS if p.kind == "region"
                           and p.country in ctx.region_countries
                           and p.key not in ctx.present else 0.0)
                        + (DIVISION_BONUS if cand.division and p.kind in ("region", "district")
                           else 0.0)
                        + (DIVISION_BONUS if kind_word == p.kind else 0.0)
                        + (LIST_BONUS if kind_vote is not None and p.kind == kind_vote[0]
                           and kind_vote[1] in ("", p.country) else 0.0)
                        + (CORPUS_BONUS if surface and senses.get(surface) == p.key else 0.0)
                        - (ALTERNATE_PENALTY if alternate else 0.0))

            # (asked only where ``places`` is still all of the candidate's)
            world = None if said or (kind_vote is not None and kind_vote[0] != "city") \
                else self._world_city(cand, ctx)
            chosen.append((cand, world or max(places, key=score)))
            said_kind[i] = bool(said) and kind_word is not None
            # a town reached only through another of its names ("Mar" for Mary, "Kalam"
            # for Kallam) in a document that names other countries but not its own is
            # more likely a word, a person or a place the gazetteer lacks
            place = chosen[-1][1]
            if i not in forced and _alternate(_name(cand), place):
                countries = evidence.without(_name(cand)).context
                if countries and not countries.get(place.country):
                    stray[i] = place.key
            # a list places a member when its siblings agree on its kind and country
            # ("Frederick and David", the Barclay twins: David is a town of Panama, which
            # places no Frederick of Maryland)
            if said or (kind_vote is not None and place.kind == kind_vote[0]
                        and kind_vote[1] in ("", place.country)):
                evidenced.add(i)
        self._states_only(candidates, chosen, evidenced)
        self._one_division(candidates, chosen, evidenced)
        self._one_sense(candidates, chosen, evidenced)
        keys = {place.key for _, place in chosen}
        # what follows asks which places the story names in the meanings just chosen for
        # them, not their first meanings: "Canterbury" among English constituencies is the
        # city in Kent, which holds no Westmorland of New Zealand, and "Chatham, Kent" in a
        # UK story names England's Kent
        named = _Evidence(gaz, demonyms)  # (``evidence``: the first meanings)
        for i, (cand, place) in enumerate(chosen):
            if place.small or cand.vote == "other" or _name(cand) in gaz.name_words:
                continue
            if place.kind == "city" and self._unplaced_word(cand, i in evidenced):
                continue  # (the Barclay twins, "Frederick and David", are no evidence)
            named.add(_name(cand), place)
        context, present = named.context, set(named.present)
        # a name the text writes as a division once ("the provinces of Nyanza") is one at
        # its bare mentions too: no town of a country the document does not name
        divisions = {_name(c) for c in candidates if c.division}
        # one reading per document of what a name is: a name the recogniser calls a
        # person or an organisation and nowhere a place, and that no mention has after
        # "in" or "near", is that name at its unlabelled mentions too ("The 28-year-old
        # Seles" ... "Seles said"); one labelled a place somewhere keeps every mention
        placed = {_name(c) for c in candidates if c.written_as_place}
        persons = {_name(c) for c in candidates if c.vote == "other"} - placed
        # a name the story writes as a person's last name ("Sir Nigel Hawthorne", "Dennis
        # Rivera") is that person at its bare mentions ("Rivera's union backed Schumer"),
        # however the recogniser labels them and whatever divisions the story lists, unless
        # one is after "in", "near" or ", of" ("Malcolm Shipley, of Shipley") or the text
        # qualifies it ("Rivera, California")
        surnamed = set(surnames) - {_name(c) for c in candidates if c.locative
                                    or c.sentence[:c.start].rstrip().endswith(", of")}
        # a name the story writes once as "the X." is a thing's at every mention (THE_THING)
        things = {_name(c) for c in candidates if not c.locative and " " not in _name(c)
                  and THE_THING_BEFORE.search(c.sentence[:c.start])
                  and THE_THING_AFTER.match(c.sentence, c.end)}
        # a name the story writes once as a title's subtitle is that title's at every
        # mention (TITLE_BEFORE)
        titled = {_name(c) for c in candidates if not c.locative
                  and TITLE_BEFORE.search(c.sentence[:c.start])}
        given, given_elsewhere = set(given), set(given_elsewhere)
        mentions: list[Mention] = []
        for i, (cand, place) in enumerate(chosen):
            name = _name(cand)
            if place.needs_parent and not any(a in keys for a in gaz.ancestors(place.key)):
                continue
            if name in given and not place.national and not cand.locative \
                    and i not in forced:
                continue  # "a passageway named Unity", "(Russian for Sunrise)"
            # ... or another document does, and this one never places it: a small place
            if name in given_elsewhere and name not in placed and not place.national \
                    and i not in forced and place.population < WORLD_CITY \
                    and place.key not in gaz.renowned and not self._major_city(place, context):
                continue  # "the American-made Unity docking port" in the next story
            if stray.get(i) == place.key:  # (not when one sense per document moved it)
                continue
            others = named.without(name)  # the other names' evidence
            if place.kind == "city" and name in things and i not in forced \
                    and place.population < WORLD_CITY and place.key not in gaz.renowned \
                    and not self._contained(place, cand, others.present):
                continue  # "the Millennium Dome ... sell the Dome." is no town in Ghana
            if place.kind in ("city", "district") and name in titled and i not in forced \
                    and place.population < WORLD_CITY and place.key not in gaz.renowned:
                continue  # "GTA: San Andreas ... San Andreas' violence" is no Californian town
            # a district listed among districts of its country, in a story naming that
            # country ("mines across Nottinghamshire, Derbyshire, Leicestershire, Yorkshire"):
            # the list places it, whatever the recogniser calls the run of names
            listed_division = place.kind == "district" \
                and listed.get(i) == ("district", place.country) \
                and bool(others.context.get(place.country))
            if name in gaz.name_words and i not in evidenced \
                    and not self._placed(place, cand, others):
                continue  # Queen Victoria's "Victoria", Charles Darwin's "Darwin"
            if i in disowned and i not in forced:
                continue  # "London's Docklands" is no suburb of Melbourne
            if i in contradicted and self._named_elsewhere(candidates[i + 1], named):
                continue  # "Stroud, Ontario" in a story naming Canada: a town it lacks
            if place.kind in ("city", "district") and (
                    (cand.vote == "other"
                     and not self._contained(place, cand, present, strict=True))
                    or (name in persons
                        and not self._contained(place, cand, others.present, strict=True))
                    or (name in surnamed and i not in forced)) \
                    and not said_kind.get(i) and not listed_division \
                    and (not self._major_city(place, context)
                         or (name in surnamed and i not in forced
                             and not ARTICLE_BEFORE.search(cand.sentence[:cand.start]))):
                continue  # a person or an organisation of that name; a major city is the
                # person only where the story writes the name as a surname ("senators
                # Jovino Movoa and Julio Lagos ... Espina, Movoa and Lagos were hoping",
                # DUC d30003t; "Norris Washington ... In 1991 Washington, who still works
                # for the FTC", d31033t), and not after an article ("a Washington lawyer")
            # the same of a one-word division's name, when the story names no place
            # of its country (a multi-word name is rarely a person's or a firm's)
            if place.kind == "region" and name in persons and " " not in name \
                    and i not in forced and not said_kind.get(i) \
                    and not others.context.get(place.country):
                continue  # "Santander", the bank, in a story naming Spain, not Colombia
            if place.kind in ("region", "city") and others.context \
                    and not others.context.get(place.country) \
                    and place.population < WORLD_CITY \
                    and self._unplaced_word(cand, i in evidenced):
                continue  # "Unity", a space-station module, is no state of South Sudan
            if place.kind in ("region", "district") and i not in forced \
                    and set(name.split()) <= DIRECTION_WORDS \
                    and not others.context.get(place.country):
                continue  # "Southwest Airlines" is no region of Burkina Faso
            if (cand.division or name in divisions) and place.kind == "city" \
                    and i not in forced and not others.context.get(place.country):
                continue  # "the province of West Kasai" is no town in Japan
            # a town of a country the story names nowhere else, in a story that names
            # others, not written as a place ("in", the recogniser) nor inside one it names:
            # "Geoff Hoon's Ashfield seat" in a UK story is no town in New South Wales,
            # "Moulin Rouge" in an Australian one no town in Ontario
            if place.kind == "city" and place.population < TOWN and i not in evidenced \
                    and not cand.written_as_place and others.context \
                    and not others.context.get(place.country) \
                    and not self._contained(place, cand, others.present):
                continue
            # "in <small town>" is evidence only where the document names no other
            # country, or names the town's ("a sushi bar in Piccadilly" in a London story
            # is no town in Trinidad)
            located = cand.locative and (not context or place.country in context)
            if place.small and i not in forced and not listed_division \
                    and not (self._contained(place, cand, present) or located):
                continue
            mentions.append(Mention(place.key, doc_id, cand.position, cand.start, cand.end,
                                    cand.text))
        return mentions
