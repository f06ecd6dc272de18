"""Which places a figure is given for, when its sentence says so: "£111,314 in Northern
Ireland", "18.6% for the US", "23 others in South Australia, Victoria and Tasmania".

A sentence that lists a figure per place ("the average house price was £192,713 in
England; £139,544 in Wales; ... and £111,314 in Northern Ireland") names every place of
the list, so each place's brief read every figure of it: Northern Ireland's showed
England's price, bare, as one of its key figures. A figure followed right away by "in"
or "for" (and "the") and a place mention, or a list of them, is given for those places.
A brief shows such a figure with its places ("30,000 troops in Lebanon" in Syria's
brief), and leaves out the other places' figures of a sentence that gives one for the
place briefed (or a place inside it).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.engine.places.extract import Mention
from bot.engine.places.gazetteer import MONTHS_DAYS

# what stands between a figure and the place it is given for: " in ", " for the "
_GAP = re.compile(r"\s+(?:in|for)\s+(?:the\s+)?")
# between two places of one list: ", ", " and ", ", and the "
_LIST = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?:the\s+)?")

# what follows a mention inside a longer name: "in the Asia-Pacific region", "in Bangkok
# Post" (a day or a month after it is the wires' style: "in Baghdad Monday")
_LONGER = re.compile(r"[-\w]|\s+([A-Z]\w*)")


# a place named only as what something is compared with: "The advance, the second-fastest
# in Asia after China, was led by growth of 13.1% in the key manufacturing sector" (BBC
# business/256, Singapore's growth) gives no figure of China's
_COMPARED_BEFORE = re.compile(r"\b(?:after|than|behind|unlike|besides|except|apart\s+from|"
                              r"compared\s+(?:with|to)|as\s+opposed\s+to|other\s+than|"
                              r"excluding)(?:\s+(?:those|that|the|in|from|for|of|at|"
                              r"with)){0,3}\s+$", re.IGNORECASE)


def compared_only(text: str, mentions: Sequence[Mention]) -> bool:
    """Whether every one of ``mentions`` names its place only to compare something with it."""
    return bool(mentions) and all(_COMPARED_BEFORE.search(text[:m.start]) for m in mentions)


def figure_owners(text: str, span: tuple[int, int],
                  mentions: Sequence[Mention]) -> list[Mention]:
    """The mentions of the places the figure at ``span`` of ``text`` is given for, in
    order ("rose 5% in London": London; "killed 26 people in Jerusalem and Haifa": both;
    "10% of the digital TV market in Europe": none)."""
    at = {m.start: m for m in mentions}
    end = span[1]
    owner = next((m for m in mentions if m.start > end
                  and _GAP.fullmatch(text, end, m.start)), None)
    owners: list[Mention] = []
    listed = 1  # owners up to the last one joined by "and" or "or": a list ends so
    while owner is not None:
        owners.append(owner)
        after = _LIST.match(text, owner.end)
        owner = at.get(after.end()) if after and after.end() > owner.end else None
        if owner is not None and {"and", "or"} & set(after.group().split()):
            listed = len(owners) + 1
    owners = owners[:listed]  # "in Lebanon, Syria's neighbour" is no list
    whole = next((i for i, m in enumerate(owners) if _inside_a_name(text, m)), len(owners))
    return owners[:whole]


def _inside_a_name(text: str, mention: Mention) -> bool:
    longer = _LONGER.match(text, mention.end)
    return longer is not None and (longer.group(1) is None
                                   or longer.group(1).casefold() not in MONTHS_DAYS)


def where(text: str, span: tuple[int, int], owners: Sequence[Mention]) -> str:
    """The sentence's words from the figure to its last place: "in Northern Ireland"."""
    return text[span[1]:owners[-1].end].strip() if owners else ""
