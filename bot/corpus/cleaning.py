"""Boilerplate removal: what a reader would skip never reaches an answer.

Cleaning works on blocks (paragraph-sized lines) first, then on sentences,
because some notices sit inside a paragraph ("(Source: The National) All
Content by ... is licensed under ...").
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field

# Invisible and direction-changing characters: never meaningful in news prose,
# and a way to disguise text (hostile corpus files).
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# Each rule is (pattern, needles): the pattern is only tried when the casefolded
# text contains one of the needles (None = always). One alternation of every
# pattern loses the regex engine's literal-prefix speed-ups, and cleaning is the
# largest share of a cold corpus load; the needle test is a C substring search.
_Rule = tuple[str, tuple[str, ...] | None]
_BLOCK_PATTERNS: list[_Rule] = [
    (r"^you are here:?$", None),
    (r"^home\s*(>|»|›|/)", None),  # breadcrumbs
    (r"(\S\s*(>|»|›)\s*){2,}", (">", "»", "›")),
    (r"^(photo|image|picture|credit|photograph|file photo)s?\b.{0,80}$", None),
    (r"^\(?(reuters|ap|afp|getty images|epa|associated press)\s*/.{0,60}$", None),
    (r"\blogo$", ("logo",)),
    (r"^font size:?", None),
    (r"^(text|font)\s*size\b", None),
    (r"^by\s+[A-Z][\w.'’-]+(\s+[A-Z][\w.'’-]+){0,3}(,.*)?$", None),
    (r"^[A-Z][\w.'’-]+(\s+[A-Z][\w.'’-]+){1,3}\s+(\S+/)?[\w ]{0,40}"
     r"(reporter|correspondent|editor|writer|columnist|contributor)$", None),
    (r"^follow\b.{0,80}\bon (twitter|x|facebook|instagram|threads|bluesky|linkedin)\.?$", None),
    (r"^(send|email|e-mail) (us )?(your )?(news )?tips?\b", None),
    (r"^(contact|reach)\b.{0,80}\b(at|via)\b", None),
    (r"\b(all rights reserved|copyright ©|©\s*\d{4})", ("all rights reserved", "©")),
    (r"\bavailable without charge to any legitimate news publisher\b",
     ("available without charge",)),
    (r"^(share|tweet|print|email) (this|on)\b", None),
    (r"^(advertisement|sponsored|related( articles| stories)?|read more|click here)\b", None),
    (r"^(sign up|subscribe)\b.{0,80}(newsletter|updates)", None),
]
_SENTENCE_PATTERNS: list[_Rule] = [
    (r"[\w.+-]+@[\w-]+\.[\w.-]+", ("@",)),  # e-mail addresses
    (r"\blicen[cs]ed under\b", ("licen",)),
    (r"\bcreative commons\b", ("creative commons",)),
    (r"\brepublish", ("republish",)),
    (r"^\(?source:\s", None),
    (r"\ball content (created )?by\b", ("all content",)),
    (r"\bfor any questions about our guidelines\b", ("for any questions",)),
    (r"\bsend tips to\b", ("send tips",)),
    (r"^follow\b.{0,60}\bon twitter\b", None),
    (r"\ball rights reserved\b", ("all rights reserved",)),
]


def _compile(rules: list[_Rule]) -> list[tuple[re.Pattern[str], tuple[str, ...] | None]]:
    return [(re.compile(p, re.IGNORECASE), needles) for p, needles in rules]


BLOCK_BOILERPLATE = _compile(_BLOCK_PATTERNS)
SENTENCE_BOILERPLATE = _compile(_SENTENCE_PATTERNS)


def _matches(rules: list[tuple[re.Pattern[str], tuple[str, ...] | None]], text: str) -> bool:
    folded = text.casefold()
    return any((needles is None or any(n in folded for n in needles)) and rx.search(text)
               for rx, needles in rules)


_TERMINAL = re.compile(r"[.!?…:;\"”’')\]]$")
_NUMBERED = re.compile(r"^\(?\d{1,2}[.)]\s+\S")
_PERSON_NAME = re.compile(r"^[A-Z][a-z'’-]+(\s+[A-Z]\.?)?(\s+[A-Z][a-z'’-]+){1,2}$")


def normalise_text(text: str) -> str:
    """NFC, no invisible or control characters, Unix newlines; an apostrophe a converter
    turned into "¿" between two letters ("Mr Blair¿s government") is an apostrophe again."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _LOST_APOSTROPHE.sub("’", _INVISIBLE.sub("", text))
    return _CONTROL.sub(" ", text)


