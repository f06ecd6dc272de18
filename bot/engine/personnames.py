"""Is a word a known first name or surname: the US Census 1990 name lists.

A line that calls someone by the bare surname ("Millan says ...", "Police said Ferguson
posed a danger") hides who that is as a titled "Mr Wood" does; its article names the
person in full once ("Manuel Millan, a native of San Diego"). Unlike "Mr", nothing in a
bare "Ford" or "Bank" says it is a person, so :mod:`bot.engine.referents` notes one only
when the full mention opens with a known first name and the word is a known surname
(among other tests): "Royal Bank", "Merry Christmas" and "New York" are not people.

The lists ship in the `names` package (MIT; its data files are the Census Bureau's 1990
frequency lists, public domain: 1,219 male and 4,275 female first names, 88,799
surnames). Read once, on first use; without the package every answer is "no" (no bare
surname is noted, as before).
"""

from __future__ import annotations

import functools
import logging
from importlib import resources

log = logging.getLogger(__name__)


@functools.cache
def _census(*files: str) -> frozenset[str]:
    """The upper-case names in the `names` package's ``files`` (one name per line, first)."""
    out: set[str] = set()
    for name in files:
        try:
            text = resources.files("names").joinpath(name).read_text(encoding="ascii")
        except (ModuleNotFoundError, OSError, UnicodeDecodeError) as exc:
            log.warning("no census name list %s (%s): bare surnames get no note", name, exc)
            return frozenset()
        out.update(line.split()[0] for line in text.splitlines() if line.strip())
    return frozenset(out)


def first_name(word: str) -> bool:
    """``word`` is a first name of the 1990 census ("Manuel", "Michael", but also "Royal"
    and "Merry": callers also ask whether the corpus writes the word in lower case)."""
    return word.upper() in _census("dist.male.first", "dist.female.first")


def surname(word: str) -> bool:
    """``word`` is a surname of the 1990 census ("Millan", "Ferguson"; not "Police")."""
    return word.upper() in _census("dist.all.last")
