"""Angle labels a reader can use: "humanitarian appeal: Old City, medical" or nothing.

A comparison labels each source's angle with its frame, its voice and a few terms it
uses more than the others. Distinctive by share is not the same as telling: "battle,
easy, issue", "old", "section", "united" are words one source happens to use more, and
say nothing about how it covers the story. A term is kept only when it names something
(a name as the source writes it, "Old City" rather than "old", "United States" rather
than "united") or belongs to a frame's lexicon (a word known to carry a topic:
"displaced", "airstrikes", "medical"); everything else is left out, and a label left with
nothing is empty rather than filler.

A name is shown as a reader would write it: without the sentence's first word the run
began with ("The Swiss", "But Greek", "Many of Manchester United's" read "Swiss",
"Greek", "Manchester United"), a date before it ("January Cellnet") or a possessive
after it ("NASA's"); initials and particles stay in ("F.W. de Klerk", not "F"), and a
surname takes the given name the source writes it with ("Noren" -> "Ulf Noren"). A label
names each thing once: "El Mundo, Daily El Mundo", "Australian, Australia", "Greece,
Greek" and "China, China's Jilin" keep their first term.
"""

from __future__ import annotations

import functools
import logging
import re
import tomllib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from bot.engine.figures import DAY_NAMES, MONTH_NAMES

log = logging.getLogger(__name__)

#: share of a word's mid-sentence occurrences that must be capitalised for it to be a name
NAME_SHARE = 0.6
# a capitalised word, hyphenated name ("Warren-Boulton") or initials ("F.W.", "U.S.")
_NAME_WORD = r"(?:al-)?(?:(?:[A-Z]\.)+(?![\w’'])|[A-Z][\w’']*(?:-[A-Z][\w’']*)*)"
# lower-case words inside a name: particles ("Eugene de Kock"), and "of" ("Bank of England")
_PARTICLES = frozenset(("de", "da", "del", "van", "von", "bin"))
_NAME_RUN = re.compile(
    rf"{_NAME_WORD}(?:\s+(?:(?:{'|'.join(sorted(_PARTICLES | {'of'}))})\s+(?:the\s+)?)?"
    rf"{_NAME_WORD})*")
_SENTENCE_START = re.compile(r"^[\W_]*$")
# the first word of a sentence, capitalised as every first word is, that no name starts with
_OPENERS = frozenset((
    "the", "a", "an", "and", "but", "or", "so", "yet", "then", "in", "on", "at", "as", "for",
    "by", "with", "from", "to", "if", "when", "while", "after", "before", "since", "many",
    "most", "some", "several", "all", "both", "each", "every", "few", "other", "another",
    "this", "that", "these", "those", "his", "her", "its", "their", "our", "former",
    "meanwhile", "also", "now", "still", "even", "only", "there", "here"))
_DATES = frozenset(MONTH_NAMES + DAY_NAMES)
_POSSESSIVE = re.compile(r"(?<=\w)[’']s$|(?<=s)[’']$")
_WORD = re.compile(r"\S+")


@functools.lru_cache(maxsize=4096)
def _name_runs(text: str) -> tuple[tuple[int, int, str], ...]:
    """The capitalised runs of a text (start, end, run), in order."""
    return tuple((m.start(), m.end(), m.group(0)) for m in _NAME_RUN.finditer(text))


def _name_in(text: str, start: int, run: str, at: int) -> tuple[str, bool]:
    """The name a capitalised ``run`` (at ``start`` of ``text``) holds around offset ``at``
    of ``text``: its leading sentence opener, dates and connectors left out, and its
    trailing possessive ("Manchester United's" -> "Manchester United"); and whether it
    still opens the sentence (its first capital then says nothing: "Observes Mr Hadi")."""
    words = [(m.start() + start, m.group(0)) for m in _WORD.finditer(run)]
    at_start = bool(_SENTENCE_START.match(text[:start]))
    first = True
    while len(words) > 1 and words[1][0] <= at:
        word = words[0][1]
        lowered = word.lower()
        opener = first and at_start and lowered in _OPENERS
        if not (opener or lowered in _DATES or word.islower()):
            break
        words.pop(0)
        first = False
    opens = first and at_start
    return _POSSESSIVE.sub("", " ".join(w for _, w in words)), opens


def _occurrences(word: str, texts: Iterable[str]) -> tuple[int, Counter[str], Counter[str]]:
    """Mid-sentence occurrences of ``word``, the names (capitalised runs) that hold it, and
    those of them that open their sentence."""
    pattern = re.compile(rf"\b{re.escape(word)}\b", re.IGNORECASE)
    lowered = word.lower() if word.isascii() else None
    total = 0
    runs: Counter[str] = Counter()
    opening: Counter[str] = Counter()
    for text in texts:
        if lowered is not None and text.isascii() and lowered not in text.lower():
            continue  # (ASCII: no case-blind match without the lower-case substring)
        for m in pattern.finditer(text):
            if _SENTENCE_START.match(text[:m.start()]):
                continue  # a capital at the start of a sentence says nothing
            total += 1
            if not m.group(0)[0].isupper():
                continue
            for start, end, run in _name_runs(text):
                if start <= m.start() < end:
                    name, opens = _name_in(text, start, run, m.start())
                    runs[name] += 1
                    opening[name] += opens
                    break
    return total, runs, opening


