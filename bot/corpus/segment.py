"""Offline sentence and word segmentation.

sumy's default ``Tokenizer`` needs NLTK's punkt data, which pip does not install
and an offline machine cannot download. nupunkt ships its trained model inside
the wheel, so :class:`OfflineTokenizer` gives sumy the same two methods
(``to_sentences`` and ``to_words``) without touching any NLTK data directory.
See the README ("Sentence segmentation") for the nupunkt vs pysbd measurement.
"""

from __future__ import annotations

import re
from functools import lru_cache

from nupunkt import sent_tokenize

_WORD = re.compile(r"[^\W_]+(?:['’\-.][^\W_]+)*", re.UNICODE)
# nupunkt keeps "He said so. Hi Mr. Smith" together when the second sentence
# opens with a title abbreviation; a quote that closes a sentence and opens the
# next one is also occasionally glued. Split those conservatively.


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


_GLUED_QUOTE = re.compile(r'(?<=[.!?][”"])\s+(?=[“"A-Z])')
# A full stop after a word, then a capitalised word, that nupunkt left inside one
# sentence: "... in New York. Its service ...", "... strongman Hun Sen. Hun Sen said ...".
_MISSED_STOP = re.compile(r"\b([A-Za-z][\w'’-]*(?:\.[A-Za-z]+)*)\. (?=[“\"‘'`(]*([A-Z][\w'’-]*))")
# Words that really are abbreviations when followed by a full stop (AP style):
# titles, company suffixes, months, US states, and the like.
_TITLES = _word_set("""
mr mrs ms dr prof gen sen rep gov col lt sgt capt brig maj adm cmdr cpl pvt rev fr msgr supt
insp det atty hon pres gens sens reps
""")
_ABBREVIATIONS = _TITLES | _word_set("""
st mt ft jr sr inc corp co ltd bros plc llc vs etc al ave blvd rd dept univ est
approx jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri
sat sun ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo
mont neb nev okla ore pa tenn tex va vt wash wis wyo
""")
_LOWER_ABBREVIATIONS = _word_set("vs etc approx est al")
# An abbreviation no sentence ends on: nupunkt cuts "The case of United States vs." from
# "Microsoft Corp., the government's ..." (DUC 2004 d31033t); the pieces are rejoined.
_NEVER_FINAL = re.compile(r"\s(?:vs|v)\.$")
# A piece that follows initials or an abbreviation and opens on a lower-case word goes on
# the sentence nupunkt cut there: "the last apartheid president, F.W." / "de Klerk, in
# human rights abuses" (DUC d31001t, 5 times), "the Special Forces unit of the S.A.D.F." /
# "in the Caprivi Strip", "PayPerAction LLC., Leadplex LLC." / "and Leadplex Inc" (BBC
# tech/273); and one that opens on a day's number after a month's: "the post-Sept." / "11
# antiterrorism coalition" (Lee). A name written in lower case with capitals inside it
# ("eBay", "iPod") can open a sentence, so the lower-case word has none.
_ENDS_ABBREVIATED = re.compile(
    r"(?:\b(?:[A-Za-z]\.){2,}|(?<![\w.])(?:[A-Za-z]+-)?(?P<abbr>[A-Za-z]+)\.)$")
_OPENS_LOWER = re.compile(r"[a-z][a-z'’-]*\b(?![\w])")
_OPENS_DAY = re.compile(r"(?:[1-9]|[12]\d|3[01])\b(?![.,]\d)")
# a quotation that ends on a question or an exclamation, then its speaker alone: one sentence
_QUOTED_QUESTION = re.compile(r"[?!][\"”’']+$")
_SPEECH_TAG = re.compile(r"(?:[A-Z][\w.’'-]*\s+){1,3}(?:said|says|asked|asks|added|replied)\.|"
                         r"(?:said|asked|added|replied)(?:\s+[A-Z][\w.’'-]*){1,3}\.")
_WORD_BEFORE = re.compile(r"([\w'’-]+)\s+$")
_MONTH_ABBREVIATIONS = _word_set("jan feb mar apr jun jul aug sep sept oct nov dec")


def leaves_quotation_open(text: str) -> bool:
    """Whether ``text`` leaves a double quotation open (an odd number of straight marks, or
    more opening curly marks than closing ones)."""
    return text.count('"') % 2 == 1 or text.count("“") > text.count("”")


def _goes_on(before: str, piece: str) -> bool:
    """Whether ``piece`` continues the sentence ``before`` (see :data:`_ENDS_ABBREVIATED`)."""
    if _NEVER_FINAL.search(before):
        return True
    if before.endswith(("...", "…")) and leaves_quotation_open(before) \
            and leaves_quotation_open(piece):
        return True  # an elision inside a quotation the next piece closes: 'would "make
        # more difficult...' / 'Turkcell\'s financial consolidation of Irancell" because'
        # (BBC business/092)
    if _QUOTED_QUESTION.search(before) and _SPEECH_TAG.fullmatch(piece):
        return True  # "``Where is the president?''" / "Miller said." (DUC d31031t)
    if before.endswith(("?", "!")) and _OPENS_LOWER.match(piece):
        return True  # a name or a question inside the sentence: "a recent report by Which?"
        # / "magazine found.", "titles ... like WarioWare Touched!" / "and Sega's ..."
    m = _ENDS_ABBREVIATED.search(before)
    if m is None:
        return False
    abbr = (m.group("abbr") or "").lower()
    if (not abbr or abbr in _ABBREVIATIONS) and _OPENS_LOWER.match(piece):
        return True
    if abbr in _TITLES and piece[:1].isupper():
        # "one of the astronauts, Lt." / "Col. Nancy Currie"; "Ms." / "He said." (Ms.
        # He); not a name ending in a title's letters ("strongman Hun Sen.")
        named = _WORD_BEFORE.search(before, 0, m.start())
        return not (named and named.group(1)[:1].isupper()
                    and named.group(1).lower() not in _TITLE_MODIFIERS)
    return abbr in _MONTH_ABBREVIATIONS and bool(_OPENS_DAY.match(piece))