# An inverted question mark opens a Spanish question, after a space; between two letters it
# is a curly apostrophe lost in a conversion (the BBC set's "person&#191;s health": 3 such).
_LOST_APOSTROPHE = re.compile(r"(?<=[^\W\d_])¿(?=[^\W\d_])")
# A character reference or named entity in plain text ("communiqu&#233;", "&gt;"): the
# article was taken from a web page with its escapes left in (the BBC set: 19 in 16 of its
# 1,328 articles, "&#233;" 13 times).
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def unescape_entities(text: str) -> str:
    """Plain text with the HTML escapes a web page left in it read as their characters
    ("communiqu&#233;" -> "communiqué"; an "&" that is no escape, as in "AT&T", stays); the
    "¿" an escaped apostrophe becomes between letters is an apostrophe
    (:func:`normalise_text`)."""
    if "&" not in text:
        return text
    return normalise_text(_ENTITY.sub(lambda m: html.unescape(m.group(0)), text))


def is_boilerplate_block(block: str) -> bool:
    return _matches(BLOCK_BOILERPLATE, block.strip())


def is_boilerplate_sentence(sentence: str) -> bool:
    return _matches(SENTENCE_BOILERPLATE, sentence)


def is_heading(block: str) -> bool:
    """A short standalone line without closing punctuation, or a numbered list title."""
    words = block.split()
    if not words:
        return False
    if _NUMBERED.match(block) and len(words) <= 16:
        return True
    return len(words) <= 12 and not _TERMINAL.search(block.strip())


MAX_FURNITURE = 6  # page-furniture blocks read past before the title
# Words a headline leaves in lower case ("Victory in Mosul", "Score Their Biggest Victory
# Over ISIS Yet" capitalises every other word).
_HEADLINE_SMALL = frozenset((
    "a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for", "by",
    "with", "from", "as", "into", "onto", "off", "up", "out", "over", "via", "vs", "per", "is",
    "are", "was", "be", "than",
))
_HEADLINE_WORD = re.compile(r"[^\W\d_][\w'’-]*")
MIN_HEADLINE_WORDS = 3  # capitalised words a headline-case line needs


def headline_case(block: str) -> bool:
    """Whether a line is written in headline case: every word but the small ones
    (articles, short prepositions and conjunctions) capitalised, at least
    :data:`MIN_HEADLINE_WORDS` of them. Prose capitalises only names and its first word."""
    words = [w for w in _HEADLINE_WORD.findall(block) if w.casefold() not in _HEADLINE_SMALL]
    return len(words) >= MIN_HEADLINE_WORDS and all(w[0].isupper() for w in words)


@dataclass
class CleanedText:
    """Paragraphs of prose, each tagged with the heading above it."""

    title: str
    paragraphs: list[tuple[str, str]] = field(default_factory=list)  # (section, text)
    headings: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)


def split_blocks(text: str) -> list[str]:
    """Paragraph blocks: blank-line separated; single newlines join lines of one block
    unless the lines look like separate short items (headings, credits)."""
    blocks: list[str] = []
    for chunk in re.split(r"\n\s*\n", text):
        lines = [ln.strip() for ln in chunk.split("\n") if ln.strip()]
        if not lines:
            continue
        current: list[str] = []
        for line in lines:
            standalone = is_heading(line) or is_boilerplate_block(line)
            if standalone:
                if current:
                    blocks.append(" ".join(current))
                    current = []
                blocks.append(line)
            else:
                current.append(line)
        if current:
            blocks.append(" ".join(current))
    return blocks


def _fold(s: str) -> str:
    return re.sub(r"\W+", " ", s.casefold()).strip()


