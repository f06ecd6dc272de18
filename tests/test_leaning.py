"""The learned reading of a line that leans on its story (bot.engine.leaning): trained
reproducibly on the blind checks in tests/fixtures, it sends a line no rule flags to its
article's opening, and a blind relabel reads those lines better with it."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import pytest

from bot.engine.compare.model import UniquePoint
from bot.engine.descriptions import story_wanted, titles_of
from bot.engine.leaning import LEANING_PATH, features, leaning_model, story_leaning
from bot.engine.stories import with_stories
from bot.engine.summary import Summarizer
from tests.test_stories import ELECTROLUX, NEAR, corpus

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
#: a line no rule reads as leaning: "the car" and "also" lean on the story's first sentence
CAR = ["Cadillac is to sell a diesel version of its BLS saloon in Europe from next year.",
       "It will be built in Sweden by Saab.",
       "The price of the car has also gone up."]


def test_the_shipped_model_is_what_its_script_trains_on_every_check_here(tmp_path,
                                                                      monkeypatch) -> None:
    """``scripts/train_leaning.py`` rebuilds ``data/leaning.json`` (byte for byte here) from
    the check files in tests/fixtures, and was run on all of them but those drawn after it
    shipped (``HELD_OUT``: a new check is held out or needs a retrain). Its held-out
    figures (whole checks held out) meet its own bar: at the threshold at least half the
    labels of the lines it picks (of those no rule sends to their story) needed context an
    opening gives, and it picks a few of them, not most."""
    monkeypatch.syspath_prepend(str(ROOT / "scripts"))
    from train_leaning import HELD_OUT

    out = tmp_path / "leaning.json"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "train_leaning.py"), "--out",
                    str(out)], check=True, capture_output=True, cwd=ROOT)
    data, again = (json.loads(p.read_text("utf-8")) for p in (LEANING_PATH, out))
    # the same model (byte-identical here; a tolerance for another scikit-learn's lbfgs)
    assert again["threshold"] == data["threshold"] and again["meta"]["data"] == data["meta"]["data"]
    assert abs(again["intercept"] - data["intercept"]) < 1e-3
    assert all(abs(again["weights"].get(k, 0.0) - data["weights"].get(k, 0.0)) < 1e-3
               for k in {*again["weights"], *data["weights"]})
    checks = sorted(p.name for pattern in ("standalone_answers_check*.json",
                                           "standalone_compare_check*.json")
                    for p in FIXTURES.glob(pattern) if p.name not in HELD_OUT)
    assert all((FIXTURES / name).exists() for name in HELD_OUT)
    assert data["meta"]["data"] == checks and data["meta"]["rows"] > 7000
    held = data["meta"]["held_out"]
    sent = held["lines_no_rule_sends"]
    assert held["threshold"] == data["threshold"]
    # session 81: read without the rows of the same sentences in other checks, the precision
    # at the relabel's threshold is 0.485 (0.546 with them)
    assert sent["precision"] >= 0.45 and 0.02 <= sent["picked_share"] <= 0.15
    assert sent["precision"] > 2 * sent["needs_share"]  # far above the lines' base rate
    assert held["auc_needs_majority"] > 0.7


def test_the_model_reads_position_descriptions_and_pronouns() -> None:
    model = leaning_model()
    assert model is not None
    relief = ("British Navy ships have helped the relief effort and the prime minister has "
              "said the government could give more.")
    title = "Blair pledges tsunami aid"
    # deep in its article "the relief effort" leans on the story; an opening line does not
    assert model.probability(relief, title, 14) > 3 * model.probability(relief, title, 0)
    assert not model.leans(relief, title, 0)
    assert model.leans("Afterwards he said outdoor activities were good for children.",
                       "Blair sails with schoolchildren", 6)
    assert model.leans("The price of the car has also gone up.", "Story 0", 2)
    assert not model.leans("Denmark is Europe's second largest producer of feta after "
                           "Greece and exports its products to Greece.",
                           "Feta cheese battle reaches court", 8)
    f = features("The price of the car has also gone up.", "Story 0", 2)
    assert f["the=car"] == f["c_also"] == f["pos12"] == 1.0 and "pos0" in f


def test_a_topic_line_the_model_reads_as_leaning_comes_with_its_opening() -> None:
    """No rule flags "The price of the car has also gone up." (``story_wanted``), the model
    does: the topic summary shows the article's opening under it; a line that reads alone
    ("Unions said they would fight ...", ELECTROLUX) still gets none."""
    c = corpus(CAR, ELECTROLUX, NEAR)
    shown = Summarizer(c).summarize(topic="price car", sentences=1).sentences
    assert [(i.doc_id, i.position) for i in shown] == [("d0", 2)]
    assert not story_wanted(shown[0], titles_of(c))
    assert shown[0].story == CAR[0]
    alone = Summarizer(c).summarize(topic="plants Yorkshire", sentences=1).sentences
    assert [(i.doc_id, i.position) for i in alone] == [("d1", 4)] and alone[0].story == ""


def test_a_unique_point_the_model_reads_as_leaning_comes_with_its_opening() -> None:
    c = corpus(CAR)
    point = UniquePoint("Outlet 0", "d0", CAR[2], 2)
    leaning = story_leaning(c)
    assert leaning(point)
    assert with_stories([point], c, leaning=leaning)[0].story == CAR[0]
    assert with_stories([point], c, [("d0", 0)], leaning=leaning)[0].story == ""


def test_a_brief_line_from_the_second_sentence_that_leans_comes_with_its_opening() -> None:
    """Place briefs gave the opening only from an article's fourth sentence on; since
    session 75 also from its second, when a rule or the model reads the line as leaning
    (the relabel below)."""
    from bot.engine.places import PlaceIndex

    car = [CAR[0], "The car will also be sold in Sweden, the firm said."]
    c = corpus(car, ELECTROLUX)
    shown = PlaceIndex.build(c).brief("Sweden", 5).sentences
    assert [(i.doc_id, i.position, i.story) for i in shown] == [("d0", 1, car[0])]


def _relabel(name: str = "standalone_relabel75") -> tuple[list[dict], Counter]:
    """A session 75 relabel's lines, checked as drawn (each relabelled by labellers 1 and 2,
    the flagged lines and only they shown with the opening, flagged by the out-of-fold
    model or a rule), and the "alone" counts by side (and part) before and after."""
    data = json.loads((FIXTURES / f"{name}.json").read_text("utf-8"))
    lines = data["lines"]
    alone: Counter = Counter()
    for line in lines:
        assert [r["labeller"] for r in line["labels"]] == [1, 2] and line["position"] >= 1
        assert bool(line["opening"]) == (line["side"] == "flag")
        assert (line["probability"] >= data["threshold"] or line.get("rule", False)) == (
            line["side"] == "flag")
        for when, labels in (("before", line["labels_before"]),
                             ("after", [r["label"] for r in line["labels"]])):
            alone[line["side"], line["part"], when] += labels.count("alone")
            alone[line["side"], when] += labels.count("alone")
    return lines, alone


def test_the_session_75_relabel_reads_the_models_lines_better_with_the_opening() -> None:
    """tests/fixtures/standalone_relabel75.json: 109 lines of checks 26-36 (topic summaries)
    and compare checks 8-18 (unique points), second sentence on, that no rule sends to
    their story and the model, trained without their check, reads as leaning, read alone
    in 77 of their 218 first labels (0.353); shown with their article's opening to new
    blind labellers, 130 of 218 (0.596; 34 lines better, 2 worse). 109 random lines below
    the threshold, as first shown: 178 of 218 then (0.817), 189 now (0.867): the
    labellers read about 0.05 more lines alone, so the opening's own gain is about 0.19."""
    lines, alone = _relabel()
    assert len(lines) == 218 and Counter(x["side"] for x in lines) == {"flag": 109, "ctrl": 109}
    assert (alone["flag", "before"], alone["flag", "after"]) == (77, 130)
    assert (alone["ctrl", "before"], alone["ctrl", "after"]) == (178, 189)
    gain = (alone["flag", "after"] - alone["flag", "before"]) / 218
    drift = (alone["ctrl", "after"] - alone["ctrl", "before"]) / 218
    assert gain - drift > 0.15
    # both kinds of answer gain: topic lines 41 -> 64 of 114, unique points 36 -> 66 of 104
    assert (alone["flag", "summary", "before"], alone["flag", "summary", "after"]) == (41, 64)
    assert (alone["flag", "unique", "before"], alone["flag", "unique", "after"]) == (36, 66)
    better = sum(sum(r["label"] == "alone" for r in x["labels"]) > x["labels_before"].count(
        "alone") for x in lines if x["side"] == "flag")
    worse = sum(sum(r["label"] == "alone" for r in x["labels"]) < x["labels_before"].count(
        "alone") for x in lines if x["side"] == "flag")
    assert (better, worse) == (34, 2)


