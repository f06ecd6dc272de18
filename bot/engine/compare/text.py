"""The sentence vector space the comparer aligns in: stemmed TF-IDF (scikit-learn).

Stemming (sumy's Snowball stemmer, no NLTK data needed) lets "liberated" meet
"liberation" and "announced" meet "announce"; outlets paraphrase each other, so
exact word forms align too little. Each stem remembers its commonest surface form
so that a source's distinctive terms can be shown as words, not stems.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from functools import lru_cache

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer
from sumy.nlp.stemmers import Stemmer

log = logging.getLogger(__name__)

_TOKEN = re.compile(r"u\.s\.|[a-z][a-z0-9]+|\d{4}")
# Words too common in news to say anything about a point or an angle.
EXTRA_STOP = frozenset(("said", "says", "say", "told", "also", "just", "like", "new", "year",
                        "years", "people", "time", "way", "make", "including", "according",
                        "mr", "mrs", "ms", "s", "t", "ll", "ve", "re", "don", "isn", "aren",
                        # when, not what: two outlets date the same point differently
                        "today", "recent", "recently", "day", "days", "week", "weeks", "ago",
                        "currently", "yesterday", "now"))
# scikit-learn's list drops words that carry facts in news ("far from over", "the
# third largest", "back in control", "the end of"): keep those.
KEEP = frozenset(("over", "back", "first", "third", "end", "fire", "full", "last", "never",
                  "none", "part", "side", "still", "top", "whole", "bill", "system", "found",
                  "front", "move", "less", "least"))
STOP = (frozenset(ENGLISH_STOP_WORDS) - KEEP) | EXTRA_STOP

# Paraphrase classes for words news outlets use interchangeably. No offline synonym
# resource is available (WordNet needs NLTK data downloads), so a short hand-written
# list of common news paraphrases maps each word to one class token; the rest of the
# vocabulary is left to TF-IDF.
_PARAPHRASES: dict[str, tuple[str, ...]] = {
    "isis": ("isil", "daesh"),
    "us": ("u.s.", "american", "america", "americans", "washington"),
    "start": ("begin", "began", "begun", "launch", "launched", "launches", "started", "starts"),
    "offensive": ("siege", "operation", "campaign", "assault", "offensives", "operations"),
    "retake": ("retook", "retaken", "recapture", "recaptured", "liberate", "liberated",
               "liberation", "liberalization", "free", "freed", "seize", "seized", "seizure",
               "capture", "captured", "capturing", "reclaim", "reclaimed", "taking"),
    "declare": ("declared", "declaring", "declaration", "announce", "announced", "announcing",
                "proclaim", "proclaimed", "claim", "claimed", "claiming"),
    "fight": ("fighting", "fought", "war", "battle", "battles", "combat", "conflict"),
    "flee": ("fled", "fleeing", "escape", "escaped", "displaced", "displacement", "refugees",
             "refugee", "evacuated"),
    "east": ("eastern",),
    "west": ("western",),
    "largest": ("biggest", "populous"),
    "over": ("end", "ended", "finished", "ends"),
    "stronghold": ("strongholds", "capital", "bastion"),
    "narrow": ("tight",),
    "civilian": ("civilians", "residents", "inhabitants"),
    "airstrike": ("airstrikes", "strikes", "bombing", "air"),
    "kill": ("killed", "killing", "dead", "died", "deaths"),
    "rebuild": ("rebuilt", "reconstruction", "rebuilding"),
    "hard": ("harder", "hardest", "difficult", "challenge", "challenging", "tough", "tougher"),
    "street": ("streets", "corridors", "alleys", "alleyways", "roads"),
    "section": ("half", "district", "districts", "sector", "sectors", "quarter", "sections"),
    "fighter": ("fighters", "militants", "gunmen", "jihadists", "insurgents"),
    "victory": ("victories", "win", "won", "triumph"),
    "control": ("controls", "controlled", "held", "hold", "holds", "grip", "rule"),
    "destroy": ("destroyed", "destroys", "destruction", "wrecked", "ruined", "ruin"),
    "money": ("funds", "cash", "financing", "funding"),
}
PARAPHRASE = {w: cls for cls, words in _PARAPHRASES.items() for w in words}
# Stems shared with unrelated words ("liberal", "population", "operator", "take"):
# these words map to their class by exact form only.
_AMBIGUOUS_STEMS = frozenset(("take", "liber", "popul", "capit", "oper", "free", "end", "air",
                              "resid", "claim", "half"))

_stemmer = Stemmer("english")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    return _stemmer(word)


# The classes also apply to the other inflections of a listed word ("launching" like
# "launched"), so the list need not spell out every form.
STEM_CLASS = {stem(w): stem(cls) for cls, words in _PARAPHRASES.items() for w in words
              if stem(w) not in _AMBIGUOUS_STEMS}


class StemAnalyzer:
    """Callable analyzer for TfidfVectorizer that also records stem -> surface counts."""

    def __init__(self) -> None:
        self.surface: dict[str, Counter[str]] = {}
        self.record = True

    def __call__(self, text: str) -> list[str]:
        out = []
        for word in _TOKEN.findall(text.lower().replace("’", "'")):
            if word in STOP and word not in PARAPHRASE:
                continue
            s = stem(PARAPHRASE.get(word, word))
            s = STEM_CLASS.get(s, s)
            if self.record:
                self.surface.setdefault(s, Counter())[word] += 1
            out.append(s)
        return out

    def display(self, stem_: str) -> str:
        forms = self.surface.get(stem_)
        return forms.most_common(1)[0][0] if forms else stem_


def build_vectorizer(texts: list[str]) -> tuple[TfidfVectorizer, StemAnalyzer, object]:
    """Fit on every sentence of the corpus; returns the vectorizer, analyzer and matrix."""
    analyzer = StemAnalyzer()
    vectorizer = TfidfVectorizer(analyzer=analyzer, sublinear_tf=True, min_df=1, dtype=np.float64)
    matrix = vectorizer.fit_transform(texts)
    analyzer.record = False  # queries must not skew the display forms
    return vectorizer, analyzer, matrix
