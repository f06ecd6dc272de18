"""Key figures: numbers with the words that say what they count ("up to 300 ISIS fighters").

Shared by place briefings and source comparisons. Hand-written regular expressions because
no offline library extracts quantities with their noun phrase from English news text
(quantulum3 needs its own trained model data and does not keep the counted noun).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

log = logging.getLogger(__name__)

# The number vocabulary shared with the comparer's interval parser
# (bot/engine/compare/figures.py): one list of hedges, scale words and number shapes.
HEDGES: tuple[str, ...] = tuple(sorted({
    "up to", "more than", "less than", "fewer than", "at least", "at most", "as many as",
    "as much as", "as few as", "over", "under", "nearly", "almost", "about", "around",
    "roughly", "some", "an estimated", "estimated", "approximately", "close to"},
    key=lambda h: (-len(h), h)))
HEDGE_RE = "|".join(re.escape(h) for h in HEDGES)
SCALES: dict[str, float] = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6,
                            "billion": 1e9, "bn": 1e9, "trillion": 1e12, "tn": 1e12}
SCALE_RE = "|".join(sorted(SCALES, key=lambda w: (-len(w), w)))
NUMBER_RE = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
CURRENCIES = frozenset("$£€¥")  # the marks a figure may open with
# the wires' word for dollars, written before the amount ("cut dlrs 19 billion from the
# deficit", AP in DUC 2004): read as "$"
DOLLARS_WORD = r"\bdlrs\.?\s"


def currency_mark(written: str) -> str:
    """The mark of a currency as a figure writes it: "$" for "US$" and "dlrs"."""
    return written if len(written) <= 1 else "$"


MONTH_NAMES: tuple[str, ...] = ("january", "february", "march", "april", "may", "june", "july",
                                "august", "september", "october", "november", "december")
DAY_NAMES: tuple[str, ...] = ("monday", "tuesday", "wednesday", "thursday", "friday",
                              "saturday", "sunday")
_FIGURE_RE = re.compile(
    rf"(?:\b(?P<qual>{HEDGE_RE})\s+)?"
    rf"(?P<cur>[{''.join(sorted(CURRENCIES))}]|{DOLLARS_WORD})?"
    rf"(?P<num>{NUMBER_RE})(?![\d,]*\w*\d)"
    rf"(?:\s?(?P<scale>{SCALE_RE})\b)?"
    r"(?P<plus>\+)?"
    r"(?P<pct>\s?%|\s?per\s?cent\b|\s?percent\b)?",
    re.IGNORECASE,
)
_WORD = re.compile(r"\s*((?:[A-Z]\.){2,}|[A-Za-z][A-Za-z'’\-]*)")  # ("300 U.S. companies")
# Words that end the counted noun phrase: function words and common verbs (and verbs a
# bare number is the subject of: "A reading above 50 indicates growth", "The UK total of
# 5.3 million translates into ...": no noun ending in "s" there).
_STOP = frozenset("""a an the of in on at to from by for with and or but as is are was were be been
being has have had do does did will would can could may might must shall should that which who
whom whose this these those than then there their its his her our your my it they we you he she
i not no so if when while after before since until during per each every into onto over under
about around up down out off more most less least such own same other another live lived living
remain remained remains fled flee killed died left said says according across against without
last next yesterday today also still now just even only reportedly because where whereas
although though unless whether instead earlier early later currently recently annually
respectively some through compared took gave made went came saw got became began ran
bought brought thought told knew met wrote kept stood
indicates translates represents equates means suggests signals corresponds implies""".split())  # noqa: SIM905
# What happened to what was counted, right after it: "160 people [were] killed", "70,000
# nurses without a pay rise". Auxiliaries are skipped; the label keeps the verb only.
_MEASURE = re.compile(
    r"\s+(?:(?:have|has|had|were|was|are|is|been|being|be|reportedly|already|still|now|"
    r"officially|all|could|would|will|may|might|must|should|can)\s+){0,4}"
    r"(?P<m>in\s+control|without\s+(?:a\s+|an\s+|the\s+)?[A-Za-z-]+(?:\s+(?:rise|home|homes|power|"
    r"water|pay|work|jobs?))?|(?:left\s+)?homeless|dead|missing|injured|wounded|"
    r"fled|died|lost|cut|left|hurt|slain|shot|held|taken|trapped|stranded|remain(?:ed|s|ing)?|"
    r"[a-z]{3,}ed)\b")
# ... or what was done to it, right before it: "killed 300 people", "cut 1,200 jobs".
_MEASURE_BEFORE = re.compile(
    r"\b(?P<m>killed|cut|axed|shed|injured|wounded|displaced|evacuated|rescued|arrested|"
    r"detained|captured|freed|executed|deported|lost|sacked|hired|created|added|raised|"
    r"spent|paid|laid off)\s+$|"
    r"\b(?P<cost>cost)s?\s+(?:(?:the\s+)?(?!(?:by|to|of|from|per|for|in)\s)[a-z]+\s+)?$",
    # "cost (taxpayers) £28.7m", not "cutting costs by $1bn"
    re.IGNORECASE)
# a verb of belief or report (as :data:`_MEASURE` reads one: a regular past) says what
# happened only with the participle it introduces
_HEDGES = frozenset(("believed", "feared", "reported", "presumed", "suspected", "considered",
                     "reckoned"))
_TO = re.compile(r"\s+to\b")
_HEDGED = re.compile(r"\s+to\s+(?:have\s+been|be)\s+(dead|missing|homeless|[a-z]{3,}ed|"
                     r"hurt|slain|shot|held|taken|lost|cut|left)\b")
# a verb's particle is part of what it says: "signed up", "turned out", "walked off"
_PARTICLE = re.compile(r"\s+(up|out|off|down)\b(?!-)")
# ... or a noun of what was done to it: "the wrongful jailing of 11 people" (11 people jailed).
_DONE_TO = {"killing": "killed", "killings": "killed", "jailing": "jailed", "arrest": "arrested",
            "arrests": "arrested", "evacuation": "evacuated", "release": "released",
            "detention": "detained", "deportation": "deported", "rescue": "rescued",
            "execution": "executed", "executions": "executed", "displacement": "displaced",
            "sacking": "sacked", "dismissal": "dismissed", "murder": "murdered",
            "murders": "murdered", "deaths": "dead", "death": "dead", "loss": "lost"}
_NOUN_BEFORE = re.compile(r"\b(?P<m>" + "|".join(sorted(_DONE_TO, key=len, reverse=True))
                          + r")\s+of\s+$", re.IGNORECASE)
_NOT_MEASURE = frozenset(("based", "aged", "used", "need", "united", "related", "red", "bed",
                          "shed", "feed", "speed", "seed", "hundred", "expected", "needed",
                          "required", "allowed", "supposed", "estimated", "compared"))
_TIME_UNITS = frozenset({"hours", "hour", "days", "day", "weeks", "week", "months", "month",
                         "years", "year", "minutes", "minute", "seconds", "second", "am", "pm",
                         "st", "nd", "rd", "th",
                         # a clock time's zone: "at 2243 GMT", "from 1130 to 1215 GMT"
                         "gmt", "utc", "bst", "cet", "est", "edt", "pst", "pdt",
                         "a.d.", "b.c.", "c.e.", "b.c.e.",  # (and a year's era: "190 A.D.")
                         "hrs", "hr", "mins", "secs", "yrs", "yr"})  # ("23 hrs straight")
_MONTHS = re.compile(rf"(?:{'|'.join(MONTH_NAMES)}|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|"
                     r"nov|dec)\.?\s*$", re.IGNORECASE)
MAX_NOUN_WORDS = 4
# "10 Downing Street" is an address, not a count of streets.
_ADDRESS = frozenset(("street", "road", "avenue", "lane", "square", "place", "way", "drive",
                      "boulevard", "st", "rd", "ave"))

# a capitalised word before a number that is no count: "Windows 98", "Chapter 11", "the
# FTSE 100 index", "Half-Life 2" (a possessive is no name: "the UK's 70,000 BSL users")
_NAME_BEFORE = re.compile(r"(?<=\s)[A-Z][\w.-]*(?<!['’]s)\s+$")
_UNIT_AFTER = re.compile(r"(?:[kKMGT](?:bps|Bps|b|B|Hz|W|Wh)|mph)\b")
# the units a number is written glued to ("3km", "50pc", "9ins"); other letters glued to a
# number make a name ("security firm 3ami", "802.11b") or an ordinal ("50th")
_GLUED = re.compile(r"[A-Za-z]+")
GLUED_UNITS = frozenset({"p", "c", "pc", "km", "cm", "mm", "m", "mg", "kg", "g", "ml", "l",
                         "ft", "in", "ins", "mph", "kph", "gb", "mb", "kb", "tb", "mbps",
                         "kbps", "gbps", "ghz", "mhz", "hz", "kw", "mw", "gw", "kwh", "s"})


def _unit(word: str) -> bool:
    """Letters a number is written glued to as a unit: one of :data:`GLUED_UNITS`, or one
    :data:`_UNIT_AFTER` already accepts after a capital ("5GWh", "100kHz")."""
    return word.casefold() in GLUED_UNITS or bool(_UNIT_AFTER.fullmatch(word))


# a year and a dash before one or two digits: the end of a span of years ("the 1973-90
# rule", "the 1994-95 season", "in 1950-53", "the 2005-6 budget"), no count
_YEAR_SPAN = re.compile(r"(?<!\d)(?:1[89]|20)\d\d[-–]$")


# a bare number after "top" ranks, and one after "one in" or "nine out of" is the base of
# a share: neither counts what follows it ("the top 10 gadgets", "one in 10 US adults").
# Not "top" the verb ("could top 400 stores"), nor "12 in 3 raids" (a count, then another)
_RANKED_OR_ODDS = re.compile(
    r"(?:(?<!\bto )(?<!\bcan )(?<!\bmay )(?<!\bwill )(?<!\bcould )(?<!\bmight )"
    r"(?<!\bshould )(?<!\bwould )\btop"
    r"|\b(?:1|one|two|three|four|five|six|seven|eight|nine|ten)\s+in"
    r"|\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+out\s+of)\s+$",
    re.IGNORECASE)


def _in_a_name(text: str, m: re.Match[str]) -> bool:
    """The number of figure match ``m`` belongs to a name: glued to letters ("G7", "MP3",
    "F-16", "3D") or after a capitalised word, unless a hedge, a scale or a
    share says it counts ("Chapter 11 protection" is a name, "Varig 2bn reais" and
    "Gartner More than 167 million handsets" are counts); or what is written right before
    it makes it no count of its own (a fraction, a calibre, the end of a span of years)."""
    start, end = m.span("num")
    before = text[start - 1:start]
    if before.isalnum() or (before == "-" and text[start - 2:start - 1].isupper()):
        return True
    if text[end:end + 1].isupper() and not _UNIT_AFTER.match(text, end):
        return True  # "3D", "3G", but "40Mbps" and "5GB" are measures
    if before == "/":
        return True  # "2/3rds", "24/7": a fraction or a name, no count
    if before == "." and not text[start - 2:start - 1].strip():
        return True  # a decimal without its nought, a calibre (".22 calibre rifle")
    if end - start <= 2 and _YEAR_SPAN.search(text, max(0, start - 5), start):
        return True  # "the 1975-90 civil war"
    if not m.group("scale") and not m.group("pct") and (glued := _GLUED.match(text, end)) \
            and not _unit(glued.group()):
        return True  # "3ami", the security firm; "802.11b"
    if m.group("qual") or m.group("scale") or m.group("pct"):
        return False
    if _RANKED_OR_ODDS.search(text, max(0, start - 14), start):
        return True  # "the top 100 gadgets", "one in 20 chance", "nine out of 10 voters"
    word = _NAME_BEFORE.search(text, 0, start)
    name = word.group().strip() if word is not None else None
    if name is None and (first := _OPENING_NAME.fullmatch(text, 0, start)):
        # the sentence's first word is capitalised anyway: a name unless it is a word
        # ("Halo 2 won three awards", "Commodore 64 enthusiasts"; not "However 60%")
        lower = first.group(1).casefold()
        if lower not in _STOP and lower not in _OPENING_WORDS \
                and not lower.endswith(("ly", "ever")):
            name = first.group(1)
    return name is not None and name.rstrip(".").casefold() not in DAY_NAMES \
        and not _MONTHS.match(name)


# "and", at most one word, then a plural noun: the end of a count's noun phrase cut at
# "and" ("10 sexual misconduct and corruption charges", "2,000 business and political
# leaders")
_AND_PLURAL = re.compile(r"\s+(and\s+(?:[a-z][\w-]*\s+)?[a-z][\w-]*[^s\W]s)\b")
# a sentence's first word before a number, and the words there that are no names
_OPENING_NAME = re.compile(r"[\W_]*([A-Z][\w.-]*)\s+")
_OPENING_WORDS = frozenset("""meanwhile overall altogether together already also even still
yet now today yesterday tomorrow last next another each every both many several only just
nearly almost around roughly approximately some about fewer like despite among although
though because since without after before between within across against along beyond
including except plus minus all most half""".split())  # noqa: SIM905


# "$6.8bn (£3.6bn)", "100m euros (£70m; $136m)", "$99 (£69 in the UK)": a figure in
# brackets right after another converts it; it says nothing of its own
_CONVERTS = re.compile(r"(?:\d[\d.,]*\s*(?:[A-Za-z]+\s*){0,2}\(|\([^()]*;)\s*$")


def is_conversion(text: str, start: int) -> bool:
    """The figure at ``start`` is an amount in brackets right after another figure: it
    converts that one into another currency. A share there is a figure of its own ("300
    cases (54% of them)")."""
    figure = _FIGURE_RE.match(text, start)
    if figure is not None and figure.group("pct"):
        return False
    return bool(_CONVERTS.search(text, max(0, start - 40), start))


@dataclass(frozen=True, slots=True)
class Figure:
    """A number in context. ``unit`` is what is counted ("ISIS fighters", "%", "£")."""

    text: str
    value: float
    unit: str
    span: tuple[int, int]
    qualifier: str = ""
    measure: str = ""  # what happened to what is counted: "killed", "fled", "without pay"

    @property
    def label(self) -> str:
        """The figure with its measure: "over 160 people killed", not "over 160 people"."""
        return f"{self.text} {self.measure}" if self.measure else self.text

    @property
    def share_or_amount(self) -> bool:
        """A "%" or a sum of money: no counted noun says what it is."""
        return self.unit == "%" or self.unit in CURRENCIES

    def to_dict(self) -> dict[str, object]:
        return {"text": self.text, "value": self.value, "unit": self.unit,
                "measure": self.measure, "label": self.label}


# A lower-case plural ends what is counted ("about 100 employees [due to ...]", "600,000
# connections [take the total]", "20 countries [found]"): the word after it is a verb, an
# adverb or a new phrase, not more of the noun. Not these, which end in "s" but go on ("911
# sports cars", "10 overseas posts", "50 metres butterfly", "10 times faster"), nor a
# hyphenated word or a possessive ("with-profits investors", "12 hour's worth"). A
# comparative or a direction after the plural still says what the figure is: "15 points
# higher", "330 miles south".
_GOES_ON = frozenset(("news", "series", "species", "means", "sales", "sports", "overseas",
                      "times", "metres", "meters", "arms", "goods", "savings", "earnings"))
# comparatives a figure's words end on (bot.engine.measured adds "more", "less", "greater")
COMPARATIVES = frozenset(("higher", "lower", "fewer", "cheaper", "dearer", "bigger", "smaller",
                          "larger"))
_SAYS_MORE = COMPARATIVES | frozenset(("faster", "slower", "longer", "shorter", "upstream",
                                       "downstream", "away"))
_DIRECTION = re.compile(r"(?:north|south)(?:-?(?:east|west))?|east|west")


def _ends_noun(word: str, after: str = "") -> bool:
    """A plural that ends the counted noun phrase (see :data:`_GOES_ON`): a lower-case one,
    or a capitalised one (a people's, a party's, an acronym's: "Some 41 Kurds [declared]",
    "45 Democrats [plus]", "Some 83 MPs [gave]") when the word ``after`` it is a lower-case
    word that is no plural itself ("3,000 Hamas supporters", "Charles Kennedy" go on)."""
    if not word.endswith("s") or word.endswith(("ss", "us", "is", "ics")) \
            or word.casefold() in _GOES_ON or any(c in word for c in "-'’"):
        return False
    if word[:1].islower():
        return len(word) >= 4
    return len(word) >= 3 and not _unit(word) \
        and after[:1].islower() and not _ends_noun(after)  # ("8Mbps service" goes on)


# A distance followed by a direction or a word that places one thing from another says
# where something is, and counts nothing: "some 2,000 kilometers (1,200 miles) southeast
# of Jakarta", "about 20 miles from Lille", "240 miles above the Earth", "200 metres away"
# (not a length: "measuring about 77 feet from end to end")
_DISTANCE_UNITS = frozenset(("km", "kilometres", "kilometers", "kilometre", "kilometer",
                             "miles", "mile", "metres", "meters", "m", "feet", "ft", "yards"))
_PLACED_BY = re.compile(
    rf"\s*(?:\([^()]*\)\s*)?(?:(?:{_DIRECTION.pattern})(?:ward|wards|ern)?"
    r"|from(?![^.,;:]{0,30}\bto\b)|away|apart|above|below|beneath|off|outside|inland|offshore"
    r"|up|down|short)\b",
    re.IGNORECASE)
# a time of day: "3 p.m.", "11:43 p.m." (the minutes after a colon: "11:43", "1:24")
_CLOCK_AFTER = re.compile(r"\s?[ap]\.m\.", re.IGNORECASE)
_CLOCK_BEFORE = re.compile(r"\d:$")
# what a multiple is of: "times more likely", "times as much", "times faster"
_TIMES_WHAT = re.compile(
    r"\s+(?:(?:more|less)\s+(?!than\b)[a-z-]+|as\s+(?:much|many|[a-z]+\s+as)|"
    + "|".join(sorted(COMPARATIVES | {"faster", "slower", "longer", "shorter"})) + r")\b")
# the base of a rate after a figure: "per 100 people"
_PER = re.compile(r"\s+per\s+(?=[\d$£€])", re.IGNORECASE)
_PER_BEFORE = re.compile(r"\bper\s+$", re.IGNORECASE)
# a distance per unit of time is a speed ("3km/h", "winds of up to 80 kilometres an hour")
_PER_TIME = re.compile(r"/h\b|/hr\b|/s\b|\s+(?:an|a|per)\s+(?:hour|second|minute)\b",
                       re.IGNORECASE)
# A number after an article or a possessive pronoun, with at most three adjectives
# between, before a singular noun names the thing or a level, it counts none: "its new
# long-distance 777 plane", "an 18 certificate", "the 25,000 mark", "a 6 figure salary"
# (a count's noun is plural: "a further 70 aircraft", "the 300 policemen", "a record
# 50,000 people")
_A_THING_BEFORE = re.compile(r"(?:\b(?:[Aa]n?|[Tt]he|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er|[Oo]ur)|"
                             r"\b[A-Z][\w&-]*['’]s)\s+"  # (or a name's: "Boeing's 777 line")
                             r"((?:[a-z][\w'’-]*\s+){0,3})$")
# a measure's unit in a thing's description keeps its figure: "a 30GB version", "a 9.0
# magnitude earthquake", "the 100 metres butterfly", "a 912km pipeline"
_UNIT_WORDS = frozenset("""gb mb kb tb mw kw gw ghz mhz mm cm km kg ft mph pc kbps mbps
gbps kilobit megabit gigabit kilobyte megabyte gigabyte megapixel gigapixel inch mile miles
acre hectare tonne metre meter metres meters kilometre kilometer kilometres kilometers
litre liter degree magnitude kilogram kilogramme gram ton ounce gallon foot yard
yuan baht rand euro pence kronor kroner rupiah naira lira rouble ruble dollar pound peso
rupee franc krona krone shekel dinar riyal ringgit""".split())  # noqa: SIM905
# nouns that count in the singular, and words for people counted ("the 25,000 dead")
_COUNTS_SINGULAR = frozenset("""people men women children police staff personnel aircraft
cattle sheep fish deer crew troop feet teeth geese mice population workforce majority crowd
audience electorate dead missing homeless elderly poor unemployed""".split())  # noqa: SIM905


def _singular(unit: str) -> bool:
    """Whether a count's words name one thing (a guess from their endings): the last is a
    singular noun and none is plural ("planes"; "business" is singular) or counts in the
    singular ("people found guilty", :data:`_COUNTS_SINGULAR`); a participle or adverb
    last ("affected", "worldwide") is a measure, not a noun."""
    words = unit.split()
    last = words[-1]
    return (last.isalpha() and last.islower() and len(last) >= 4
            and not last.endswith(("ed", "ing", "ly", "wide", "side"))
            and not any((w.endswith("s") and not w.endswith("ss")) or w in _COUNTS_SINGULAR
                        for w in map(str.casefold, words)))


# a past tense with its object after it is what the counted thing did, not a noun of it:
# "the 767 jetliner averted a potentially serious incident", "about 500 students ended
# their noisy but peaceful rally", "a 6,800 kilogram bomb called the Daisy Cutter"
_ACTIVE_PAST = re.compile(r"[a-z]{3,}ed")
_OBJECT_AFTER = re.compile(
    r"\s+(?:(?:the|a|an|their|his|her|its|our|your|my|this|these|those|that|them|themselves|"
    r"him|himself|it|us|more|less|some|several|another|both|two|three|four|five|six|seven|"
    r"eight|nine|ten|dozens|hundreds|thousands|millions)\b|\d)")
# ... or a name, after the verb that may follow the count ("17 people considered Anwar
# associates"; not a day: "killed Monday"; inside the noun phrase "460 unarmed
# Palestinians" is an adjective and its noun)
_NAME_AFTER = re.compile(
    r"\s+(?!(?:" + "|".join(w.capitalize() for w in DAY_NAMES + MONTH_NAMES)
    + r")\b)[A-Z][a-z]")
# ... but a passive is what was done to the counted: "14,000 new jobs were created that
# month" (an auxiliary of "be" between the count and the verb)
_PASSIVE = re.compile(r"\b(?:is|are|was|were|be|been|being)\b")


def _past(word: str) -> bool:
    """A regular past tense or participle that may say what happened ("ended", "detained";
    not "based", "aged": :data:`_NOT_MEASURE`)."""
    return bool(_ACTIVE_PAST.fullmatch(word)) and word not in _NOT_MEASURE


def _active_past(text: str, word: re.Match[str], *, names: bool = False) -> bool:
    """``word`` (a :data:`_WORD` match) is a past tense with its object after it (or,
    with ``names``, a name: :data:`_NAME_AFTER`)."""
    return _past(word.group(1)) and bool(_OBJECT_AFTER.match(text, word.end()) or (
        names and _NAME_AFTER.match(text, word.end())))


# time adverbs that may follow a count and are no part of what it counts ("output from
# about 2,000 presently"); words of scope stay ("50,000 people worldwide")
_ADVERBS_AFTER = frozenset(("presently", "initially", "originally", "previously",
                            "eventually", "altogether", "apiece"))
# adverbs a participle of the noun may follow ("the 14 already allocated")
_ADVERBS_BEFORE = frozenset(("already", "now", "still", "also", "just", "since", "newly"))


def _noun_phrase(text: str, pos: int) -> tuple[str, int]:
    words: list[str] = []
    end = pos
    while len(words) < MAX_NOUN_WORDS:
        m = _WORD.match(text, end)
        if not m or m.group(1).casefold() in _STOP or _active_past(text, m) \
                or m.group(1) in _ADVERBS_AFTER or (
                    words and not words[-1].endswith("ly")
                    and words[-1] not in _ADVERBS_BEFORE and _past(m.group(1))) or (
                    m.group(1).endswith("ly") and (verb := _WORD.match(text, m.end()))
                    and _active_past(text, verb)):
            break  # (a participle after a noun, an adverb after the noun or before what
            # the counted did is no part of it: "28 people detained globally", "from about
            # 2,000 presently", "Only 15 successfully argued themselves out", "The FSA's 60
            # strong investigation team looked into"; a participle after an adverb is:
            # "2,300 allegedly unregistered missile warheads", "the 14 already allocated")
        words.append(m.group(1))
        end = m.end()
        after = _WORD.match(text, end)
        if _ends_noun(m.group(1), after.group(1) if after else ""):
            if after and (after.group(1) in _SAYS_MORE or _DIRECTION.fullmatch(after.group(1))):
                words.append(after.group(1))
                end = after.end()
            break
    return " ".join(words), end


# a bare number and a figure that share its noun: "between 200 and 300 people", "12-15 dead"
_RANGE_TO = re.compile(r"\s*(?:-|–|to|and|or)\s*")
_DASH = re.compile(r"[-–]")  # unspaced: "June 3 - 400 people died" is a date, then a count
_BETWEEN = re.compile(r"\b(?:between|from)\s+$", re.IGNORECASE)


def _after_dash(text: str, end: int) -> int:
    """Where the number after a dash at ``end`` ends ("12-15": 15's end), else -1."""
    to = _DASH.match(text, end)
    nxt = _FIGURE_RE.match(text, to.end()) if to else None
    return nxt.end() if nxt else -1


def extract_figures(text: str) -> list[Figure]:
    """Every figure in ``text`` that counts something; years, dates and durations are skipped.

    A range is one figure: "between 200 and 300 people killed", not "300 people killed"
    (the lower bound alone counts nothing, so it is joined to the figure it bounds).
    """
    out: list[Figure] = []
    low: int | None = None  # where a bare lower bound began, while the next match may end it
    skip_to = -1  # the end of a number read with the one before it ("Dec. 12-15", "2-1")
    for m in _FIGURE_RE.finditer(text):
        range_start, low = low, None  # (the match right after the bound: no hedge in between)
        speed = False
        if m.start("num") < skip_to:
            continue
        num = m.group("num")
        value = float(num.replace(",", ""))
        scale = (m.group("scale") or "").casefold()
        if scale:
            value *= SCALES[scale]
        is_year = "," not in num and "." not in num and len(num) == 4 and 1800 <= value <= 2100
        before = text[: m.start()]
        if is_year and not m.group("cur") and not m.group("pct"):
            continue
        if _CLOCK_AFTER.match(text, m.end()) or _CLOCK_BEFORE.search(before):
            continue  # a time of day: "shortly after 3 p.m.", "alerted at 11:43 p.m."
        if _PER_BEFORE.search(before):
            continue  # the base of a rate: "broadband users per 100 people"
        if _MONTHS.search(before) and value <= 31:
            skip_to = _after_dash(text, m.end())  # (and the end of a span: "Dec. 12-15 trip")
            continue  # a date ("June 3")
        if not m.group("cur") and _in_a_name(text, m):
            continue  # "G7 finance ministers", "F-16 warplanes", "Chapter 11 protection"
        if m.group("cur"):
            unit, end = currency_mark(m.group("cur")), m.end()
        elif m.group("pct"):
            unit, end = "%", m.end()
        else:
            unit, end = _noun_phrase(text, m.end())
            if unit and (more := _AND_PLURAL.match(text, end)) and _singular(unit) \
                    and unit.split()[-1].casefold() not in _UNIT_WORDS:
                # "10 sexual misconduct and corruption charges": the counted noun is after it
                unit, end = f"{unit} {more.group(1)}", more.end()
            head = unit.split()[0].casefold() if unit else ""
            if head == "s":
                continue  # a decade or an age band: "the '80s", "over-65s", "in their 30s"
            if not head and (to := _RANGE_TO.match(text, m.end())):
                # (the upper end of a bare range bounds no other: "aged 30-39 and 14% of")
                if (range_start is None and (nxt := _FIGURE_RE.match(text, to.end()))
                        and not nxt.group("qual")):
                    if _DASH.fullmatch(to.group()) and not nxt.group("scale") and float(
                            nxt.group("num").replace(",", "")) < value:
                        skip_to = nxt.end()  # a falling "range" is a score, a vote or a
                        continue  # ratio: "a 2-1 decision", "a 3-0 victory", "60-40 rule"
                    between = _BETWEEN.search(text, max(0, m.start() - 12), m.start())
                    low = between.start() if between else m.start()
                continue  # a bare number: the lower bound of a range, if one follows
            if not head or _MONTHS.match(head) or any(
                    w.casefold().rstrip("'’").removesuffix("'s").removesuffix("’s")
                    in _TIME_UNITS for w in unit.split()):
                continue  # a bare number, a date ("3 March") or a duration, its unit first
                # or not: "3 years", "47 continuous years", "18 months' time"
            if unit.split()[-1].casefold() in _ADDRESS and unit[0].isupper():
                continue  # an address
            if unit.split()[0].casefold() in _DISTANCE_UNITS:
                if _PLACED_BY.match(text, end) or _DIRECTION.fullmatch(unit.split()[-1].casefold()):
                    continue  # where something is: "40 kilometers (25 miles) southeast of
                    # Dili", "80 kilometres north of the capital Lima"
                if per := _PER_TIME.match(text, end):  # a speed: "3km/h", "80 kilometres an
                    unit, end, speed = unit + per.group(), per.end(), True  # hour"; nothing
                    # is done to a speed ("winds of up to 80 kilometres an hour fanned")
            thing = _A_THING_BEFORE.search(before)
            if thing is not None and not m.group("qual") and value != 1 and _singular(unit) \
                    and not any(w in _STOP or w in _TIME_UNITS for w in thing.group(1).split()) \
                    and not any(w.casefold() in _UNIT_WORDS
                                for w in unit.replace("-", " ").split()):
                continue  # a model, a rating, a level: "its new 777 plane", "the 25,000 mark"
        if unit.split()[-1:] == ["times"] and (more := _TIMES_WHAT.match(text, end)):
            # a multiple keeps what it multiplies: "1.9 times more likely", "14 times as
            # much", not "1.9 times"
            unit, end = unit + more.group(), more.end()
        if (per := _PER.match(text, end)) and (base := _FIGURE_RE.match(text, per.end())):
            # a rate keeps its base, which counts nothing of its own: "7.5 connections per
            # 100 people", "$2 per 1,000 cubic metres"
            end = _noun_phrase(text, base.end())[1] if not base.group("cur") else base.end()
            skip_to = end
        start = m.start()
        measure = None if speed else _MEASURE.match(text, end)
        if range_start is not None:
            start = range_start
        verb = measure.group("m") if measure else ""
        if verb.casefold() in _NOT_MEASURE or (
                measure and unit and unit != "%" and unit not in CURRENCIES
                and not _PASSIVE.search(text, end, measure.start("m"))
                and _active_past(text, _WORD.match(text, measure.start("m")), names=True)):
            verb = ""  # what the counted did: "about 500 students ended their rally" is
            # "about 500 students" (a share keeps it: "63% supported a hunting ban"; a
            # passive is what was done to them: "14,000 new jobs were created that month")
        elif verb.casefold() in _HEDGES and _TO.match(text, measure.end("m")):
            # what is believed of them is what happened: "more than 100,000 people are
            # believed to have been killed" is "... believed killed" (was "... believed"),
            # else nothing ("fighters are believed to have scattered into the hills")
            done = _HEDGED.match(text, measure.end("m"))
            verb = f"{verb} {done.group(1)}" if done else ""
        elif verb and (particle := _PARTICLE.match(text, measure.end("m"))):
            verb += " " + particle.group(1)  # "Some 600 schools signed up", "2,000 people
            # had turned out", not "... signed", "... turned"
        if not verb:
            done = _MEASURE_BEFORE.search(text, max(0, start - 30), start)
            verb = (done.group("m") or done.group("cost")).lower() if done else ""
        if not verb and (noun := _NOUN_BEFORE.search(text, max(0, start - 30), start)):
            verb = _DONE_TO[noun.group("m").lower()]
        out.append(Figure(text[start:end].strip(), value, unit, (start, end),
                          (m.group("qual") or ("+" if m.group("plus") else "")).casefold(),
                          verb))
    return out