def test_the_session_75_relabel_of_place_briefs_reads_them_better_with_the_opening() -> None:
    """tests/fixtures/standalone_relabel75b.json: the 108 place-brief lines of checks 1-36
    (second sentence on, shown without an opening) that a story_wanted rule (85) or the
    out-of-fold model (23 more) reads as leaning read alone in 61 of their 115 first labels
    (0.530; early checks had one labeller); shown with their article's opening to new blind
    labellers, 145 of 216 (0.671; 21 lines better, 3 worse by share). 54 random lines
    neither reads so, as first shown: 48 of 57 then (0.842), 94 of 108 now (0.870). Over
    the 294 BBC place briefs of places in two articles or more, 19 of 1,042 lines gain an
    opening (briefs already choose lines that stand)."""
    lines, alone = _relabel("standalone_relabel75b")
    flagged = [x for x in lines if x["side"] == "flag"]
    assert len(flagged) == 108 and sum(x["rule"] for x in flagged) == 85 and len(lines) == 162
    before = sum(len(x["labels_before"]) for x in flagged)
    assert (alone["flag", "before"], before, alone["flag", "after"]) == (61, 115, 145)
    assert (alone["ctrl", "before"], alone["ctrl", "after"]) == (48, 94)
    gain = alone["flag", "after"] / 216 - alone["flag", "before"] / before
    drift = alone["ctrl", "after"] / 108 - alone["ctrl", "before"] / 57
    assert gain - drift > 0.1


