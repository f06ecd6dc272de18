"""What a percentage or an amount of money measures: the words around it, from its sentence.

A count says what it counts ("over 160 people killed", :mod:`bot.engine.figures`); "30%"
or "$14.2bn" alone says nothing. Their key-figure label is the shortest run of the
sentence's own words that says what the figure is, read from the sentence's parse
(spaCy's, the pipeline the engine ships, :func:`bot.engine.nlp.parse_all`):

- a share of something: "almost 90% of Britons", "10% of all phones";
- a figure that modifies a noun: "a £1bn package", "a 5% stake in Yukos", "30% more for
  natural gas";
- the noun a figure is "of": "record earnings of $14.2bn", "a pre-tax profit of £75m";
- the verb a figure goes with, and its subject when it stands right before it or the noun
  it describes: "Phytopharm shares jumped 10.7%", "Growth slowed to 0.3%", "the rate is
  18.8%", "cut spending by £35bn", "penalties totalling nearly $2bn"; never a verb that
  only says a level, with no noun ("stood at 92.9%" says nothing of what stood there);
- not one end of a range ("from 62% to 68%", "$30-35"), but a change before the level it
  led to in another unit ("profits jumped 76% to $1.13bn": "profits jumped 76%").

The label is always a verbatim span of the sentence, so a reader finds it there. When the
parse gives nothing short enough (at most :data:`MAX_WORDS` words) the figure keeps its
bare label. Hand-written over the parse because no library reads what a number measures
(quantulum3 needs model data of its own and keeps units, not the measured noun).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

from bot.engine.figures import COMPARATIVES, CURRENCIES
from bot.engine.nlp import parse_all

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

log = logging.getLogger(__name__)

MAX_WORDS = 10  # words in a label, the figure's own included
# A noun's words that stay with it on its left: "record earnings", "its full-year sales",
# "a pre-tax profit", "Cairn's shares"
_NOUN_LEFT = frozenset(("det", "amod", "compound", "poss", "case", "nmod", "nummod", "punct"))
# between a subject and its verb: "has strengthened", "still stood", "did not rise"
_BETWEEN = frozenset(("aux", "auxpass", "advmod", "neg"))
_COMPARATIVES = COMPARATIVES | frozenset(("more", "less", "greater"))
_EMPTY_VERBS = frozenset(("is", "was", "are", "were", "be", "been", "being", "has", "have",
                          "had", "'s", "’s"))
# verbs that only say a figure is a level, with nothing of what it is the level of ("now
# stands at £152,879", "came in at 4.4%", "totalling $375m"); a verb of change or trade
# ("fell 0.5%", "pay $300m") says at least which way it went or what kind of sum it is
_LEVEL_VERBS = frozenset("""stand stands standing stood remain remains remained remaining
total totals totaled totaling totalled totalling amount amounts amounted amounting reach
reaches reached reaching exceed exceeds exceeded exceeding top tops topped topping run runs
running ran hit hits hitting come comes coming came set sets settled peaked touched hovered
hovering""".split())  # noqa: SIM905
_PRONOUNS = frozenset(("it", "they", "he", "she", "we", "i", "you", "this", "that", "which",
                       "who", "these", "those"))
# the small words a noun keeps after it: "a 5% stake in Yukos", "30% more for natural gas"
_NOUN_PREPS = frozenset(("in", "of", "on", "for", "than"))


def measured_excerpt(text: str, span: tuple[int, int]) -> str:
    """The words of ``text`` that say what the figure at character ``span`` measures,
    the figure included ("Phytopharm shares jumped 10.7%"), or "" when the parse says
    nothing short and sure."""
    return measured_excerpts([(text, span)])[0]


def measured_excerpts(figures: Sequence[tuple[str, tuple[int, int]]]) -> list[str]:
    """:func:`measured_excerpt` of each (sentence, span), the new sentences parsed in one
    batch."""
    with _PARSED_LOCK:
        docs = {text: _PARSED[text] for text, _ in figures if text in _PARSED}
    todo = list(dict.fromkeys(text for text, _ in figures if text not in docs))
    if todo:
        docs.update(zip(todo, parse_all(todo, entities=False), strict=True))
        with _PARSED_LOCK:
            for text in todo:
                if len(_PARSED) >= MAX_PARSED:
                    del _PARSED[next(iter(_PARSED))]
                _PARSED[text] = docs[text]
    return [_excerpt(docs[text], text, start, end) for text, (start, end) in figures]


MAX_PARSED = 2048  # sentences whose parse is kept, oldest out first
_PARSED: dict[str, Doc] = {}
_PARSED_LOCK = threading.Lock()  # the engine's two worker threads share the cache


def _excerpt(doc: Doc, text: str, start: int, end: int) -> str:
    figure = [t for t in doc if t.idx < end and t.idx + len(t) > start]
    if not figure:
        return ""
    first, last = figure[0].i, figure[-1].i
    if _bracketed(doc, first):
        return ""  # "$6.8bn (£3.6bn)": a conversion says what the figure before it says
    head = _head_of(figure)
    found = _around(doc, head, first, last)
    if not found:
        return ""
    lo, hi = found
    while hi > last and doc[hi].is_punct:
        hi -= 1
    if _words(doc, lo, hi) > MAX_WORDS or (lo, hi) == (first, last):
        return ""
    asides = any(t.text in (",", ";", ":", "(", "—", "–") for t in doc[lo:first])
    if asides and head.dep_ != "conj":
        return ""  # a clause or an aside before the figure: not one phrase
    if (first > 0 and doc[first - 1].lower_ == "between") or (
            last + 2 < len(doc) and doc[last + 1].lower_ in ("and", "to", "-")
            and (doc[last + 2].like_num or doc[last + 2].text in CURRENCIES)
            and (_unit(doc[last + 2:last + 5]) == _unit(figure) or doc[last + 1].text == "-")):
        # one end of a range or a pair in one unit ("between $35 million and $50 million",
        # "from 62% to 70%", "$30-35", "by 39% to 34%", "1.6% and 0.5% respectively"); not
        # a change before the level it led to in another unit ("jumped 76% to $1.13bn")
        return ""
    if any(t.lower_ in ("compared", "compares") for t in doc[lo:first]):
        return ""  # "compared with 18.6%": the figure a comparison is made with
    if first > 0 and doc[first - 1].lower_ == "from" and any(
            t.like_num or t.text in CURRENCIES for t in doc[lo:first - 1]):
        # "cut its debt back to £160m from £610m", "fallen below $50 billion from $70
        # billion": the level a change started from, after the level it came to
        return ""
    while lo < first and (doc[lo].is_punct or doc[lo].is_quote):
        lo += 1
    if doc[lo].text in ("(", "[") or doc[hi].text in (")", "]"):
        return ""
    if doc[lo].lower_ in _EMPTY_VERBS:  # (the pipeline runs without its lemmatizer)
        return ""  # "be 1.26%", "has about $200bn": no word for what it is
    if doc[lo].lower_ in _LEVEL_VERBS and not any(
            t.pos_ in ("NOUN", "PROPN") for t in doc[lo:hi + 1] if not first <= t.i <= last):
        return ""  # "stands at £152,879", "came in at 4.4%": no word for what it is
    stop = end if hi == last else doc[hi].idx + len(doc[hi])
    excerpt = text[doc[lo].idx:stop]
    cut = _unclosed(excerpt)
    if cut >= 0:  # "dlrs 19 billion (23.5 billion reals": a bracket it does not close
        if doc[lo].idx + cut < end:
            return ""  # "raised 54bn rupees($1.2bn": the figure converts the one before
        excerpt = excerpt[:cut].rstrip(" ,;:")
        if excerpt == text[start:end]:
            return ""
    return excerpt


def _unclosed(excerpt: str) -> int:
    """Where the first bracket ``excerpt`` opens and does not close begins, else -1."""
    opened: list[int] = []
    for i, c in enumerate(excerpt):
        if c in "([":
            opened.append(i)
        elif c in ")]" and opened:
            opened.pop()
    return opened[0] if opened else -1


def _around(doc: Doc, head: Token, lo: int, hi: int) -> tuple[int, int] | None:
    after = doc[hi + 1] if hi + 1 < len(doc) else None
    # "almost 90% of Britons": a share of what the "of" names
    if after is not None and after.lower_ == "of" and after.head.i in range(lo, hi + 1):
        pobj = _object(after)
        return (lo, pobj.i) if pobj is not None else None
    if head.dep_ == "conj" and head.head.i < lo and _counted(head.head):
        first = head.head  # "up 64 pence, or 6%": in the first figure's place
        lo = min(lo, _noun_start(first))
        head = first
    up = head.head
    if up.lower_ in ("up", "down") and up.i < lo and up.head.pos_ in ("VERB", "AUX"):
        return _verb(doc, up.head, lo, hi)  # "shares closed up 9%", "Shares were up 4%"
    if up.i > hi and head.dep_ in ("nummod", "compound", "nmod", "amod", "quantmod",
                                   "npadvmod"):
        if up.lower_ in _COMPARATIVES:  # "30% more (for natural gas)", then what it is of
            than = up.head
            if up.dep_ == "advmod" and than.pos_ in ("ADJ", "ADV") and than.i == up.i + 1:
                # "30% more expensive", and what is: "US crude is still 30% more expensive"
                if than.dep_ == "acomp" and than.head.pos_ in ("VERB", "AUX"):
                    return _verb(doc, than.head, lo, than.i)
                return lo, than.i
            hi = _with_prep(up)
            if hi == up.i and hi + 1 < len(doc) and doc[hi + 1].head.i == up.head.i:
                hi = _with_prep(up.head, at=hi + 1)  # "pay 30% more for natural gas"
            if up.dep_ in ("dobj", "advmod", "acomp") and up.head.pos_ in ("VERB", "AUX"):
                return _verb(doc, up.head, lo, hi)
            return lo, hi
        if (up.pos_ in ("NOUN", "PROPN") and up.i - hi <= 4  # "a £1bn package"
                and all(t.dep_ in _NOUN_LEFT and t.pos_ not in ("CCONJ", "VERB", "AUX")
                        for t in doc[hi + 1:up.i])):  # not "by 50 per cent and confine staff"
            return min(lo, _noun_start(up)), _with_prep(up)
        return None
    if head.dep_ == "pobj" and up.pos_ == "ADP":
        holder = up.head
        if up.lower_ == "of" and holder.pos_ == "NOUN" and holder.i < up.i:
            return _noun_start(holder), hi  # "record earnings of $14.2bn"
        if holder.pos_ in ("VERB", "AUX") and holder.i < up.i:
            return _verb(doc, holder, lo, hi)  # "slowed to 0.3%", "cut spending by £35bn"
        return None
    if (head.dep_ in ("npadvmod", "dobj", "attr", "advmod", "oprd")
            and up.pos_ in ("VERB", "AUX") and up.i < lo):
        return _verb(doc, up, lo, hi)  # "shares jumped 10.7%", "the rate is 18.8%"
    return None


def _unit(tokens: Sequence[Token]) -> str:
    """The first currency sign or percent among ``tokens`` ("%", "$", "£"), or ""."""
    for t in tokens:
        if t.text in CURRENCIES or t.text == "%":
            return t.text
        if t.lower_ in ("per", "percent"):
            return "%"
    return ""


def _head_of(figure: list[Token]) -> Token:
    """The figure's word that the rest of its words hang from."""
    inside = {t.i for t in figure}
    heads = [t for t in figure if t.head.i not in inside or t.head.i == t.i]
    return heads[-1] if heads else figure[-1]


