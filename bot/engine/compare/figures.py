"""Figures with their context: counts, size ranks, durations and dates, as intervals.

``bot/engine/figures.py`` finds a briefing's key figures (a number and the noun it
counts); comparing needs more (word numbers, vague counts, ranks, durations, dates, each
as an interval), so it has this parser, built on the same number vocabulary (hedges,
scale words, number shapes, month names) imported from there. No library parses
English quantities *with their hedges* ("up to", "nearly",
"tens of thousands") into intervals, which is what deciding "consistent or
conflicting" needs, hence the hand-written patterns.

Each figure becomes an interval ``[lo, hi]`` so that "more than eight months"
(8..10) and "a nearly nine-month operation" (7.65..9) overlap (consistent), while
"up to 190,000" and "over 500,000" do not. ``key`` names what is measured (the
event class of a count, the measure of a rank, the activity of a duration) and
``scope`` the qualifiers that delimit it ("by the fighting", "since the ISIS
takeover", "in Iraq"): equal keys with different scopes are different measures.
"""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass, field

from bot.engine.figures import (
    DOLLARS_WORD,
    HEDGE_RE,
    MONTH_NAMES,
    NUMBER_RE,
    SCALE_RE,
    SCALES,
    currency_mark,
)
from bot.engine.standalone import CONNECTIVES, PRONOUNS
from bot.engine.timewords import DAY_WORDS

log = logging.getLogger(__name__)

_SMALL = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "a dozen": 12, "dozen": 12,
}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
            "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12}
_MONTHS = {m: i for i, m in enumerate(MONTH_NAMES, start=1)}


def ordinal_value(word: str) -> int:
    """"fifth" -> 5, "3rd" -> 3 (1 for a word with neither)."""
    return ORDINALS.get(word.lower()) or int(re.sub(r"\D", "", word) or 1)

_UNIT_DAYS = {"hour": 1 / 24, "day": 1.0, "week": 7.0, "month": 30.44, "year": 365.25}

# What a count counts: the head noun within a few words after the number.
UNIT_CLASSES: dict[str, str] = {
    **dict.fromkeys(("people", "persons", "residents", "civilians", "men", "women", "children",
                     "iraqis", "refugees", "inhabitants", "citizens", "individuals", "voters",
                     "workers", "users", "customers", "staff", "employees"), "people"),
    **dict.fromkeys(("families", "households"), "families"),
    **dict.fromkeys(("fighters", "militants", "troops", "soldiers", "jihadists", "insurgents"),
                    "fighters"),
}
# What happened to them: the nearest event word to the number.
EVENT_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(rx, re.IGNORECASE)) for name, rx in (
        ("killed", r"\b(kill\w*|dead|died|deaths?|casualt\w+|murder\w*)\b"),
        ("injured", r"\b(injur\w+|wounded)\b"),
        ("displaced", r"\b(displac\w+|fled|flee\w*|escap\w+|refugees|poured out|evacuat\w+)\b"),
        ("under control", r"\b(living under|live under|lives under|held by|trapped|"
                          r"remain\w*|in control|under \w+ (?:control|rule))\b"),
        ("population", r"\b(home to|population|populous|inhabit\w*)\b"),
        ("jobs", r"\b(jobs?|employ\w*|laid off|redundan\w+)\b"),
    ))
EVENT_LABELS = {"killed": "people killed", "injured": "people injured",
                "displaced": "people displaced", "under control": "people still under control",
                "population": "population", "jobs": "jobs"}
ACTIVITY_CLASSES: dict[str, str] = {
    **dict.fromkeys(("fighting", "battle", "operation", "offensive", "campaign", "siege", "war",
                     "conflict", "fight", "assault"), "campaign"),
    **dict.fromkeys(("occupation", "rule", "control"), "occupation"),
    **dict.fromkeys(("trial", "investigation", "inquiry"), "inquiry"),
}
SIZE_WORDS = {"largest": "size", "biggest": "size", "most populous": "size",
              "most populated": "size", "smallest": "smallness"}

