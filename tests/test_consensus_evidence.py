"""A consensus point's evidence: a credited sentence that reads only after the one before
it is shown after that one (comparer._before, PointClaim.before), checked on blind compare
check 7 (tests/fixtures/standalone_compare_check7.json)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from bot.engine.standalone import needs_before, stands_alone

CHECK_7 = Path(__file__).parent / "fixtures" / "standalone_compare_check7.json"


def test_compare_check_7_credited_sentences_read_alone_with_the_one_before_them() -> None:
    """Held-out compare check 7 (seed 97, pre-registered rule, two blind labellers each
    seeing every affected claim once, half with the sentence before it): with it 17 of 22
    labels read alone (9 of 11 and 8 of 11), without it 3 of 22 (2 and 1 of 11); the 20
    unchanged consensus claims 15 of 20 for each labeller. Every affected claim is one
    the rule says reads only after its sentence before, and that one reads alone."""
    data = json.loads(CHECK_7.read_text("utf-8"))
    counts: Counter[tuple[int, str, str]] = Counter()
    leaning_before = []
    for line in data["lines"]:
        assert len(line["labels"]) == 2
        versions = {x["version"] for x in line["labels"]}
        if line["group"] == "with":
            assert versions == {"with", "without"}  # each labeller saw one version
            assert needs_before(line["text"]) and line["before"]
            if stands_alone(line["before"]):
                assert not needs_before(line["before"])
            else:
                # session 68: "The next generation of consoles, however, are expected
                # ..." leans back itself (a connective eight words in), and its labeller
                # read the pair as needing context: the answers now show neither. Session
                # 70: "The new book claims Mr Prescott hosted a dinner ..." opens on
                # something new (standalone.definite_reference), whose labeller read the
                # pair alone ("..., writes Mr Peston" names the author after it): that
                # credit is not given now, a cost of the rule (41 of the 42 such listed
                # sentences lean back)
                leaning_before.append((line["before"], [
                    x["label"] for x in line["labels"] if x["version"] == "with"]))
        else:
            assert versions == {"same"} and not line["before"]
        counts.update((x["labeller"], x["version"], x["label"]) for x in line["labels"])
    alone = {(lab, v): counts[(lab, v, "alone")] for lab in (1, 2)
             for v in ("with", "without", "same")}
    assert alone == {(1, "with"): 9, (1, "without"): 2, (1, "same"): 15,
                     (2, "with"): 8, (2, "without"): 1, (2, "same"): 15}
    shown = {(lab, v): sum(n for (la, ve, _), n in counts.items() if (la, ve) == (lab, v))
             for lab in (1, 2) for v in ("with", "without", "same")}
    assert shown == {(1, "with"): 11, (1, "without"): 11, (1, "same"): 20,
                     (2, "with"): 11, (2, "without"): 11, (2, "same"): 20}
    assert [labels for _, labels in leaning_before] == [["needs context"], ["alone"]]
    assert leaning_before[0][0].startswith("The next generation of consoles, however,")
    assert leaning_before[1][0].startswith("The new book claims Mr Prescott")
    pooled_with = (alone[(1, "with")] + alone[(2, "with")]) / 22
    pooled_without = (alone[(1, "without")] + alone[(2, "without")]) / 22
    assert pooled_with - pooled_without >= 0.10  # the pre-registered rule
