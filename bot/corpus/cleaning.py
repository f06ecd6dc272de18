"""Boilerplate removal: what a reader would skip never reaches an answer.

Cleaning works on blocks (paragraph-sized lines) first, then on sentences,
because some notices sit inside a paragraph ("(Source: The National) All
Content by ... is licensed under ...").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

# Invisible and direction-changing characters: never meaningful in news prose,
# and a way to disguise text (hostile corpus files).
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

_BLOCK_PATTERNS = [
    r"^you are here:?$",
    r"^home\s*(>|»|›|/)",  # breadcrumbs
    r"(\S\s*(>|»|›)\s*){2,}",
    r"^(photo|image|picture|credit|photograph|file photo)s?\b.{0,80}$",
    r"^\(?(reuters|ap|afp|getty images|epa|associated press)\s*/.{0,60}$",
    r"\blogo$",
    r"^font size:?",
    r"^(text|font)\s*size\b",
    r"^by\s+[A-Z][\w.'’-]+(\s+[A-Z][\w.'’-]+){0,3}(,.*)?$",
    r"^[A-Z][\w.'’-]+(\s+[A-Z][\w.'’-]+){1,3}\s+(\S+/)?[\w ]{0,40}"
    r"(reporter|correspondent|editor|writer|columnist|contributor)$",
    r"^follow\b.{0,80}\bon (twitter|x|facebook|instagram|threads|bluesky|linkedin)\.?$",
    r"^(send|email|e-mail) (us )?(your )?(news )?tips?\b",
    r"^(contact|reach)\b.{0,80}\b(at|via)\b",
    r"\b(all rights reserved|copyright ©|©\s*\d{4})",
    r"\bavailable without charge to any legitimate news publisher\b",
    r"^(share|tweet|print|email) (this|on)\b",
    r"^(advertisement|sponsored|related( articles| stories)?|read more|click here)\b",
    r"^(sign up|subscribe)\b.{0,80}(newsletter|updates)",
]
_SENTENCE_PATTERNS = [
    r"[\w.+-]+@[\w-]+\.[\w.-]+",  # e-mail addresses
    r"\blicen[cs]ed under\b",
    r"\bcreative commons\b",
    r"\brepublish",
    r"^\(?source:\s",
    r"\ball content (created )?by\b",
    r"\bfor any questions about our guidelines\b",
    r"\bsend tips to\b",
    r"^follow\b.{0,60}\bon twitter\b",
    r"\ball rights reserved\b",
]
BLOCK_BOILERPLATE = re.compile("|".join(f"(?:{p})" for p in _BLOCK_PATTERNS), re.IGNORECASE)
SENTENCE_BOILERPLATE = re.compile(
    "|".join(f"(?:{p})" for p in _SENTENCE_PATTERNS), re.IGNORECASE
)
_TERMINAL = re.compile(r"[.!?…:;\"”’')\]]$")
_NUMBERED = re.compile(r"^\(?\d{1,2}[.)]\s+\S")
_PERSON_NAME = re.compile(r"^[A-Z][a-z'’-]+(\s+[A-Z]\.?)?(\s+[A-Z][a-z'’-]+){1,2}$")


def normalise_text(text: str) -> str:
    """NFC, no invisible or control characters, Unix newlines."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _INVISIBLE.sub("", text)
    return _CONTROL.sub(" ", text)


def is_boilerplate_block(block: str) -> bool:
    return bool(BLOCK_BOILERPLATE.search(block.strip()))


def is_boilerplate_sentence(sentence: str) -> bool:
    return bool(SENTENCE_BOILERPLATE.search(sentence))


def is_heading(block: str) -> bool:
    """A short standalone line without closing punctuation, or a numbered list title."""
    words = block.split()
    if not words:
        return False
    if _NUMBERED.match(block) and len(words) <= 16:
        return True
    return len(words) <= 12 and not _TERMINAL.search(block.strip())


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
    elif is_heading(blocks[0]) or (len(blocks[0].split()) <= 20 and len(blocks) > 1
                                    and not blocks[0].rstrip().endswith(".")):
        out.title = blocks[0]
        folded_title = _fold(blocks[0])
        start = 1
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
        out.paragraphs.append((section, block))
    return out