def _words(doc: Doc, lo: int, hi: int) -> int:
    return len(doc[lo:hi + 1].text.split())


def _verb(doc: Doc, verb: Token, lo: int, hi: int) -> tuple[int, int]:
    """From the verb (and its subject when it stands right before the verb, or the noun
    right before a participle that describes it) to the figure."""
    between = doc[verb.i + 1:lo]  # the verb's words before the figure
    lo = min(lo, verb.i)
    subjects = [c for c in verb.lefts if c.dep_ in ("nsubj", "nsubjpass")]
    noun = verb.head
    if not subjects and verb.dep_ == "acl" and noun.pos_ in ("NOUN", "PROPN") \
            and noun.i == verb.i - 1 and _words(doc, _noun_start(noun), hi) <= MAX_WORDS \
            and not any(t.lower_ in ("by", "to") for t in between):
        # "penalties totalling nearly $2bn", "a deal valued at $4bn"; not a change "by" or
        # "to" a figure, which the parse often hangs on the wrong verb ("increase fees for
        # students studying in Scotland by £2,000")
        return _noun_start(noun), hi
    if not subjects:
        return _governed(doc, verb, lo, hi)
    subject = subjects[-1]
    if subject.lower_ in _PRONOUNS:
        return lo, hi
    if any(t.dep_ not in _BETWEEN and not subject.is_ancestor(t)
           for t in doc[subject.i + 1:verb.i]):
        return lo, hi  # a clause or an aside between: the verb alone
    if any(t.pos_ in ("VERB", "AUX") or t.is_punct for t in doc[subject.i + 1:verb.i]
           if subject.is_ancestor(t)):
        return lo, hi  # the subject's own clause or aside ("rates - the number of ...")
    start = _noun_start(subject)
    if _words(doc, start, hi) > MAX_WORDS:
        return lo, hi
    return start, hi


