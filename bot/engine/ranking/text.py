"""Tokens, stems and fragment flags shared by the rankers.

Stemming goes through PyStemmer's English Snowball (C, no downloaded data) behind a
per-word cache, so a 26k-sentence corpus is analysed in well under a second and topic
queries match inflected forms. It replaced sumy's ``Stemmer("english")`` (NLTK's
Snowball), whose import pulls in all of NLTK (about a second per process, the largest
part of a one-shot ``/summary``); PyStemmer 2.x runs the same Snowball 2 algorithm and
gives NLTK's stem for 38,658 of the 38,660 distinct words of the texts in ``../shared``
(BBC set included), the seeds and the test fixtures (NLTK's "realize"/"sensate" for
"realization"/"sensationalism" are its own slips).
Snowball 3 (PyStemmer 3) changed the English rules (60 of those words), hence the pin.
"""

from __future__ import annotations

import logging
import pkgutil
import re
import threading
from functools import cache

import Stemmer

log = logging.getLogger(__name__)

_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)
# a word hyphenated after a prefix of one or two letters ("e-mail", "wi-fi", "co-operation";
# not "anti-spam" or "long-term": measured with every hyphenated word joined, BBC ROUGE-2
# fell 83.31 -> 83.21)
_HYPHENATED = re.compile(r"(?<![\w-])[^\W\d_]{1,2}-[^\W\d_]+(?![\w-])")
_STEMMERS = threading.local()  # a PyStemmer object is not thread-safe: one per thread
# NLTK's Snowball maps these apostrophes to ' before stemming ("don’t" -> "don't")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201b": "'"})
# sumy's English stop list, read from its data file as ``sumy.utils.get_stop_words`` does
# (importing sumy.utils loads requests and pycountry's language table: half a second the
# first summary waited for)
STOP_WORDS: frozenset[str] = frozenset(
    w.rstrip() for w in (pkgutil.get_data("sumy", "data/stopwords/english.txt")
                         or b"").decode("utf-8").splitlines() if w)

# Openers that point back at something the reader has not seen when the
# sentence is lifted out of its paragraph.
DANGLING_OPENERS: frozenset[str] = frozenset((
    "it", "its", "it's", "they", "them", "their", "theirs", "this", "that", "these", "those",
    "he", "she", "his", "her", "him", "but", "however", "and", "or", "so", "yet", "also",
    "still", "then", "thus", "hence", "therefore", "meanwhile", "instead", "besides", "moreover",
    "furthermore", "nevertheless", "nonetheless", "otherwise", "such", "both", "either",
    "neither", "there", "here", "another", "other", "others", "later", "earlier", "no",
    "yes",
))
# NLTK's English stop list (179 words), copied because NLTK's corpus needs a data
# download. Measured on the BBC dev split: TextRank over word counts with this list
# ranks the references' sentences better than with scikit-learn's longer list
# (precision@k 0.85 vs 0.83).
_NLTK_STOP_TEXT = """
i me my myself we our ours ourselves you you're you've you'll you'd your yours yourself
yourselves he him his himself she she's her hers herself it it's its itself they them their
theirs themselves what which who whom this that that'll these those am is are was were be
been being have has had having do does did doing a an the and but if or because as until
while of at by for with about against between into through during before after above below
to from up down in out on off over under again further then once here there when where why
how all any both each few more most other some such no nor not only own same so than too
very s t can will just don don't should should've now d ll m o re ve y ain aren aren't
couldn couldn't didn didn't doesn doesn't hadn hadn't hasn hasn't haven haven't isn isn't ma
mightn mightn't mustn mustn't needn needn't shan shan't shouldn shouldn't wasn wasn't weren
weren't won won't wouldn wouldn't"""
NLTK_STOP_WORDS: frozenset[str] = frozenset(_NLTK_STOP_TEXT.split())
# Words with inner hyphens, apostrophes, points and commas kept whole ("T-Mobile",
# "India's", "1,400", "0.2"): measured better than splitting them for TextRank.
WORD_PATTERN = r"\w+(?:[-'.,]\w+)*"
_QUOTE_CHARS = "\"“”"
MIN_WORDS = 6


