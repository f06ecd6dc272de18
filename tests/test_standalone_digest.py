"""The daily digest's lines read alone: held-out blind check 26
(tests/fixtures/standalone_digest_check26.json), the first labelled digest."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

CHECK_26 = Path(__file__).parent / "fixtures" / "standalone_digest_check26.json"


def _check() -> dict:
    return json.loads(CHECK_26.read_text("utf-8"))


def test_digest_check_26_each_labeller_saw_every_day_once_half_with_the_change() -> None:
    data = _check()
    days = {v: {d["day"]: d for d in data["days"][v]} for v in ("with", "without")}
    assert len(days["with"]) == len(days["without"]) == 24
    seen = {}
    for labeller, rows in data["labels"].items():
        versions = {r["day"]: r["version"] for r in rows}
        assert len(versions) == 24
        assert Counter(versions.values()) == {"with": 12, "without": 12}
        for day, version in versions.items():  # every line of that day's digest, once
            shown = sorted(r["k"] for r in rows if r["day"] == day)
            assert shown == list(range(len(days[version][day]["lines"])))
            assert all(r["version"] == version for r in rows if r["day"] == day)
        seen[labeller] = versions
    assert all(seen["1"][d] != seen["2"][d] for d in range(24))  # complementary halves
    for day in range(24):  # the same new articles either way
        assert days["with"][day]["fresh"] == days["without"][day]["fresh"]
        assert len(days["with"][day]["fresh"]) == 10
    for line in (x for d in data["days"]["without"] for x in d["lines"]):
        assert line["story"] == ""  # the shipped digest shows no article opening
    for line in (x for d in data["days"]["with"] for x in d["lines"]):
        assert not line["story"] or line["position"] >= 3


def test_digest_check_26_shipped_lines_read_alone_0_84_and_the_change_falls_short() -> None:
    """Shipped digest (bed20f1): 161 of 192 labels alone (0.839; 83 of 96 and 78 of 96).
    Change X (the earliest line of its article for a place, the article's opening under a
    line from deep in it): 165 of 192 (0.859; 85 and 80 of 96), +0.021, short of the +0.05
    fixed before the draw, so it is not shipped."""
    data = _check()
    counts: Counter[tuple[str, str]] = Counter()
    totals: Counter[tuple[str, str]] = Counter()
    kinds: Counter[str] = Counter()
    for labeller, rows in data["labels"].items():
        for r in rows:
            assert r["label"] in ("alone", "needs context")
            assert (r["kind"] in data["kinds"]) == (r["label"] == "needs context")
            totals[labeller, r["version"]] += 1
            counts[labeller, r["version"]] += r["label"] == "alone"
            if r["version"] == "without" and r["label"] != "alone":
                kinds[r["kind"]] += 1
    assert dict(counts) == {("1", "with"): 85, ("1", "without"): 83,
                            ("2", "with"): 80, ("2", "without"): 78}
    assert set(totals.values()) == {96}
    pooled = {v: sum(counts[lab, v] for lab in "12") / 192 for v in ("with", "without")}
    assert round(pooled["without"], 3) == 0.839 and round(pooled["with"], 3) == 0.859
    assert pooled["with"] - pooled["without"] < 0.05
    assert kinds.most_common(1) == [("definite description", 12)]


def test_background_time_reads_an_opening_set_in_a_past_year() -> None:
    from datetime import date

    from bot.engine.timewords import background_time

    july_2017 = date(2017, 7, 10)
    assert background_time("In June of 2014, the city of Mosul was taken by ISIS.",
                           july_2017) == "In June of 2014"
    assert background_time("Back in 1994, Yahoo had only just launched.", july_2017)
    assert background_time("In the autumn of 1978, Lord Callaghan held on.", july_2017)
    assert background_time("Last year, GE bought Vivendi Universal.", None) == "Last year"
    assert background_time("“Three years ago, every sector was hit,” he said.", None)
    # the article's own year or a recent month is news, not background
    assert not background_time("In 2017, the city was retaken.", july_2017)
    assert not background_time("In May 2017, troops entered the Old City.", july_2017)
    assert background_time("In January 2017, troops entered the east.", july_2017)
    # a forecast, a year inside the sentence, a year naming a thing, no reference
    assert not background_time("In 2014 growth will be 4%, the ministry said.", july_2017)
    assert not background_time("By 2010, it expects to double sales.", july_2017)
    assert not background_time("The city was taken in June 2014.", july_2017)
    assert not background_time("In the 1998 budget, health got 4.4 percent.", july_2017)
    assert not background_time("In 2014, the city was taken.", None)


def test_digest_places_check_80_reads_the_preferred_place_lines_alone_more_often() -> None:
    """Session 80, tests/fixtures/digest_places_check80.json (``python
    scripts/sample_digest_places.py --out FILE --days 100 --seed 180``): over 100 simulated
    BBC digest days, the 19 places whose line the preference (a place line that does not
    lean on its story, ``bot.engine.digest._leaning``) changed, both lines of each shuffled
    into one list with no version marked, labelled blind by two helpers. Registered before
    the labels were read: the preference stays if its lines read alone in at least as many
    labels as the lines they replaced. With it 34 of 38 labels alone (0.895), without it 27
    of 38 (0.711)."""
    data = json.loads((CHECK_26.parent / "digest_places_check80.json").read_text("utf-8"))
    lines, pairs = data["lines"], data["pairs"]
    assert len(pairs) == 19 and len(lines) == 38 and sorted(data["order"]) == list(range(38))
    for pair in pairs:
        with_, without = lines[pair["with"]], lines[pair["without"]]
        assert (with_["version"], without["version"]) == ("with", "without")
        assert with_["place"] == without["place"] == pair["place"]
        assert with_["day"] == without["day"] == pair["day"] and with_["text"] != without["text"]
        assert len(pair["fresh"]) == 10
    counts: Counter[str] = Counter()
    for rows in data["labels"].values():
        assert sorted(r["line"] for r in rows) == list(range(38))  # each line once
        for r in rows:
            assert r["label"] in ("alone", "needs context")
            assert (r["kind"] in data["kinds"]) == (r["label"] == "needs context")
            counts[lines[r["line"]]["version"]] += r["label"] == "alone"
    assert counts == {"with": 34, "without": 27}
    assert counts["with"] >= counts["without"]  # the registered criterion