@pytest.mark.parametrize("side", ["flag", "ctrl"])
def test_the_relabels_lines_are_lines_the_shipped_model_still_reads_so(side: str) -> None:
    """The shipped model (trained on every check, these lines' too) reads most flagged
    lines of the relabel as leaning and most controls as not: what the relabel measured is
    what ships."""
    model = leaning_model()
    assert model is not None
    lines = [x for x in _relabel()[0] if x["side"] == side]
    leans = sum(model.leans(x["text"], x["title"], x["position"]) for x in lines)
    assert (leans >= 0.8 * len(lines)) if side == "flag" else (leans <= 0.1 * len(lines))


def test_held_out_check_37_reads_the_lines_the_model_opened() -> None:
    """Blind check 37 (seed 145, drawn at 3e796d5 after the model shipped, never trained on;
    two labellers): 162 lines, 140 and 140 alone (0.864). Its topic summaries show 4 lines
    with their article's opening because the model (no rule) read them as leaning: 6 of
    their 8 labels read alone ("By the time they go back ..., a spokesman said", an
    unnamed speaker no opening names, needs context for both). Since session 79 a rule
    reads one of the 4 ("... approve of the draft wording of the bill.", read alone with
    its opening by both): 3 remain the model's, 4 of their 6 labels alone."""
    data = json.loads((FIXTURES / "standalone_answers_check37.json").read_text("utf-8"))
    lines = [x for a in data["answers"] for x in a["lines"]]
    assert data["seed"] == 145 and len(lines) == 162
    assert [sum(x["labels"][k]["label"] == "alone" for x in lines) for k in (0, 1)] == [140, 140]
    opened = [x for a in data["answers"] if a["answer"].startswith("/summary")
              for x in a["lines"] if x["story"][0] and not story_wanted(
                  SimpleNamespace(text=x["text"], doc_id=""), lambda _, t=x["title"]: t)]
    assert len(opened) == 3
    assert sum(r["label"] == "alone" for x in opened for r in x["labels"]) == 4