@cache
def stem(word: str) -> str:
    """Cached Snowball stem of a lower-cased word (the cache is what makes it fast)."""
    stemmer = getattr(_STEMMERS, "english", None)
    if stemmer is None:
        stemmer = _STEMMERS.english = Stemmer.Stemmer("english")
    return stemmer.stemWord(word.translate(_APOSTROPHES))


def raw_tokens(text: str) -> list[str]:
    """Word tokens as written."""
    return _TOKEN.findall(text)


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens."""
    return [t.lower() for t in _TOKEN.findall(text)]


def content_stems(text: str) -> list[str]:
    """Stems of the non-stop-word tokens: the analyzer of every TF-IDF matrix here. A word
    hyphenated after a prefix of one or two letters also counts as the word written solid
    ("e-mail" as "mail" and "email", "wi-fi" as "wi", "fi" and "wifi"), so a topic meets it
    however the article spells it: the BBC set writes "e-mail" 158 times and "email" 13,
    "wi-fi" 54 times and "wifi" once (see :func:`solid`)."""
    out = [stem(t) for t in tokens(text) if t not in STOP_WORDS and not t.isdigit()]
    if "-" in text:
        out += [stem(w.replace("-", "").lower()) for w in _HYPHENATED.findall(text)]
    return out


def solid(query: str) -> str:
    """A query with its hyphenated words written solid ("e-mail" -> "email"): asked for
    e-mail, a topic means the word, not every sentence naming the post's "mail"."""
    return _HYPHENATED.sub(lambda m: m.group(0).replace("-", ""), query) if "-" in query \
        else query


def opener(text: str) -> str:
    """The first word, lower-cased, without quotes."""
    m = _TOKEN.search(text[:40])
    # "It's" / "They’re" open with the pronoun itself
    return re.split(r"['’]", m.group(0).lower())[0] if m else ""


def starts_dangling(text: str) -> bool:
    """Opens with a pronoun or connective that refers back ("But", "It", "They", "This")."""
    return opener(text) in DANGLING_OPENERS


def quote_piece(text: str) -> bool:
    """A dangling piece of a quotation: the tail of a quote whose opening mark sits in
    an earlier sentence (a closing mark with no opening one: 'ISIS will challenge
    this.”'), or a lower-case continuation. A sentence that *opens* a multi-sentence
    quote reads fine on its own and is kept."""
    stripped = text.lstrip(_QUOTE_CHARS + "'‘’ (")
    if stripped and stripped[0].islower():
        return True
    if "”" in text or "“" in text:
        return text.count("”") > text.count("“")
    return text.count('"') % 2 == 1 and not text.lstrip().startswith('"')


def is_fragment(text: str) -> bool:
    """Too short or a quote piece: never worth showing on its own."""
    return len(text.split()) < MIN_WORDS or quote_piece(text)


# The writer speaking rather than reporting: first or second person outside a
# quotation ("THAT'S when we'll declare victory", "you can help"), or a hedge on
# what may happen or should have ("full liberation may be in sight", "one is
# left to ponder how ..."). Reported modals ("said it would cut 500 jobs") are
# not counted: "would" and "could" are mostly someone else's words in the news.
_PERSONAL = frozenset("""i i'm i've i'd me my we we're we've we'll we'd us our ours you
you're you've you'll you'd your yours""".split())  # noqa: SIM905
_HEDGES = frozenset("""may might should must ought perhaps maybe arguably hopefully ponder
wonder""".split())  # noqa: SIM905
_APOSTROPHES = str.maketrans("’", "'")


def is_reflective(text: str) -> bool:
    """A sentence of comment (the writer's voice or speculation), not of reported fact."""
    words = {w.translate(_APOSTROPHES) for w in tokens(text)}
    if not any(q in text for q in _QUOTE_CHARS + "‘`") and words & _PERSONAL:
        return True
    return bool(words & _HEDGES)