def readable_term(term: str, texts: Sequence[str], topical: Iterable[str] = ()) -> str:
    """``term`` as a reader can use it ("Old City" for "old"), or "" when it says nothing."""
    total, runs, opening = _occurrences(term, texts)
    if total and sum(runs.values()) >= NAME_SHARE * total:
        return _fullest(runs, opening, texts)
    if term.casefold() in {w.casefold() for w in topical}:
        return term
    return ""


def angle_label(frame: str, voice: str, terms: Sequence[str], texts: Sequence[str],
                frames: Mapping[str, Iterable[str]] | None = None,
                limit: int | None = None) -> tuple[str, list[str]]:
    """The angle ("military reporting: ISF, airstrikes") and the terms kept in it.

    ``texts`` are the source's sentences (to tell names from words); ``frames`` maps each
    frame to its lexicon, whose words are kept as terms. ``limit``: read the first
    ``limit`` terms, and one more for each that names what a kept term names.
    """
    topical = {w for words in (frames or {}).values() for w in words}
    kept: list[str] = []
    budget = len(terms) if limit is None else limit
    for term in terms:
        if budget <= 0:
            break
        budget -= 1
        shown = readable_term(term, texts, topical)
        if not shown:
            continue
        if any(_same_name(shown, k) for k in kept):
            budget += 1  # a repeat leaves no gap: the next term takes its place
        else:
            kept.append(shown)
    label = " ".join(w for w in (frame, voice) if w)
    if not kept:
        return label, []
    return (f"{label}: {', '.join(kept)}" if label else ", ".join(kept)), kept


def _name_words(name: str) -> list[str]:
    return [_POSSESSIVE.sub("", w) for w in re.findall(r"[\w’'.-]+", name.casefold())]


@functools.cache
def _demonyms() -> dict[str, str]:
    """The places' data's demonyms, folded ("greek": "greece", "turkish": "turkey"): a label
    that names Greece names it once, not as "Greece, Greek" (DUC d30044t)."""
    path = Path(__file__).parent / "places" / "data" / "names.toml"
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8")).get("demonyms", {})
    except (OSError, tomllib.TOMLDecodeError) as exc:  # labels then name a people apart
        log.warning("could not read the demonyms in %s: %s", path, exc)
        return {}
    return {word.casefold(): str(place).casefold() for word, place in table.items()}


def _alike(a: str, b: str) -> bool:
    """One word, or a name and its adjective ("Australia", "Australian"; "Greece", "Greek")."""
    countries = _demonyms()
    return a == b or (min(len(a), len(b)) >= 4 and (a.startswith(b) or b.startswith(a))) \
        or countries.get(a) == b or countries.get(b) == a


def _fullest(runs: Counter[str], opening: Counter[str], texts: Sequence[str]) -> str:
    """The name the runs give most often, or that name with the given name the text
    writes it with ("Noren" twice and "Ulf Noren" once read "Ulf Noren"): one or two
    capitalised words before it, in a run that does not open its sentence, that the
    texts never write without it ("Sunni Hariri", "US TV" and "Malaysia's Internet" stay
    "Hariri", "TV" and "Internet")."""
    # a tie goes to the name written mid-sentence ("El Mundo" over "Daily El Mundo said")
    name = max(runs, key=lambda run: (runs[run], runs[run] - opening[run]))
    size = len(name.split())
    fuller = []
    for run, count in runs.items():
        extra = run.split()[:-size]
        if (count > opening[run] and run.endswith(" " + name) and 0 < len(extra) <= 2
                and all(w[:1].isupper() or w in _PARTICLES for w in extra)
                and not any(_POSSESSIVE.search(w) for w in extra)
                and _alone(" ".join(extra), run, texts)):
            fuller.append((count, run))
    return max(fuller, key=lambda c: c[0])[1] if fuller else name


def _alone(extra: str, run: str, texts: Sequence[str]) -> bool:
    """Whether ``extra`` comes in the texts only as the start of ``run``."""
    pattern = re.compile(rf"\b{re.escape(extra)}\b")
    whole = re.compile(rf"\b{re.escape(run)}\b")
    return sum(len(pattern.findall(t)) for t in texts) == sum(len(whole.findall(t))
                                                            for t in texts)


def _same_name(a: str, b: str) -> bool:
    """Whether one term's words run inside the other's ("El Mundo", "Daily El Mundo")."""
    short, long = sorted((_name_words(a), _name_words(b)), key=len)
    n = len(short)
    return bool(n) and any(all(_alike(x, y) for x, y in zip(short, long[i:i + n], strict=True))
                           for i in range(len(long) - n + 1))