def _governed(doc: Doc, verb: Token, lo: int, hi: int) -> tuple[int, int]:
    """A verb the figure goes with that completes another ("Marsh agreed to pay $850m",
    "Nestle is to raise its dividend by 11%", "the market is likely to grow by about
    40%"): from the subject of the verb it completes, when only that verb (two at most),
    its auxiliaries and "to" stand between; else from the verb alone."""
    top = verb
    for hop in range(3):
        if top.dep_ not in (("xcomp", "acomp") if hop else ("xcomp",)) \
                or top.head.i >= top.i:
            break  # (the figure's own verb completes another: "hard hit with 37%" no)
        top = top.head
        subjects = [c for c in top.lefts if c.dep_ in ("nsubj", "nsubjpass")]
        if not subjects:
            continue
        subject = subjects[-1]
        start = _noun_start(subject)
        chain = {verb.i}  # the verbs from the figure's up to the one with the subject
        link = verb
        while link.i != top.i:
            chain.add(link.head.i)
            link = link.head
        if subject.lower_ in _PRONOUNS or subject.lower_ == "one" or subject.like_num \
                or _words(doc, start, hi) > MAX_WORDS or any(
                t.is_punct or not (t.i in chain or subject.is_ancestor(t) or (
                    t.head.i in chain and t.dep_ in _BETWEEN | {"aux", "acomp"}))
                for t in doc[subject.i + 1:verb.i]):
            break
        return start, hi
    return lo, hi


