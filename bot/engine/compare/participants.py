"""Who a sentence speaks of, when it calls it "the worm" or "this trojan".

Newsrooms reuse stock sentences for every story of a kind: "PCs running Windows 95, 98, ME,
NT, 2000, and XP could be vulnerable to the worm." (the Cellery worm's story) and "Computers
running Microsoft Windows 95, 98, 2000, NT and XP are vulnerable to this trojan." (the
Hackarmy trojan's) say the same words of two programs (news_claim_heldout10: 3 of the 5
wrong credits). Out of their articles nothing tells the two apart, so the claim matcher
credits one with the other. Here a definite or demonstrative noun phrase ("the worm", "this
trojan", "The Windows virus") is resolved to the name its article gives right before the
same noun in the nearest sentence before it that has one ("The Cellery worm does not spread
...", eight sentences up; the headline last: "Windows worm travels with Tetris" names the
worm's platform, not the worm), and two sentences speak
of other participants when each names one, so resolved or in its own words, that the other
sentence's article never mentions. A wrong resolution ("US firm" gives "US") is a name the
other article also mentions, so it vetoes nothing: the rule only ever removes a credit.

Hand-written: no library here resolves a noun phrase to its article's name cheaply (spaCy's
models ship no coreference; a full parse costs ~10 ms a sentence, the comparer's budget for
a whole comparison is 500 ms).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence

log = logging.getLogger(__name__)

LOOKBACK = 40  # sentences before this one searched for the name, nearest first (the title last)
# "the worm", "this trojan", "The Windows virus", "these new viruses": a determiner, at most
# one modifier, and a lower-case head noun, not followed by "of" ("the end of the year"),
# nor a quantity or a position ("the total", "the rest", "the top"), which names no one
_ANAPHOR = re.compile(
    r"\b(?:[Tt]he|[Tt]his|[Tt]hese)\s+(?:[\w.-]+\s+)?(?P<head>(?!(?:total|number|majority|"
    r"minority|rest|amount|level|rate|price|figure|figures|share|end|start|top|bottom|"
    r"first|last|same|most|whole|latest|past|future|world|country|year|week|month|day|"
    r"time|way)\b)[a-z][a-z-]{2,})\b(?!\s+of\b)")
_NAME = re.compile(r"[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*)*")
# capitalised words that name nothing (a sentence's first word, days, months, titles)
_NOT_NAMES = frozenset("""The A An This These That Those It Its His Her Their Our We He She They
In On At For By With From After Before As But And Or If When While Since Although Mr Mrs Ms Dr
Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June
July August September October November December""".split())  # noqa: SIM905


# a nationality or other adjective of place ("Algerian terror suspects", "Iraqi forces") is
# no participant's name
_ADJECTIVE_OF_PLACE = re.compile(r"(?:an|ese|ish|i|ch)$")


def _named(run: str) -> list[str]:
    """The words of a run of capitalised words less those at its start that name nothing
    ("In London" -> ["London"], "The" -> [])."""
    words = run.split()
    while words and words[0] in _NOT_NAMES:
        words = words[1:]
    return words


def _names(text: str, *, sentence: bool = False) -> set[str]:
    """The capitalised names a text holds (each run of capitalised words, less the words
    that name nothing at its start). Of a whole ``sentence``, a single capitalised word
    opening it is its first word, not a name ("According to ...", "Most of ...")."""
    out = set()
    opening = len(text) - len(text.lstrip("\"“‘'( "))
    for m in _NAME.finditer(text):
        words = _named(m.group(0))
        if sentence and m.start() == opening and len(m.group(0).split()) == 1:
            continue
        if words and not (len(words) == 1 and len(words[0]) < 2):
            out.add(" ".join(words))
    return out


def mentions(doc: str, name: str) -> bool:
    """Whether an article mentions a name, in any case: a sentence's capitalised first word
    ("According to ...", a headline's "Terror suspects ...") is a word the other article
    uses too, not a participant it never mentions."""
    return re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", doc, re.IGNORECASE) is not None


def participant_names(text: str, *, sentence: bool = False) -> set[str]:
    """The names a text writes (a run written before a noun; with ``sentence``, a whole
    sentence, its capitalised first word aside), less a one-word adjective of place
    ("Algerian", "Iraqi")."""
    return {n for n in _names(text, sentence=sentence)
            if " " in n or not _ADJECTIVE_OF_PLACE.search(n)}


def resolve(text: str, before: Sequence[str]) -> set[str]:
    """The names the definite noun phrases of ``text`` stand for: for each head noun, the
    name written right before the same noun in the nearest of ``before`` (nearest last)
    that has one ("... the Cellery worm ..." for "the worm")."""
    out: set[str] = set()
    for m in _ANAPHOR.finditer(text):
        head = m.group("head")
        named = re.compile(rf"({_NAME.pattern})\s+{re.escape(head)}s?\b")
        for earlier in reversed(before):
            found = [names for x in named.finditer(earlier) if (names := participant_names(
                x.group(1)))]
            if found:
                out |= found[-1]
                break
    return out


def other_participants(a: tuple[str, set[str], str], b: tuple[str, set[str], str]) -> bool:
    """Whether two sentences speak of other participants. Each side is (sentence, the
    names its definite noun phrases stand for, its whole article's text). True when at
    least one side has such a resolved name, and each side names (resolved or in its own
    words) something the other side's article never mentions."""
    (text_a, resolved_a, doc_a), (text_b, resolved_b, doc_b) = a, b
    if not resolved_a and not resolved_b:
        return False
    names_a = resolved_a or _names(text_a, sentence=True)
    names_b = resolved_b or _names(text_b, sentence=True)
    return (any(not mentions(doc_b, n) for n in names_a)
            and any(not mentions(doc_a, n) for n in names_b))



# Two names joined by "and" or "or" ("Xu and Qin", "either Qwest or Verizon", "John Prescott
# and Alan Milburn"): not the tail of a longer list ("Sony, Microsoft and Nintendo", a
# preceding comma), nor followed by another "and"/"or" (a list's head), nor a clause joined
# after a comma ("... Gaza International Airport, and Palestinian ...").
_CAPITALISED = r"[A-Z][\w.'’-]*"
_RUN = rf"{_CAPITALISED}(?:\s+{_CAPITALISED})*"
_PAIR = re.compile(rf"(?<![\w-])(?P<a>{_RUN})\s+(?:and|or)\s+(?P<b>{_RUN})"
                   rf"(?![\w-])(?!\s*,?\s*(?:and|or)\s)")
_POSSESSIVE = re.compile(r"(?:['’]s|[.'’])+$")


def _head(run: str) -> str | None:
    """A name's last word, its possessive and full stop dropped ("Nintendo's" -> "Nintendo",
    "Burma." -> "Burma"); None for a run of words that name nothing ("The", "In") or that
    ends in an adjective ("NEC-backed": the one rule error of paired_names_check that is
    about the words, not the claim)."""
    words = _named(run)
    if not words or re.search(r"-[a-z]+$", words[-1]):
        return None  # "the Toshiba and NEC-backed format": an adjective, not a name
    return _POSSESSIVE.sub("", words[-1])


def paired_names(text: str) -> list[tuple[str, str]]:
    """The two names of each "X and Y" / "X or Y" pair of names a sentence holds, each by its
    last word: [("Xu", "Qin")] for "... urged that Xu and Qin be released"."""
    out = []
    for m in _PAIR.finditer(text):
        if text[:m.start()].rstrip().endswith(","):
            continue  # the tail of a list: "A, B and C"
        a, b = _head(m.group("a")), _head(m.group("b"))
        if a and b and a != b:
            out.append((a, b))
    return out


def name_words(text: str) -> set[str]:
    """The words of a text as :func:`paired_names` writes a name, possessive and full stop
    dropped ("Nintendo's" -> "Nintendo")."""
    return {_POSSESSIVE.sub("", w) for w in re.findall(r"[\w.'’-]+", text)}


def drops_a_paired_name(a: str, b: str) -> bool:
    """Whether one sentence names only one of two names the other joins by "and" or "or":
    a claim about Xu and Qin (or about Qwest or Verizon) is not the claim about Xu alone (or
    Qwest alone), nor a merger between MCI and Verizon one between MCI and Qwest. Both ways
    round: the sentence a point shows is chosen after its credits. Lists of three or more
    names are left alone (one article's list of the places a leader visits, another's
    missing one, still state the same visit)."""
    for x, y in ((a, b), (b, a)):
        words = name_words(y)
        for first, second in paired_names(x):
            if (first in words) != (second in words):
                return True
    return False