# Capitalised words that open sentences and are never the given name after a title.
_OPENERS = _word_set("""
the a an he she it they we i in on at but and or so this that these those there his her its
their our after before when while as if however meanwhile also then yet since for with by
from to of not no some many most both each all
""")
# Words that stand before a title ("Democratic Sen. X"), not a surname ending in one.
_TITLE_MODIFIERS = _word_set("""
democratic republican independent former state senior junior army navy marine force air
guard vice deputy assistant acting retired major lieutenant general brigadier police u.s gop
then ex the
""")


# Two sentences run together with no full stop at all, where copy lost one ("... will hurt
# smaller tech firms The EC says ...", "... for a commercial launch The newly-designed chip
# ..."): a lower-case word, then a capitalised opener, then a lower-case word. 7 in the
# 32,509 seed, DUC dev and BBC sentences, every one a lost stop; an opener followed by a
# capital is left alone, as titles are ("read The Times", "the film It Happened").
_LOST_STOP = re.compile(r"(?<=[a-z0-9])\s+(?=(?:The|It|They|He|She|We|This|But|There|In)"
                        r"\s+[a-z])")


def _lost_stops(sentence: str) -> list[str]:
    """Split where two sentences run together with no full stop between them."""
    return _cut(sentence, [m.start() for m in _LOST_STOP.finditer(sentence)
                           if re.search(r"\b[a-z][a-z0-9]*$", sentence[:m.start()])])


def _cut(sentence: str, cuts: list[int]) -> list[str]:
    """The sentence cut at ``cuts`` (ascending offsets), each piece stripped, empty ones
    dropped; the sentence itself when there is no cut."""
    if not cuts:
        return [sentence]
    pieces = [sentence[a:b].strip() for a, b in zip([0, *cuts], [*cuts, len(sentence)],
                                                    strict=True)]
    return [p for p in pieces if p]


def _missed_stops(sentence: str) -> list[str]:
    """Split where a full stop ends a sentence that nupunkt kept whole.

    After a plain word ("York.", "Bank.") a full stop followed by a capitalised
    word is a boundary. After an abbreviation it is one only when the next word
    is a sentence opener ("... Hun Sen. In ...") or when a title abbreviation
    ends a name (a capitalised word before it that is no title modifier:
    "strongman Hun Sen. Hun Sen complained" but not "Democratic Sen. Tom").
    Initials and dotted abbreviations ("B.J.", "U.S.") split only before an opener.
    """
    cuts: list[int] = []
    for m in _MISSED_STOP.finditer(sentence):
        word, nxt = m.group(1), m.group(2)
        low, nxt_low = word.lower(), nxt.lower()
        opener = nxt_low in _OPENERS
        if word[0].islower() and low not in _LOWER_ABBREVIATIONS:
            split = True  # "was ill. Doctors ...": abbreviations here are capitalised
        elif "." in word or len(word) == 1:
            split = opener
        elif low in _TITLES:
            before = sentence[: m.start()].split()
            prev = before[-1] if before else ""
            split = opener or (
                len(before) > 1 and prev[:1].isupper() and prev.isalpha()
                and prev.lower() not in _TITLE_MODIFIERS
                and nxt_low.rstrip(".") not in _ABBREVIATIONS)
        elif low in _ABBREVIATIONS:
            split = opener
        else:
            split = True
        if split:
            cuts.append(m.end())
    return _cut(sentence, cuts)


def split_sentences(paragraph: str) -> list[str]:
    """Split one paragraph into sentences (whitespace-normalised, non-empty)."""
    paragraph = " ".join(paragraph.split())
    if not paragraph:
        return []
    out: list[str] = []
    for sent in sent_tokenize(paragraph):
        for piece in _GLUED_QUOTE.split(sent):
            piece = piece.strip()
            if piece:
                for part in (p for lost in _lost_stops(piece) for p in _missed_stops(lost)):
                    if out and _goes_on(out[-1], part):
                        out[-1] = f"{out[-1]} {part}"
                    else:
                        out.append(part)
    return out


def words(text: str) -> list[str]:
    """Word tokens (letters/digits, keeping inner apostrophes, hyphens and dots)."""
    return _WORD.findall(text)


class OfflineTokenizer:
    """A drop-in for ``sumy.nlp.tokenizers.Tokenizer`` that needs no NLTK data."""

    language = "english"

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(split_sentences(paragraph))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(words(sentence))


@lru_cache(maxsize=1)
def offline_tokenizer() -> OfflineTokenizer:
    return OfflineTokenizer()
