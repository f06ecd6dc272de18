"""Spelling-insensitive keys for place names, shared by the gazetteer, the extractor and lookups.

Transliterated Arabic names come in many spellings (Tal Afar / Tall 'Afar, Raqqa /
Ar Raqqah, Fallujah / Falluja / Al Fallujah, Al-Qa'im / Al Qaim). One key function folds
them together: case, accents, every apostrophe-like mark, hyphens, the Arabic article
prefixes and a final ta marbuta ("-ah" vs "-a"). Both sides of every comparison go
through the same function, so the folding can be aggressive without false mismatches.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

ARTICLES = frozenset({"al", "ar", "as", "ash", "ad", "an", "at", "az", "el", "ath", "adh"})
# A space-separated article counts only before a capitalised word, and never for "as",
# "an", "at", which on their own are English words ("As Iraqi forces advance").
STANDALONE_ARTICLES = ARTICLES - {"as", "an", "at"}
APOSTROPHES = "'’‘`ʼʻʿʾ´"
# A token: an abbreviation with dots (U.S., U.K.) or a word with inner apostrophes.
# Hyphens split tokens (so "US-backed" -> "US", "backed"), and hyphenated articles
# ("al-Nuri") are recognised from the character that follows them.
TOKEN_RE = re.compile(rf"(?:[A-Za-z]\.){{2,}}|\w(?:[\w{APOSTROPHES}]*\w)?")


def fold(text: str) -> str:
    """Case, accents and apostrophes folded; dots of abbreviations dropped.

    Decomposing and keeping ASCII drops accents and the non-ASCII apostrophes (’ ‘ ʿ ʼ)
    in one C-level pass: the gazetteer folds ~500k names at load, so this is the hot path.
    """
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return text.casefold().replace("'", "").replace("`", "").replace(".", "")


@lru_cache(maxsize=262144)
def fold_token(token: str) -> str:
    """One token's key: folded, with a final "-ah" written "-a" (Raqqah = Raqqa)."""
    key = fold(token)
    if len(key) >= 5 and key.endswith("ah"):
        key = key[:-1]
    return key


class Token(NamedTuple):
    """A named tuple, not a frozen dataclass: the index makes one per word of the corpus,
    and a frozen dataclass's ``__init__`` is several times slower to construct."""

    text: str  # surface, possessive stripped
    start: int
    end: int
    key: str
    article_start: int  # start of a preceding article ("al-" in "al-Nuri"), else == start

    @property
    def is_capitalised(self) -> bool:
        return self.text[:1].isupper()

    @property
    def is_upper(self) -> bool:
        return len(self.text) > 1 and self.text.isupper()


def tokenize(text: str) -> list[Token]:
    """Content tokens of ``text``; articles are folded into the following token's span."""
    raw = list(TOKEN_RE.finditer(text))
    out: list[Token] = []
    pending: int | None = None
    last = len(raw) - 1
    for i, m in enumerate(raw):
        word = m.group()
        start, end = m.span()
        if i < last and len(word) <= 3 and word.lower() in ARTICLES:
            nxt = raw[i + 1]
            low = word.lower()
            gap = text[end:nxt.start()]
            hyphenated = gap == "-"
            standalone = gap == " " and low in STANDALONE_ARTICLES and nxt.group()[:1].isupper()
            if hyphenated or standalone:
                if pending is None:
                    pending = start
                continue
        if len(word) > 3 and word[-1] == "s" and word[-2] in APOSTROPHES:  # possessive
            word = word[:-2]
            end = start + len(word)
        key = fold_token(word)
        out.append(Token(word, start, end, key, pending if pending is not None else start))
        pending = None
    return out


def name_key(name: str) -> str:
    """The lookup key of a whole name: its content tokens' keys, space-joined."""
    return " ".join(t.key for t in tokenize(name))


def key_and_pattern(name: str) -> tuple[str, tuple[str, ...]]:
    """``name_key`` and the name's case pattern in one tokenisation (the gazetteer's load
    path). The pattern has, per content token, "U" (must be all caps), "D" (all caps with
    dots, "S.D."), "C" (must be capitalised) or "" (either): the spelling an alias is
    written with in the data is the pattern it must match in text ("Old City" needs
    capitals, "old city" does not, "US" never matches "us")."""
    tokens = tokenize(name)
    return " ".join(t.key for t in tokens), tuple(_need(t) for t in tokens)


def _need(tok: Token) -> str:
    if tok.is_upper and len(tok.key) <= 4:
        # an abbreviation the data writes with dots must be written with them: AP's "S.D."
        # is South Dakota, a bare "SD" is a memory card; "US" and "U.S." are both listed
        return "D" if "." in tok.text else "U"
    return "C" if tok.is_capitalised else ""


def matches_case(pattern: tuple[str, ...], tokens: list[Token]) -> bool:
    for need, tok in zip(pattern, tokens, strict=True):
        if need == "U" and not tok.is_upper:
            return False
        if need == "D" and not (tok.is_upper and "." in tok.text):
            return False
        if need == "C" and not tok.is_capitalised:
            return False
    return True