# A wire story's dateline before its first sentence: "JAKARTA, Indonesia (AP) - As a U.N.
# envoy ...", "INNSBRUCK, Austria (AP) -- Italian authorities ...", "WASHINGTON _ NASA and
# ..." (DUC 2004), "LONDON, Dec 6 (Reuters) - ". The place in capitals, perhaps its
# country or state, its day and the agency, then a dash: where and when the story was
# filed, not what it says.
_AGENCY = r"AP|Reuters|AFP|UPI|Bloomberg|dpa|DPA|Xinhua|CNN|PA|ANSA|Kyodo|IANS|PTI|NYT"
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’-]{2,}(?:\s+[A-Z][A-Z.'’-]+){0,3})"  # the place, in capitals
    r"(?P<more>,\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,2})?"  # ", Indonesia"
    r"(?P<day>,?\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
    r"\s+\d{1,2})?"  # (Reuters: "LONDON, Dec 6 (Reuters) - ")
    rf"(?P<agency>\s*\((?:{_AGENCY})\))?"
    r"\s+(?:--?|—|–|_)\s+(?=[A-Z`'‘\"“])")


def strip_dateline(paragraph: str) -> tuple[str, str]:
    """The paragraph without its opening dateline, and the dateline ("" when none). A
    bare place of fewer than five letters is taken for an acronym ("NATO - The ...")."""
    m = _DATELINE.match(paragraph)
    if m is None or not (m.group("more") or m.group("agency") or m.group("day")
                         or sum(c.isalpha() for c in m.group("place")) >= 5):
        return paragraph, ""
    return paragraph[m.end():], m.group(0).strip()


# A heading run into the sentence after it, in capitals: "INKATHA The Commission finds
# ...", "BUSINESS Business was central ...", "P.W. BOTHA During the period ..." (an
# excerpted report, DUC d31001t), "ADVANCE WARS DS The UK Nintendo DS launch line-up ..."
# (a games round-up, BBC tech/244). Capital words, then a word that opens a sentence (or
# the heading's own word, "BUSINESS Business"); three capital words or more may precede any
# capitalised word ("DEAD OR ALIVE ULTIMATE Tecmo's Team Ninja are back"). An acronym
# before a title stays ("FUNCINPEC President Prince Norodom Ranariddh", "UNICEF Director").
_CAPS_WORD = r"[A-Z][A-Z.'’&-]*[A-Z.]"
_RUN_IN_HEADING = re.compile(
    rf"^(?P<heading>{_CAPS_WORD}(?:,?\s+{_CAPS_WORD})*)\s+(?P<next>[A-Z][a-z][\w'’]*)")
_SENTENCE_OPENERS = frozenset("""The A An In On At It Its This That These Those There He She
They We During While After Before Following As For When Since Although Though Despite
Under With From By If Is Are Was Were""".split())  # noqa: SIM905
# the New York Times wire's slug before a story: "BILL GATES, WHIPPING BOY c.1998 N.Y.
# Times News Service Is Bill Gates a high-tech Machiavelli ...?" (DUC d31033t)
_NYT_SLUG = re.compile(r"^.{0,120}?\bc\.\s?\d{4}\s+N\.\s?Y\.\s+Times\s+News\s+Service\s+")


def strip_run_in_heading(sentence: str) -> str:
    """The sentence without a heading in capitals (or a wire slug) run into its start."""
    # (the needle first, as the cleaning rules do: the slug's pattern scans 120 characters
    # of every sentence of a corpus load)
    if "News Service" in sentence and (slug := _NYT_SLUG.match(sentence)):
        return sentence[slug.end():]
    m = _RUN_IN_HEADING.match(sentence)
    if m is None:
        return sentence
    words = m.group("heading").replace(",", " ").split()
    if sum(c.isalpha() for c in m.group("heading")) < 4:
        return sentence
    if m.group("next") in _SENTENCE_OPENERS or m.group("next").upper() == words[-1] \
            or len(words) >= 3:
        return sentence[m.start("next"):]
    return sentence


def clean_blocks(blocks: list[str], title: str = "") -> CleanedText:
    """Drop boilerplate, kickers before the title, repeated titles, trailing signatures.

    ``title`` is the known title (manifest/front matter); when empty the first
    block is taken as the title if it reads like one.
    """
    blocks = [b for b in blocks if b.strip()]
    out = CleanedText(title=title)
    if not blocks:
        return out
    folded_title = _fold(title)
    start = 0
    if folded_title:
        # Skip a kicker/section label that precedes the title line.
        for i, b in enumerate(blocks[:6]):
            if _fold(b) == folded_title:
                start = i + 1
                out.dropped.extend(blocks[:start])
                break
    else:
        # The first block after page furniture ("You are here", "Home > News > ...") is
        # the title when it reads like one: a heading, a short line not ending a
        # sentence, or a short line in headline case whatever ends it ("Mission
        # Accomplished? Iraq Is Claiming Victory in Mosul… But Wait.").
        lead = 0
        while lead < min(len(blocks) - 1, MAX_FURNITURE) and is_boilerplate_block(blocks[lead]):
            lead += 1
        first = blocks[lead]
        short = len(first.split()) <= 20 and len(blocks) > lead + 1
        if is_heading(first) or (short and (not first.rstrip().endswith(".")
                                            or headline_case(first))):
            out.dropped.extend(blocks[:lead])
            out.title = first
            folded_title = _fold(first)
            start = lead + 1
    section = ""
    body = blocks[start:]
    # A trailing lone person name is a signature, not a heading.
    while body and _PERSON_NAME.match(body[-1].strip()):
        out.dropped.append(body.pop())
    for block in body:
        if is_boilerplate_block(block) or (folded_title and _fold(block) == folded_title):
            out.dropped.append(block)
            continue
        if is_heading(block):
            section = block
            out.headings.append(block)
            continue
        if not out.paragraphs:
            block, dateline = strip_dateline(block)
            if dateline:
                out.dropped.append(dateline)
        out.paragraphs.append((section, block))
    return out