def _noun_start(noun: Token) -> int:
    """Where the noun's own words begin: "its full-year sales", "Cairn's shares"."""
    start = noun.i
    for child in sorted(noun.lefts, key=lambda t: -t.i):
        if child.dep_ not in _NOUN_LEFT or child.right_edge.i < start - 1:
            break  # not the noun's kind of word, or not next to the words taken
        start = child.left_edge.i
    return start


def _counted(token: Token) -> bool:
    """A figure's word: a number, "%", or a noun with a number ("64 pence")."""
    return (token.like_num or token.text == "%"
            or any(c.dep_ == "nummod" for c in token.children))


def _bracketed(doc: Doc, first: int) -> bool:
    """The figure opens a bracket, or follows a ";" inside one ("(£70m; $136m)")."""
    before = doc[first - 1] if first > 0 else None
    if before is not None and before.text in ("(", "["):
        return True
    return (before is not None and before.text == ";"
            and any(t.text == "(" for t in doc[max(0, first - 6):first]))


def _object(prep: Token) -> Token | None:
    objects = [c for c in prep.rights if c.dep_ == "pobj"]
    return objects[0] if objects else None


def _with_prep(noun: Token, at: int = -1) -> int:
    """The noun's last word, or the noun of a short phrase of its right after it ("stake in
    Yukos", "more for natural gas"); ``at``: where that phrase may start (default: right
    after the noun). Without such a phrase: the word before ``at``."""
    at = noun.i + 1 if at < 0 else at
    nxt = noun.doc[at] if at < len(noun.doc) else None
    if nxt is not None and nxt.lower_ in _NOUN_PREPS and nxt.head.i == noun.i:
        pobj = _object(nxt)
        if pobj is not None and pobj.i - at <= 3:
            return pobj.i
    return at - 1