_WORDNUM = "|".join(sorted((re.escape(w) for w in _SMALL), key=len, reverse=True))
_VAGUE = re.compile(r"\b(tens|hundreds) of (thousands|millions)\b|\b(dozens|hundreds|thousands|"
                    r"millions)\b(?= of\b| [a-z])", re.IGNORECASE)
_COUNT = re.compile(
    rf"(?:\b(?P<hedge>{HEDGE_RE})\s+)?(?P<num>(?<![\w.,])(?:{NUMBER_RE})"
    rf"(?:(?!\w)|(?=(?:{SCALE_RE})\b))|\b(?:{_WORDNUM})\b)"  # "4.5m workers"
    rf"(?:\s*(?P<scale>{SCALE_RE})\b)?(?P<plus>\+)?",
    re.IGNORECASE)
_DURATION = re.compile(
    rf"(?:\b(?P<hedge>{HEDGE_RE})\s+)?(?:a\s+)?(?:(?P<nhedge>nearly|almost)\s+)?"
    rf"(?P<num>{NUMBER_RE}|\b(?:{_WORDNUM}))[\s-](?P<unit>hour|day|week|month|year)s?\b"
    rf"(?P<ago>\s+ago)?", re.IGNORECASE)
# (an owner of two words: "Latin America's biggest economy" is no rank in America)
_OWNER_FIRST = (r"(?-i:Latin|South|North|East|West|Central|Southeast|Southern|Northern|Eastern|"
                r"Western|New|Saudi|Sri|Hong|El|Los|San|Costa|Puerto)\s+")
_RANK = re.compile(
    rf"(?:\b(?P<owner>(?:{_OWNER_FIRST})?[A-Z][\w]+)['’]s\s+)?\b(?:the\s+)?"
    r"(?P<ord>first|second|third|fourth|fifth|"
    r"sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))?[\s-]*"
    r"(?P<sup>largest|biggest|most populous|most populated|smallest)\s+(?P<noun>[a-z]+)",
    re.IGNORECASE)
_DATE = re.compile(
    r"\b(?P<month>January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\b(?:\s+(?:of\s+)?(?P<year>(?:19|20)\d{2}))?|"
    r"\b(?:in|of|since)\s+(?P<yonly>(?:19|20)\d{2})\b")
_SCOPE = re.compile(
    r"\b(?P<s>since (?:the |its |their )?[\w’'-]+(?: [\w’'-]+){0,2}|"
    r"by the (?:fighting|conflict|offensive|battle|war|violence)|at (?:its|their) peak|"
    r"in (?:a|one|a single) day|in the span of [\w ]{0,20}day|per day|a day|"
    r"in recent (?:days|weeks|months)|"
    # a year sets the figure's time frame ("Mitch killed about 10,000 people ... in 1998":
    # another event than a tsunami's toll; session 72, compare checks 10 and 11)
    r"in (?:(?:early|late|mid-?)\s*)?(?:19|20)\d\d\b|"
    r"in (?:the )?[A-Z][\w’'-]+(?: (?:and|or) [A-Z][\w’'-]+)?(?: [A-Z][\w’'-]+)?)")
_WORD = re.compile(r"[A-Za-z’'-]+")
_DIGIT = re.compile(r"\d")
_RANGE = re.compile(
    rf"(?:\bbetween\s+(?P<a>(?<![\w.,])(?:{NUMBER_RE}))(?:\s*(?P<scale_a>{SCALE_RE})\b)?"
    rf"\s+and\s+|"
    rf"(?P<a2>(?<![\w.,])(?:{NUMBER_RE}))(?:\s*(?P<scale_a2>{SCALE_RE})\b)?"
    rf"\s*(?:-|–|\bto\b)\s*)"
    rf"(?P<b>(?:{NUMBER_RE}))(?:(?![\w-])|(?=(?:{SCALE_RE})\b))"
    rf"(?:\s*(?P<scale>{SCALE_RE})\b)?", re.IGNORECASE)
_SHARE = re.compile(r"\s*(?:%|per\s*cent\b|percent\b)", re.IGNORECASE)
_UNIT_NEXT = re.compile(r"\s+(?:" + "|".join(UNIT_CLASSES) + r")\b", re.IGNORECASE)
_DAY_OF_MONTH = re.compile(
    r"\b(?:" + "|".join(m.capitalize() for m in MONTH_NAMES)
    + r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?\s+$")
# What a rank is stated of, when the sentence names it right before the rank: an apposition
# ("Munich Re, the world's largest reinsurer") or a copula ("Mosul is Iraq's third most
# populous city"). Two ranks of different holders are about different things.
_HOLDER = re.compile(
    r"(?P<holder>[A-Z][\w&’'.-]*(?:\s+(?:[A-Z][\w&’'.-]*|of|de|du|von|van))*)"
    r"(?:\s*,\s*|\s+(?:is|was|remains|became|has become|is now|was once)\s+)(?:the\s+)?$")
# A rank stated through a pronoun of what the sentence names first ("Mr Glazer and his family
# hold a 28.1% stake, making them United's second biggest shareholders"), and a name in
# apposition right after a rank that names none before it ("United's largest shareholders,
# the Irish horseracing tycoons JP McManus and John Magnier").
_THROUGH_PRONOUN = re.compile(
    r"\b(?:making|makes|made|make)\s+(?:it|them|him|her)\s+(?:the\s+)?(?:[A-Z][\w’'.-]*\s+)*$")
_NAME = re.compile(r"[A-Z][\w&’'.-]*(?:\s+(?:(?:of|and|de|du|von|van)\s+)?[A-Z][\w&’'.-]*)*")
_APPOSITIVE = re.compile(r"\s*,\s*(?P<text>[^,;()]*?)(?=[,;()]|\.(?:\s|$)|$)")
# what the words between the comma and such a name may not be: a clause, not a description
_NOT_APPOSITION = frozenset(
    {"which", "who", "whom", "whose", "where", "when", "that", "while", "although", "though",
     "and", "but", "or", "as", "said", "says", "according", "after", "before", "with", "in",
     "on", "at", "to", "for", "from", "by", "is", "was", "are", "were", "has", "had", "have",
     "be", "been", "will", "would", "could", "told", "added", "if", "so", "because",
     "including", "such", "like", "especially", "notably", "mainly", "mostly"})
# words that open a sentence before a comma without naming anything: the stand-alone rule's
# connectives, pronouns and day words, and a few more
_NOT_HOLDERS = CONNECTIVES | PRONOUNS | DAY_WORDS | frozenset(
    {"the", "which", "who", "now", "earlier", "later", "overall", "elsewhere", "again"})
# Words without which a pattern cannot match, looked for first (most sentences have none,
# and the patterns above cost 0.1-0.3 ms a sentence): a duration's unit, a rank's
# superlative, and for a count the word of UNIT_CLASSES it must be followed by (where a
# word starts; any word of the count's window starts so: see _unit_after).
_DURATION_GATE = re.compile(r"hour|day|week|month|year", re.IGNORECASE)
# "one of / among the world's biggest ...": a place in a top group, which contradicts no rank
_MEMBERSHIP = re.compile(r"\b(?:one|some|two|three|four|five|several|many|any|each|all|among)"
                         r"\s+(?:of\s+)?(?:the\s+)?$", re.IGNORECASE)
_RANK_GATE = re.compile(r"largest|biggest|most populous|most populated|smallest",
                        re.IGNORECASE)
_UNIT_GATE = re.compile(
    r"(?<![A-Za-z’'-])(?:" + "|".join(sorted(UNIT_CLASSES, key=len, reverse=True)) + ")",
    re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure in one sentence, as an interval with what it measures."""

    type: str  # "count" | "rank" | "duration" | "date"
    text: str  # the span as written, e.g. "up to 190,000 people"
    lo: float
    hi: float
    unit: str = ""  # count: people/families/fighters; duration: "days"; rank: the measure
    key: str = ""  # what is measured; "" = too vague to compare
    scope: frozenset[str] = field(default_factory=frozenset)
    start: int = 0
    holder: str = ""  # rank: the name it is stated of ("Munich Re, the world's largest ...")

    def overlaps(self, other: Figure) -> bool:
        return self.lo <= other.hi and other.lo <= self.hi


def _number(raw: str) -> float | None:
    raw = raw.lower().replace(",", "")
    if raw in _SMALL:
        return float(_SMALL[raw])
    try:
        return float(raw)
    except ValueError:
        return None


def _interval(value: float, hedge: str | None, plus: bool = False) -> tuple[float, float]:
    h = (hedge or "").lower()
    if plus or h in {"more than", "over", "at least"}:
        return value, value * 1.25
    if h in {"up to", "as many as", "as much as", "fewer than", "less than", "under", "at most"}:
        return 0.0, value
    if h in {"nearly", "almost", "close to"}:
        return value * 0.85, value
    if h:
        return value * 0.8, value * 1.2
    return value * 0.95, value * 1.05


_VAGUE_RANGES = {"tens of thousands": (2e4, 99_999), "hundreds of thousands": (2e5, 999_999),
                 "tens of millions": (2e7, 99_999_999), "hundreds of millions": (2e8, 999_999_999),
                 # a bare "thousands" is a floor in news usage ("thousands have fled"),
                 # not a claim that fewer than ten thousand did
                 "dozens": (24, float("inf")), "hundreds": (200, float("inf")),
                 "thousands": (2000, float("inf")), "millions": (2e6, float("inf"))}


_WORDED = "|".join(sorted((w for w in _SMALL if " " not in w), key=len, reverse=True))
# an amount with a scale word, however its number is written: "1 million", "five million",
# "$2.6bn", "£30m" (a bare "30m" may be metres: read only after a currency sign)
_SCALED = re.compile(
    rf"(?:\b(?P<hedge>{HEDGE_RE})\s+)?(?P<cur>US\$|[$£€]|{DOLLARS_WORD})?"
    rf"(?P<num>{NUMBER_RE}|\b(?:{_WORDED}))"
    r"(?:\s(?P<word>thousand|million|billion|trillion)|\s?(?P<abbr>mn|bn|tn)|(?P<m>m))\b",
    re.IGNORECASE)


@functools.lru_cache(maxsize=20_000)
def scaled_amounts(sentence: str) -> tuple[tuple[str, float, float], ...]:
    """The amounts a sentence gives with a scale word, whatever they count: (currency sign
    or "", low, high), the hedge read as a count's ("more than 1 million" 1-1.25 million,
    "five million" 4.75-5.25 million). Money and other amounts ("copies", "shares") alike:
    :func:`extract_figures` counts only what UNIT_CLASSES names."""
    out = []
    for m in _SCALED.finditer(sentence):
        if m.group("m") and not m.group("cur"):
            continue
        value = _number(m.group("num"))
        if value is None:
            continue
        scale = SCALES[(m.group("word") or m.group("abbr") or "m").lower()]
        lo, hi = _interval(value * scale, m.group("hedge"))
        out.append((currency_mark(m.group("cur") or ""), lo, hi))
    return tuple(out)


def _scope(sentence: str) -> frozenset[str]:
    out = set()
    for m in _SCOPE.finditer(sentence):
        phrase = " ".join(m.group("s").lower().replace("’", "'").split())
        if phrase.startswith("in the span of") or phrase in {"in one day", "a day",
                                                               "in a single day", "in a day"}:
            phrase = "per day"
        for part in re.split(r" (?:and|or) ", phrase):
            part = part if part.startswith(("in ", "since", "by", "at", "per")) else f"in {part}"
            out.add(part)
    return frozenset(out)


# an event word binds the count right after it, its object ("killing 60 people", "which
# killed more than 30,000 of its people", "home to 1.5 million people", "a population of 2
# million"): at most one word between, no punctuation, no "and"/"or" and no preposition but
# "of" ("3000 people died in one morning": the morning is no one's death)
_OBJECT_GAP = re.compile(r"\s+(?:(?!(?:and|or|but|in|on|at|for|over|by|during|within|after|"
                         r"before|since|from|into|across|under|until|with)\b)[a-z]+\s+)?",
                         re.IGNORECASE)
# a word before the count may still name what happened to it from a few words off ("the death
# toll rose to 200 people"), with no punctuation between
_BEFORE_GAP = re.compile(r"\s+(?:[\w’'-]+\s+){0,3}")
# between a count and an event word after it: no quotation, colon, semicolon or dash ('two
# other teenage children, said: "... I wasn't dead."')
_EVENT_BREAK = re.compile(r"[\"“”:;—–]")


def _events(sentence: str, spans: list[tuple[int, int]]) -> list[str]:
    """What happened to each count (``spans``: the counts' (start, end), in any order): the
    event word right before it (its verb: "killing 60 people"), else the nearest event word
    after it that no other count stands before and that is no other count's verb, with no
    quotation, colon, semicolon or dash between ("At least 200 people, most of them
    children, were killed"), else one up to three words before it ("the death toll rose to
    200 people"). "eleven people were wrongly convicted of planting the bombs which killed
    seven people" kills the seven only; "killing 60 people and injuring 162" injures the 162
    only (the nearest word after 60 was read as its event before); "Following the death ...
    of Kalan Kawa Karim, ... a march supported by more than 1,000 people" kills no one."""
    words = [(name, m) for name, rx in EVENT_PATTERNS for m in rx.finditer(sentence)]
    verb: dict[int, str] = {}  # count index -> the event word right before it
    bound: set[int] = set()  # event words that are some count's verb
    for k, (start, _end) in enumerate(spans):
        for n, (name, m) in enumerate(words):
            gap = _OBJECT_GAP.fullmatch(sentence, m.end(), start)
            if m.end() <= start and (gap or m.end() == start):
                verb[k] = name
                bound.add(n)
    out = []
    for k, (start, end) in enumerate(spans):
        if k in verb:
            out.append(verb[k])
            continue
        after = [(m.start(), name) for n, (name, m) in enumerate(words)
                 if n not in bound and m.start() >= end
                 and not _EVENT_BREAK.search(sentence, end, m.start())
                 and not any(end <= a < m.start() for a, _ in spans)]
        before = [(start - m.end(), name) for name, m in words
                  if m.end() <= start and _BEFORE_GAP.fullmatch(sentence, m.end(), start)]
        out.append(min(after)[1] if after else min(before)[1] if before else "")
    return out


# between a number and the noun it counts there is no clause break, pronoun or conjunction:
# "$5.15 (£3.90) an hour, while employees are offered ..." counts no employees, "one
# accusing it of discriminating against women" no women, "In 23 cases, customers ..." no
# customers; a list of adjectives is no break ("150,000 terrified, hungry, sick, exhausted
# Iraqis")
_UNIT_BREAK = re.compile(r"[,;:()\[\]—–]|\b(?:it|he|she|they|them|while|when|whereas|but|"
                         r"who|which|that)\b", re.IGNORECASE)
_ADJECTIVE_LIST = re.compile(r"\s+(?:[a-z-]+,\s+)+[a-z-]+\s+")


def _unit_after(sentence: str, end: int) -> tuple[str, int]:
    """The unit class of the noun a few words after ``end`` and where that noun ends; none
    when another number comes first (in "on Nov. 22, when 14 people were killed" the
    people are 14, not 22) or a clause break, pronoun or conjunction (:data:`_UNIT_BREAK`)."""
    for i, m in enumerate(_WORD.finditer(sentence, end, min(len(sentence), end + 60))):
        if i >= 6 or m.group(0).lower() in _SMALL:
            break
        cls = UNIT_CLASSES.get(m.group(0).lower())
        if cls:
            between = sentence[end:m.start()]
            broken = _UNIT_BREAK.search(between) and not _ADJECTIVE_LIST.fullmatch(between)
            return ("", end) if _DIGIT.search(between) or broken else (cls, m.end())
    return "", end


# "men, women, and children": nouns of the counted class joined to the one found, so the
# figure names all it counts ("Tens of thousands of men, women, and children", not "Tens of
# thousands of men"); a noun of another class ends it ("40 people and three dogs")
_COORDINATED = re.compile(r"(?:,\s+[A-Za-z]+)*,?\s+(?:and|or)\s+[A-Za-z]+")


def _coordinated_end(sentence: str, unit_end: int, unit: str) -> int:
    """Where the counted noun's coordinated nouns of the same class end (:data:`_COORDINATED`),
    or ``unit_end``."""
    m = _COORDINATED.match(sentence, unit_end)
    if m is None:
        return unit_end
    words = [w for w in re.findall(r"[A-Za-z]+", m.group(0)) if w not in ("and", "or")]
    same = all(UNIT_CLASSES.get(w.lower()) == unit for w in words)
    return m.end() if same else unit_end


_CLAUSE_LEFT = re.compile(r"[,;:—–(]")
_CLAUSE_RIGHT = re.compile(r"[;—–)]")


def _clause(sentence: str, start: int, end: int) -> str:
    """The clause around a figure, so that a scope elsewhere in the sentence is not its scope."""
    left = max((m.end() for m in _CLAUSE_LEFT.finditer(sentence, 0, start)), default=0)
    right_m = _CLAUSE_RIGHT.search(sentence, end)
    return sentence[left:right_m.start() if right_m else len(sentence)]


def _counts(sentence: str, taken: list[tuple[int, int]]) -> list[Figure]:
    out: list[Figure] = []
    if not _UNIT_GATE.search(sentence):
        return out  # no count would find a unit
    spans: list[tuple[int, int, float, float, str | None]] = []
    for m in _RANGE.finditer(sentence):  # "between 30 and 40 people": one figure, 30..40
        first = "a" if m.group("a") else "a2"
        lo_v, hi_v = _number(m.group(first)), _number(m.group("b"))
        if lo_v is None or hi_v is None or any(a <= m.start(first) < b for a, b in taken):
            continue
        scale = SCALES[m.group("scale").lower()] if m.group("scale") else 1.0
        # "1.5 million-2 million": each end its own scale; "1.5-2 million": the second's
        own = m.group(f"scale_{first}")
        lo_v *= SCALES[own.lower()] if own else scale
        hi_v *= scale
        if lo_v < hi_v and not (1900 <= lo_v <= 2100 and 1900 <= hi_v <= 2100):
            spans.append((m.start(), m.end(), lo_v, hi_v, None))
    for m in _VAGUE.finditer(sentence):
        phrase = m.group(0).lower()
        lo, hi = _VAGUE_RANGES.get(phrase, _VAGUE_RANGES.get(phrase.split()[-1], (0, 0)))
        if hi:
            spans.append((m.start(), m.end(), lo, hi, None))
    for m in _COUNT.finditer(sentence):
        if any(a <= m.start("num") < b for a, b in taken) or any(
                a <= m.start("num") < b for a, b, *_ in spans):
            continue
        value = _number(m.group("num"))
        if value is None or (value >= 1900 and value <= 2100 and "," not in m.group("num")):
            continue  # a year, handled as a date
        if _DAY_OF_MONTH.search(sentence, 0, m.start("num")) and not _UNIT_NEXT.match(
                sentence, m.end()):
            continue  # "on Nov. 22": a day of a month ("In January 25 people ..." is a count)
        if m.group("scale"):
            value *= SCALES[m.group("scale").lower()]
        lo, hi = _interval(value, m.group("hedge"), bool(m.group("plus")))
        spans.append((m.start(), m.end(), lo, hi, m.group("hedge")))
    events = _events(sentence, [(a, b) for a, b, *_ in spans])
    for (start, end, lo, hi, _hedge), event in zip(spans, events, strict=True):
        unit, unit_end = _unit_after(sentence, end)
        if not unit:
            continue
        if _SHARE.match(sentence, end):
            event = ""  # "90% of employees": a share, measured against no count (the vetoes
            # still read its value: "12% of voters" is not "20% of voters")
        unit_end = _coordinated_end(sentence, unit_end, unit)
        out.append(Figure("count", sentence[start:unit_end].strip(), lo, hi, unit,
                          f"{unit}|{event}" if event else "",
                          _scope(_clause(sentence, start, end)), start))
    return out


def _durations(sentence: str) -> tuple[list[Figure], list[Figure], list[tuple[int, int]]]:
    durations, dates, taken = [], [], []
    if not _DURATION_GATE.search(sentence):
        return durations, dates, taken
    for m in _DURATION.finditer(sentence):
        value = _number(m.group("num"))
        if value is None:
            continue
        taken.append((m.start(), m.end()))
        days = value * _UNIT_DAYS[m.group("unit").lower()]
        hedge = m.group("hedge") or m.group("nhedge")
        lo, hi = _interval(days, hedge)
        if m.group("ago"):
            dates.append(Figure("date", m.group(0).strip(), -hi, -lo, "ago", "", frozenset(),
                                m.start()))
            continue
        after = _WORD.findall(sentence[m.end():m.end() + 40])[:3]
        if after and after[0].lower() == "of":
            after = after[1:]
        activity = next((ACTIVITY_CLASSES[w.lower()] for w in after[:2]
                         if w.lower() in ACTIVITY_CLASSES), "")
        durations.append(Figure("duration", m.group(0).strip(), lo, hi, "days", activity,
                                _scope(_clause(sentence, m.start(), m.end())), m.start()))
    return durations, dates, taken


# a rank whose noun is left out, and where it ranks after it: "Brazil is Latin America's
# biggest economy and the eighth-largest in the world" (DUC d30048t), "the biggest stock
# market operator in Europe and the second biggest in the world"
_ELIDED_IN = re.compile(r"\s*(?:in|of)\s+(?:the\s+)?(?P<where>world|[A-Z][\w’'-]*)\b")
# a country's abbreviation where the noun should be is where it ranks: "the
# seventh-largest US airline" (not "the biggest Christmas to date", "the third biggest PC
# vendor")
_NAME_NOUN = re.compile(r"(?P<where>US|U\.S\.|UK|EU|USA|UAE)\s+(?P<noun>[a-z][a-z-]*)")


# nouns of one thing ranked ("the fifth biggest US carrier", "the seventh-largest US airline")
_RANK_NOUNS = {"carrier": "airline", "lender": "bank", "company": "firm", "nation": "country"}


def _ranks(sentence: str) -> list[Figure]:
    out: list[Figure] = []
    if not _RANK_GATE.search(sentence):
        return out
    last_noun, last_holder = "", ""  # the sentence's rank before, for one that elides both
    for m in _RANK.finditer(sentence):
        owner, ordinal, noun = m.group("owner") or "", m.group("ord"), m.group("noun")
        end = m.end()
        holder = ""
        if noun.lower() in ("in", "of"):
            elided = _ELIDED_IN.match(sentence, m.start("noun") - 1)
            if not last_noun or elided is None or owner:
                continue  # no noun: nothing to compare ("the third biggest in Nigeria in
                # terms of number of branches")
            owner, noun, holder, end = elided.group("where"), last_noun, last_holder, \
                elided.end()
        elif not owner and (named := _NAME_NOUN.match(sentence, m.start("noun"))):
            owner, noun, end = named.group("where"), named.group("noun"), named.end()
        noun = _RANK_NOUNS.get(noun.lower(), noun.lower())
        text = sentence[m.start():end].strip()
        holder = holder or _holder(sentence[:m.start()]) \
            or _holder_through_pronoun(sentence[:m.start()]) or _holder_after(sentence[end:])
        last_noun, last_holder = noun, holder
        if not owner and not ordinal:
            continue  # "the largest such battle": no rank among a named set
        if _MEMBERSHIP.search(sentence[:m.start()]):
            continue  # "one of the world's biggest oil producers": in a top group, no rank
        rank = 1
        if ordinal:
            rank = ordinal_value(ordinal)
        measure = SIZE_WORDS[m.group("sup").lower()]
        key = f"{measure}|{owner.lower()}|{noun}"
        out.append(Figure("rank", text, rank, rank, measure, key, frozenset(), m.start(),
                          holder))
    return out


def _holder_through_pronoun(before: str) -> str:
    """"X ..., making them the largest ...": the first name of the sentence ("" when the
    rank is not stated through such a pronoun, or the sentence names nothing before it)."""
    found = _THROUGH_PRONOUN.search(before)
    if found is None:
        return ""
    for name in _NAME.finditer(before[:found.start()]):
        words = name.group(0).split()
        while words and words[0].lower() in _NOT_HOLDERS | _NOT_APPOSITION | {"a", "an"}:
            words = words[1:]  # "At present, Mr Glazer ...": "At" names nothing
        if words:
            return " ".join(words)
    return ""


def _holder_after(after: str) -> str:
    """The name in apposition right after a rank ("..., the Irish horseracing tycoons JP
    McManus and John Magnier": the longest run of names up to the next comma), "" when
    none or when what follows the comma is a clause ("..., which ...", "..., including
    ...")."""
    found = _APPOSITIVE.match(after)
    if found is None:
        return ""
    text = found.group("text")
    names = list(_NAME.finditer(text))
    if not names or set(text[:names[0].start()].lower().split()) & _NOT_APPOSITION:
        return ""
    holder = max(names, key=lambda n: len(n.group(0).split())).group(0).rstrip(".")
    return "" if holder.lower() in _NOT_HOLDERS else holder


def _holder(before: str) -> str:
    """The name a rank is stated of, from the text right before it ("" when none)."""
    found = _HOLDER.search(before[-80:])
    if found is None:
        return ""
    words = found.group("holder").split()
    if words[0] in ("The", "A", "An") and len(words) > 1:
        words = words[1:]  # "The LSE, Europe's biggest stock exchange"
    holder = " ".join(words)
    # a sentence adverb before a comma ("Separately, the world's largest ...") names nothing
    return "" if holder.lower() in _NOT_HOLDERS or (len(words) == 1 and holder.endswith("ly")) \
        else holder


def same_holder(a: Figure, b: Figure) -> bool:
    """Whether two ranks may be about the same thing: either names no holder, or one
    holder's words hold the other's ("Munich Re" and "Germany's Munich Re"); "Munich Re"
    and "Swiss Re" are two things."""
    if not a.holder or not b.holder:
        return True
    x, y = a.holder.lower().split(), b.holder.lower().split()
    short, long_ = (x, y) if len(x) <= len(y) else (y, x)
    return any(long_[k:k + len(short)] == short for k in range(len(long_) - len(short) + 1))


def _dates(sentence: str) -> list[Figure]:
    out = []
    for m in _DATE.finditer(sentence):
        if m.group("yonly"):
            year = int(m.group("yonly"))
            out.append(Figure("date", m.group("yonly"), year * 12 + 1, year * 12 + 12, "year",
                              "", frozenset(), m.start()))
            continue
        month = _MONTHS[m.group("month").lower()]
        if m.group("month") == "May" and not m.group("year"):
            continue  # the modal verb
        if m.group("year"):
            year = int(m.group("year"))
            out.append(Figure("date", m.group(0), year * 12 + month, year * 12 + month, "month",
                              "", frozenset(), m.start()))
        else:
            out.append(Figure("date", m.group(0), month, month, "month-of-year", "",
                              frozenset(), m.start()))
    return out


def extract_figures(sentence: str) -> list[Figure]:
    """All figures of one sentence, in reading order."""
    durations, ago, taken = _durations(sentence)
    taken += [(m.start(), m.end()) for m in _DATE.finditer(sentence)]
    ranks = _ranks(sentence)
    taken += [(f.start, f.start + len(f.text)) for f in ranks]
    figures = [*durations, *ago, *ranks, *_dates(sentence), *_counts(sentence, taken)]
    return sorted(figures, key=lambda f: f.start)
