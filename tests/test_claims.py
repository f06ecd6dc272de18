"""Claim matching: a source is credited only with a sentence that states the same claim."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from bot.corpus.model import Corpus, Document, Sentence
from bot.engine.compare import Comparer
from bot.engine.compare import claims as claims_module
from bot.engine.compare.claims import ClaimMatcher, default_matcher, read_pairs, veto

FIXTURES = Path(__file__).parent / "fixtures"


def _doc(doc_id: str, source: str, *texts: str) -> Document:
    return Document(doc_id, doc_id.upper(), [Sentence(t, doc_id, i) for i, t in enumerate(texts)],
                    source=source)


def _compare(*docs: Document) -> dict:
    corpus = Corpus(Path("."), {d.doc_id: d for d in docs})
    return Comparer(corpus).compare(documents=[d.doc_id for d in docs]).to_dict()


@pytest.fixture(scope="module")
def matcher() -> ClaimMatcher:
    m = default_matcher()
    assert m.available, "bot/engine/data/claims.json must ship with the package"
    return m


# The issue's false credits (shown <= credited): overlap, but not the same claim.
FALSE_CREDITS = [
    ("El Salvador reported 239 dead after the hurricane swept through the region.",
     "In El Salvador _ where 140 people died _ officials counted the damage."),
    ("Taiwan will donate $2.6 million in aid to Honduras, Nicaragua, El Salvador and Guatemala.",
     "Clinton ordered $30 million in aid to Honduras, Nicaragua, El Salvador and Guatemala."),
    ("The NBA now joins the NHL, NFL and MLB in having lost games to a labor dispute.",
     "Unlike MLB, the NFL and the NHL, the NBA has never lost a regular-season game to a labor "
     "dispute."),
    ("Rebel fighters were inside Kindu and had taken the airbase, witnesses said.",
     "If the rebels succeed in capturing Kindu, they will control the airbase and the region."),
]


@pytest.mark.parametrize(("a", "b"), FALSE_CREDITS)
def test_issue_false_credits_are_not_the_same_claim(matcher, a, b):
    assert not matcher.decide([(a, b)], [True])[0]
    assert not matcher.same(a, b)


@pytest.mark.parametrize(("a", "b", "why"), [
    (FALSE_CREDITS[2][0], FALSE_CREDITS[2][1], "polarity"),
    (FALSE_CREDITS[3][0], FALSE_CREDITS[3][1], "condition"),
    (FALSE_CREDITS[0][0], FALSE_CREDITS[0][1], "figures"),
    # a negation elsewhere in the sentence does not reverse the shared claim
    ("Hun Sen's party won 64 of the 122 seats, but not a majority on its own.",
     "Hun Sen's party won 64 of the 122 seats in the July election.", None),
    # each gives a figure the other lacks: the same fire, not the same claim
    ("The fire killed 60 people and injured 162 others in Sweden's second-largest city.",
     "The fire killed at least 60 people and injured about 180 in Sweden's second-largest city.",
     "figures"),
    # one saying more than the other is no disagreement
    ("Anwar, 51, was arrested Sept. 20 under the Internal Security Act.",
     "Anwar was arrested under the Internal Security Act after the rallies.", None),
    # "provided" as a verb is no condition, "not to mention" no negation
    ("U.S. forces provided air support to the Iraqi troops in Mosul.",
     "The offensive had air support from the U.S.-led coalition in Mosul.", None),
    ("Large swaths of Iraq, not to mention Syria, are still under ISIS control.",
     "ISIS still controls territory in Iraq and Syria.", None),
    # another month, another year: another time (news_claim_heldout4's house prices)
    ("UK house prices fell 0.7% in December, according to the ODPM.",
     "UK house prices dipped slightly in November, the ODPM has said.", "time"),
    ("The firm made a profit in 2003, its chief executive said.",
     "The firm's chief executive said it made a profit in 2004.", "time"),
    ("Lahoud, appointed army commander in 1989 during the 1975-90 civil war, rebuilt it.",
     "Lahoud, appointed army commander in 1988 during the 1975-90 civil war, rebuilt it.",
     "time"),
    ("The firm made a profit in December 2004, its chief executive said.",
     "The firm's chief executive said it made a profit in Dec. last year.", None),
    # "Mrs May" is no month
    ("Mrs May said the talks with the union would resume after the holiday.",
     "The talks with the union would resume in June, the prime minister said.", None),
    # the same month, however many other words differ
    ("The strike began in May at the northern plant, the union said.",
     "The union said its members walked out in May.", None),
    # another occurrence of a repeated event: the fourth rise is not the fifth
    ("US interest rates are to rise for the fourth time in five months, analysts said.",
     "US interest rates are expected to rise for the fifth time since June.", "time"),
    ("The bank held rates at 4.75% for a sixth month in a row.",
     "The bank held rates at 4.75% for the seventh consecutive month.", "time"),
    # the same count, or counts of different things, or a count on one side only
    ("The team won the title for the third time.",
     "For the third time, the team won the title.", None),
    ("Profits rose for the third time this year, the firm said.",
     "Profits rose in the second quarter, the firm said.", None),
    ("The bank held rates at 4.75% for a sixth month in a row.",
     "The bank held rates at 4.75% again.", None),
    # amounts with a scale word, however the number is written (news_claim_heldout15: two
    # games' sales); the same amount in words and digits, or another currency, is no veto
    ("The game sold more than 1 million copies in its first nine days on sale.",
     "The game has sold more than five million copies worldwide, the company said.",
     "figures"),
    ("Nintendo has sold five million DS consoles in Japan.",
     "Nintendo has sold 5 million DS consoles in Japan.", None),
    ("The firm was sold for about two billion dollars in cash.",
     "The firm was sold for £1bn in cash.", None),
])
def test_vetoes_bind_to_the_shared_words(a, b, why):
    assert veto(a, b) == why


def test_a_close_paraphrase_is_the_same_claim(matcher):
    a = "Mahathir fired Anwar on Sept. 2 from his posts as deputy prime minister and finance " \
        "minister, saying he was morally unfit for office."
    b = "On Sept. 2, Malaysia's Prime Minister Mahathir Mohamad fired Anwar, calling him " \
        "morally unfit for office."
    assert matcher.probability(a, b) > matcher.probability(*FALSE_CREDITS[0])
    assert matcher.decide([(a, b)], [True])[0]


def test_comparer_does_not_credit_a_conditional_or_a_different_toll():
    result = _compare(
        _doc("a", "Wire A", "Rebel fighters were inside Kindu and had taken the airbase.",
             "El Salvador reported 239 dead after the storm hit the coast."),
        _doc("b", "Wire B",
             "If the rebels succeed in capturing Kindu, they will control the airbase.",
             "In El Salvador, where 140 people died after the storm hit the coast, roads closed."))
    assert result["consensus"] == []
    assert len(result["unique"]) >= 2  # each stays its own source's point


def test_consensus_lists_each_credited_sources_own_sentence_once():
    result = _compare(
        _doc("a", "Wire A", "The central bank raised interest rates to curb rising inflation.",
             "Shares in carmakers fell sharply on the news from the factory strike."),
        _doc("b", "Wire B", "Rising inflation pushed the central bank to raise interest rates.",
             "The minister opened a new hospital wing in the northern town yesterday."),
        _doc("c", "Wire C", "The central bank raised interest rates to fight rising inflation.",
             "Farmers protested outside parliament over the price of milk this week."))
    (point,) = result["consensus"]
    assert {c["source"] for c in point["claims"]} == set(point["sources"]) >= {"Wire A", "Wire C"}
    for claim in point["claims"]:
        assert {"text", "doc_id", "source"} <= claim.keys()
        assert "central bank" in claim["text"]
    cited = [(c["doc_id"], c["position"]) for p in result["consensus"] for c in p["claims"]]
    assert len(cited) == len(set(cited))  # a sentence is in at most one point


def test_without_weights_the_plain_rule_still_compares(tmp_path):
    matcher = ClaimMatcher(weights=tmp_path / "missing.json", vectors=False)
    assert not matcher.available
    corpus = Corpus(Path("."), {d.doc_id: d for d in (
        _doc("a", "Wire A", "The central bank raised interest rates to curb rising inflation."),
        _doc("b", "Wire B", "Rising inflation pushed the central bank to raise interest rates."))})
    result = Comparer(corpus, matcher=matcher).compare(documents=["a", "b"]).to_dict()
    assert len(result["consensus"]) == 1 and len(result["consensus"][0]["claims"]) == 2


@pytest.mark.parametrize(("name", "min_credited"), [
    ("news_claim_pairs.json", 6),  # labelled before any tuning; held out from the floors
    # the set the floors were chosen on (10 before session 9's stacked word feature, 9
    # since, all "same"; news_claim_pairs went from 9 to 11 with it)
    ("news_claim_credits.json", 9),
])
def test_news_fixture_credit_precision(matcher, name, min_credited):
    """Hand-labelled DUC credits: of those the comparer's decision (as it runs in
    ``Comparer._claim_matrix``, whole sentences) still credits, >= 0.9 state the same claim."""
    pairs = json.loads((FIXTURES / name).read_text(encoding="utf-8"))["pairs"]
    said = matcher.decide([(p["shown"], p["credited"]) for p in pairs], [True] * len(pairs))
    same = np.array([p["label"] == "same" for p in pairs])
    assert said.sum() >= min_credited and same[said].mean() >= 0.9


def _calibrated_credit(matcher: ClaimMatcher, pairs: list[tuple[str, str]]) -> np.ndarray:
    return matcher.credit(pairs, *matcher.sentence_inputs(pairs))[0]


@pytest.mark.parametrize(("a", "b"), FALSE_CREDITS)
def test_news_calibration_does_not_credit_the_issue_false_credits(matcher, a, b):
    assert matcher.calibration is not None, "claims.json must ship its news calibration"
    assert not _calibrated_credit(matcher, [(a, b)])[0]


def test_news_calibration_credits_a_labelled_same_claim(matcher):
    a = "Pinochet was detained in the London clinic while recovering from back surgery."
    b = "Pinochet is under arrest in a London hospital where he'd gone for back surgery."
    assert _calibrated_credit(matcher, [(a, b)])[0]


def test_news_calibration_held_out_precision(matcher):
    """news_claim_heldout.json (never fitted on): the calibrated decision credits at least
    20 of its 24 credits, and at least 0.85 of those state the same claim (measured 24,
    0.875; the fixture holds 21 same and 3 partly)."""
    pairs = json.loads((FIXTURES / "news_claim_heldout.json").read_text(encoding="utf-8"))["pairs"]
    said = _calibrated_credit(matcher, [(p["shown"], p["credited"]) for p in pairs])
    same = np.array([p["label"] == "same" for p in pairs])
    assert said.sum() >= 20 and same[said].mean() >= 0.85


def test_point_decision_held_out_precision_on_bbc_credits(matcher, monkeypatch):
    """news_claim_heldout3.json's test half (68 credits of BBC groups, 53 "same"): the
    comparer's point decision (the point model over the calibrated probability and the
    MiniLM cosine, then the vetoes) credits at least 30 of them, and at least 0.90 of those
    state the same claim. Held out until session 14 (measured 54, 0.833); since then the
    shipped model is fitted on every labelled fixture (scripts/fit_points.py
    --all-labelled), this half included, at out-of-fold precision 0.95: measured 44, 0.932,
    in sample; with session 15's threshold (0.88, --checks-target 0.93) 36. Its blind test
    is news_claim_heldout14 onwards (credit_paths.py)."""
    from bot.engine.compare import points
    from bot.engine.encoder import encoder

    monkeypatch.syspath_prepend(str(Path(__file__).parent.parent / "scripts"))
    from fit_points import bbc_halves

    test = bbc_halves()[1]
    rows = [p for p in json.loads((FIXTURES / "news_claim_heldout3.json")
                                  .read_text(encoding="utf-8"))["pairs"]
            if p["cluster"] in test and "added" not in p]  # as sampled, not relabelled later
    pairs = [(p["shown"], p["credited"]) for p in rows]
    enc, model = encoder(), points.read()
    assert enc is not None and model is not None and len(pairs) == 68
    q = matcher.calibrated(pairs, *matcher.sentence_inputs(pairs))
    cosine = (enc.encode([a for a, _ in pairs]) * enc.encode([b for _, b in pairs])).sum(axis=1)
    said = (model.probabilities(q, cosine, pairs) >= model.threshold) & np.array(
        [veto(a, b) is None for a, b in pairs])
    same = np.array([p["label"] == "same" for p in rows])
    assert said.sum() >= 30 and same[said].mean() >= 0.90


def test_a_credit_the_point_model_cannot_judge_is_left_out(monkeypatch):
    """Comparer._point_decision: of three pairs the matcher credits, the point model judges
    the one whose sentences are both encoded; the others (a sentence not encoded, as in a
    pool over ENCODE_POOL) are left out unless their two sentences are the same text, or,
    with UNJUDGED_FLOOR set, the matcher's probability reaches it."""
    from types import SimpleNamespace

    from bot.engine.compare import comparer as comparer_module
    from bot.engine.compare.align import Clause

    model = SimpleNamespace(threshold=0.5,
                            probabilities=lambda q, cosine, pairs: np.full(len(cosine), 0.9))
    fake = SimpleNamespace(point_model=model)
    clauses = [Clause(r, f"clause {r}") for r in range(6)]
    vectors = {0: np.ones(4) / 2, 1: np.ones(4) / 2}  # rows 2-5 not encoded
    whole = [("a one", "a two"), ("b one", "b two"), ("same text", "same text")]
    texts = list(whole)
    i_idx, j_idx = np.array([0, 2, 4]), np.array([1, 3, 5])
    ok, p = np.ones(3, dtype=bool), np.full(3, 0.95)

    def decide() -> np.ndarray:
        return comparer_module.Comparer._point_decision(
            fake, vectors, clauses, i_idx, j_idx, whole, texts, p, ok, p)[0]

    assert decide().tolist() == [True, False, True]
    monkeypatch.setattr(comparer_module, "UNJUDGED_FLOOR", 0.9)
    assert decide().tolist() == [True, True, True]


def test_comparer_credits_on_the_held_out_bbc_groups(monkeypatch):
    """The comparer's own run on news_claim_heldout3.json's test half (groups the point model
    never saw; benchmarks/credit_paths.py): at least 14 credits beyond the shown sentence,
    and at least 0.90 of the labelled ones state the same claim (measured 37, 36 of 37,
    0.973; 0.828 when the matcher credited alone the pairs the point model could not
    judge; 30 of 30 in session 9; 29 of 29 since session 10's DUPLICATE_JUDGED leaves out
    a point that partly restates another, with its one credit; 20 of 20 since session 12:
    a point every source states in the same words but for a word or two is one text, not
    consensus, and 9 of the 29 were such edited copies; 18 of 18 once "The company ..."
    sentences are not shown alone; 14 of 14 since session 69 leaves out a credit whose
    sentence leans on one before it that no run of two sentences makes readable, and with
    it a point then credited to one source)."""
    from tests.conftest import BBC

    if not (BBC / "articles").is_dir():
        pytest.skip(f"{BBC} not found")
    monkeypatch.syspath_prepend(str(Path(__file__).parent.parent / "benchmarks"))
    from credit_paths import run

    paths = run(("test",))["test"]
    total = {k: sum(n[k] for n in paths.values()) for k in ("credits", "labelled", "same")}
    assert total["credits"] >= 14
    assert total["same"] / total["labelled"] >= 0.90


def test_second_bbc_check_is_labelled_and_apart_from_the_first(monkeypatch):
    """news_claim_heldout4.json (the held-out check of session 9): every credit labelled
    with a failure type when not "same", every duplicate pointing at a point of its group,
    no group or article shared with news_claim_heldout3.json, and the groups are the draw
    ``sample_claim_pairs.py --bbc-credits 12 --unused`` makes; credit_paths.py scores it
    as one held half and gives the Wilson interval of its figure."""
    from tests.conftest import BBC

    four = json.loads((FIXTURES / "news_claim_heldout4.json").read_text(encoding="utf-8"))
    three = json.loads((FIXTURES / "news_claim_heldout3.json").read_text(encoding="utf-8"))
    assert {p["label"] for p in four["pairs"]} <= {"same", "partly", "different"}
    assert all(p["failure"] for p in four["pairs"] if p["label"] != "same")
    points = {(q["cluster"], q["point"]) for q in four["points"]}
    assert all((q["cluster"], q["duplicate_of"]) in points
               for q in four["points"] if q["duplicate"])
    assert len(four["identical"]) == four["identical_credits"]
    files = {f for g in four["groups"] for f in g["files"]}
    assert len(four["groups"]) == 12 and not files & {f for g in three["groups"]
                                                      for f in g["files"]}
    monkeypatch.syspath_prepend(str(Path(__file__).parent.parent / "benchmarks"))
    monkeypatch.syspath_prepend(str(Path(__file__).parent.parent / "scripts"))
    from credit_paths import split_of, wilson

    assert split_of("news_claim_heldout4") == {"held": {g["group"] for g in four["groups"]}}
    assert set(split_of("news_claim_heldout3")) == {"dev", "test"}
    assert np.round(wilson(33, 37), 3).tolist() == [0.753, 0.957]
    if not (BBC / "articles").is_dir():
        pytest.skip(f"{BBC} not found")
    from sample_claim_pairs import _name, bbc_groups_drawn

    assert [[_name(f) for f in g] for g in bbc_groups_drawn(12, unused=True)] == [
        g["files"] for g in four["groups"]]


def assert_fully_labelled(fixture: dict) -> None:
    """A held-out credits fixture (heldout4's format) labels every credit (a failure type and
    a note when not "same"), every duplicate (an earlier point of its group, with a reason)
    and every conflict, and counts its same-text copies."""
    assert {p["label"] for p in fixture["pairs"]} <= {"same", "partly", "different"}
    assert all(p["failure"] and p["note"] for p in fixture["pairs"] if p["label"] != "same")
    points = {(q["cluster"], q["point"]) for q in fixture["points"]}
    assert all((q["cluster"], q["duplicate_of"]) in points and q["duplicate_of"] < q["point"]
               and q["why"] for q in fixture["points"] if q["duplicate"])
    assert all(c["label"] and c["why"] and isinstance(c["kind_right"], bool)
               for c in fixture["conflicts"])
    assert len(fixture["identical"]) == fixture["identical_credits"]


@pytest.mark.parametrize(("name", "grouping", "before", "drawn"), [
    ("news_claim_heldout5", 0.3, ("news_claim_heldout3", "news_claim_heldout4"), 12),
    ("news_claim_heldout6", 0.25, ("news_claim_heldout3", "news_claim_heldout4",
                                   "news_claim_heldout5"), 12),
    ("news_claim_heldout8", 0.2, ("news_claim_heldout3", "news_claim_heldout4",
                                  "news_claim_heldout5", "news_claim_heldout6"), 12),
    ("news_claim_heldout9", 0.2, ("news_claim_heldout3", "news_claim_heldout4",
                                  "news_claim_heldout5", "news_claim_heldout6",
                                  "news_claim_heldout8"), 12),
    ("news_claim_heldout10", 0.2, ("news_claim_heldout3", "news_claim_heldout4",
                                   "news_claim_heldout5", "news_claim_heldout6",
                                   "news_claim_heldout8", "news_claim_heldout9"), 26),
    ("news_claim_heldout11", 0.15, ("news_claim_heldout3", "news_claim_heldout4",
                                    "news_claim_heldout5", "news_claim_heldout6",
                                    "news_claim_heldout8", "news_claim_heldout9",
                                    "news_claim_heldout10"), 20),
    ("news_claim_heldout13", 0.15, ("news_claim_heldout3", "news_claim_heldout4",
                                    "news_claim_heldout5", "news_claim_heldout6",
                                    "news_claim_heldout8", "news_claim_heldout9",
                                    "news_claim_heldout10", "news_claim_heldout11"), 20)])
def test_later_bbc_checks_are_labelled_apart_and_drawn_by_their_rule(monkeypatch, name,
                                                                     grouping, before, drawn):
    """news_claim_heldout5/6.json (session 10's held-out checks), news_claim_heldout8/9.json
    (session 11's, on bbc_groups(0.2)), news_claim_heldout10.json (session 12's: all 26
    groups left), news_claim_heldout11.json (20 of the 40 bbc_groups(0.15) groups sharing
    no article with heldout3-10) and news_claim_heldout13.json (session 13's: the other 20,
    all the groups left): every credit labelled, with
    a failure type and a reason when not "same"; every duplicate points at an earlier point
    of its group with a reason; every conflict labelled; no article shared with the earlier
    checks or the Yukos fixture; the groups are ``sample_claim_pairs.py --bbc-credits N
    --grouping G --exclude-used --labelled ...``'s draw (heldout10's and heldout13's every
    eligible group: one more would draw no other)."""
    from tests.conftest import BBC

    fixture = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    assert_fully_labelled(fixture)
    files = {f for g in fixture["groups"] for f in g["files"]}
    used = {f for other in before for g in json.loads(
        (FIXTURES / f"{other}.json").read_text(encoding="utf-8"))["groups"] for f in g["files"]}
    yukos = json.loads((FIXTURES / "bbc_yukos_comparison.json").read_text(encoding="utf-8"))
    assert len(fixture["groups"]) == drawn and not files & used
    assert not files & {f.removesuffix(".txt") for f in yukos["bbc_files"]}
    if not (BBC / "articles").is_dir():
        pytest.skip(f"{BBC} not found")
    monkeypatch.syspath_prepend(str(Path(__file__).parent.parent / "scripts"))
    from sample_claim_pairs import LABELLED_BBC, _name, bbc_groups_drawn

    assert LABELLED_BBC == ("news_claim_heldout3", "news_claim_heldout4")  # heldout5's draw
    assert [[_name(f) for f in g] for g in bbc_groups_drawn(
        drawn, grouping=grouping, exclude=before)] == [g["files"] for g in fixture["groups"]]
    if name in ("news_claim_heldout10", "news_claim_heldout13"):
        assert len(bbc_groups_drawn(drawn + 1, grouping=grouping, exclude=before)) == drawn
    if name == "news_claim_heldout11":  # 0.2 holds no group left; 0.15 holds 40, 20 drawn
        assert not bbc_groups_drawn(1, grouping=0.2, exclude=before)
        assert len(bbc_groups_drawn(1000, grouping=grouping, exclude=before)) == 40


def _credit_paths_run(name: str) -> tuple[dict[str, int], dict[str, int]]:
    """benchmarks/credit_paths.py's run of a DUC credits fixture (its one "held" half; the
    benchmarks folder on sys.path): its credits, labelled credits and same ones summed over
    the decision paths, and the answers' counts (duplicates, conflicts, ...)."""
    from credit_paths import run

    answers: dict[str, dict[str, int]] = {}
    paths = run(("held",), name, answers)["held"]
    total = {k: sum(n[k] for n in paths.values()) for k in ("credits", "labelled", "same")}
    return total, answers["held"]


def test_duc_check_is_labelled_on_clusters_no_model_was_fitted_on(monkeypatch):
    """news_claim_heldout7.json (session 11): the comparer's credits on the DUC 2004 dev
    clusters of news_claim_heldout/heldout2, none named by a fixture the news calibration or
    the point model is fitted on; every credit, duplicate and conflict labelled. On the
    data, the comparer's own run (benchmarks/credit_paths.py, about 6 s) makes no credit the
    fixture does not label and keeps its precision (measured 4 of 4 beyond 194 same-text
    copies), shows no labelled duplicate (12 same at 94270a3; 3 once the same file under two
    names is one source; 0 since a point restating a surer one in other words is left out,
    DUPLICATE_COSINE) and reports no conflict the fixture does not label."""
    import re

    from tests.conftest import ROOT

    monkeypatch.syspath_prepend(str(ROOT / "benchmarks"))
    monkeypatch.syspath_prepend(str(ROOT / "scripts"))
    import calibrate_claims
    import fit_points
    from sample_claim_pairs import DUC, DUC_HELDOUT

    def clusters(name: str) -> set[str]:
        data = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
        return set(re.findall(r"d3\d{4}t", data["about"])) | {p["cluster"] for p in data["pairs"]}

    fitted = set().union(*map(clusters, set(fit_points.TRAIN) | set(calibrate_claims.TRAIN)))
    assert len(fitted) == 17 and not fitted & set(DUC_HELDOUT)
    assert set(DUC_HELDOUT) == clusters("news_claim_heldout") | clusters("news_claim_heldout2")
    seven = json.loads((FIXTURES / "news_claim_heldout7.json").read_text(encoding="utf-8"))
    assert seven["corpus"] == "duc2004-dev"
    assert [g["group"] for g in seven["groups"]] == list(DUC_HELDOUT)
    assert {p["label"] for p in seven["pairs"]} <= {"same", "partly", "different"}
    assert all(p["failure"] and p["note"] for p in seven["pairs"] if p["label"] != "same")
    points = {(q["cluster"], q["point"]) for q in seven["points"]}
    assert len(points) == sum(g["points"] for g in seven["groups"])
    assert all((q["cluster"], q["duplicate_of"]) in points and q["duplicate_of"] < q["point"]
               and q["why"] for q in seven["points"] if q["duplicate"])
    assert all(c["label"] and c["why"] and isinstance(c["kind_right"], bool)
               for c in seven["conflicts"])
    assert len(seven["identical"]) == seven["identical_credits"]
    extra = seven["encode_all"]  # an experiment's run: its extra credits and duplicates
    assert {p["label"] for p in extra["pairs"]} <= {"same", "partly", "different"}
    assert all(p["failure"] and p["note"] for p in extra["pairs"] if p["label"] != "same")
    assert all(q["duplicate"] in ("same", "partly") and q["why"] for q in extra["duplicates"])
    if not DUC.is_dir():
        pytest.skip(f"{DUC} not found")
    total, held = _credit_paths_run("news_claim_heldout7")
    assert total["credits"] == total["labelled"] >= 3
    assert total["same"] / total["labelled"] >= 0.75
    assert held["duplicates"] == 0 and held["conflicts_labelled"] == held["conflicts"]


def test_whole_duc_check_is_labelled_and_the_comparer_still_makes_its_credits(monkeypatch):
    """news_claim_heldout26.json (session 15): every credit the comparer at 29df8d8 makes on
    ALL 25 DUC 2004 dev clusters, each compared whole as ``briefbot compare`` compares a
    cluster, labelled blind (33 of 37 the same claim, 4 partly; 6 new pairs, all same: the
    clusters were fitted or read before, so it is a re-check, not a held-out figure). On the
    data, the comparer's own run makes no credit the fixture does not label, keeps at least
    0.85 of them right, shows no labelled duplicate and reports no conflict unlabelled
    (with session 15's threshold, 0.88: 19 credits, 17 right)."""
    from tests.conftest import ROOT

    fixture = json.loads((FIXTURES / "news_claim_heldout26.json").read_text(encoding="utf-8"))
    assert fixture["corpus"] == "duc2004-dev" and len(fixture["groups"]) == 25
    assert_fully_labelled(fixture)
    assert all(bool(p.get("seen_in")) == p["seen_before"] for p in fixture["pairs"])
    monkeypatch.syspath_prepend(str(ROOT / "benchmarks"))
    monkeypatch.syspath_prepend(str(ROOT / "scripts"))
    from sample_claim_pairs import DUC

    if not DUC.is_dir():
        pytest.skip(f"{DUC} not found")
    total, held = _credit_paths_run("news_claim_heldout26")
    assert total["credits"] == total["labelled"] >= 15
    assert total["same"] / total["labelled"] >= 0.85
    assert held["duplicates"] == 0 and held["conflicts_labelled"] == held["conflicts"]


def _drawn_after(checks: list[tuple[str, int, int]]) -> list[tuple[str, int, int, tuple[str, ...]]]:
    """(fixture, topics drawn, seed) of a series of topic checks, each drawn with the topics of
    every check before it excluded (``--exclude-topics``): the fourth field."""
    return [(name, drawn, seed, tuple(c[0] for c in checks[:k]))
            for k, (name, drawn, seed) in enumerate(checks)]


NAME_TOPIC_CHECKS = _drawn_after([
    ("news_claim_heldout12", 20, 0), ("news_claim_heldout14", 30, 1),
    ("news_claim_heldout16", 40, 2), ("news_claim_heldout18", 50, 3),
    ("news_claim_heldout20", 60, 4), ("news_claim_heldout22", 60, 5),
    ("news_claim_heldout24", 60, 6), ("news_claim_heldout27", 60, 7),
    # asked for 100 (--bbc-topics 100): the 25 candidates the earlier name checks left
    ("news_claim_heldout29", 25, 8)])


@pytest.mark.parametrize(("name", "drawn", "seed", "exclude"), NAME_TOPIC_CHECKS)
def test_topic_check_is_labelled_and_its_topics_are_the_committed_draw(monkeypatch, name,
                                                                       drawn, seed, exclude):
    """news_claim_heldout12.json (session 13), news_claim_heldout14-22 (session 14), 24, 27 and
    29 (session 15): the credits of TOPIC comparisons over the whole BBC set, every one labelled
    (a failure and a note when not "same"; ``seen_before`` says whether an earlier fixture
    labels the pair, ``seen_in`` which), no duplicate or conflict unlabelled; the topics are
    ``sample_claim_pairs.py --bbc-topics N [--topic-seed S --exclude-topics ...]``'s draw,
    none a topic of bench_compare.py or Yukos (their figures were read every session) nor of
    the excluded fixtures."""
    from tests.conftest import BBC, ROOT

    fixture = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    assert_fully_labelled(fixture)
    assert all(isinstance(p["seen_before"], bool) for p in fixture["pairs"])
    assert all(p["note"] for p in fixture["pairs"])
    assert all(bool(p.get("seen_in")) == p["seen_before"] for p in fixture["pairs"])
    topics = {t["topic"]: t for t in fixture["topics"]}
    assert all(p["cluster"] in topics for p in fixture["pairs"] + fixture["points"])
    assert all(r["cluster"] in topics for r in fixture.get("reader_defects", []))
    assert len(fixture["points"]) == sum(t.get("points", 0) for t in topics.values())
    assert len(fixture["conflicts"]) == sum(t.get("conflicts", 0) for t in topics.values())
    monkeypatch.syspath_prepend(str(ROOT / "benchmarks"))
    monkeypatch.syspath_prepend(str(ROOT / "scripts"))
    from bench_compare import TOPICS
    from sample_claim_pairs import SEEN_TOPICS, bbc_topics_drawn

    assert set(TOPICS) | {"Yukos"} == set(SEEN_TOPICS)
    words = {w.lower() for t in SEEN_TOPICS for w in t.split()}
    assert len(topics) == drawn and not {t.lower() for t in topics} & words
    for other in exclude:
        assert not topics.keys() & {t["topic"] for t in json.loads(
            (FIXTURES / f"{other}.json").read_text(encoding="utf-8"))["topics"]}
    if not (BBC / "articles").is_dir():
        pytest.skip(f"{BBC} not found")
    assert bbc_topics_drawn(drawn, seed, exclude) == list(topics)


@pytest.mark.parametrize(("drawer", "candidates", "earlier", "first", "then"), [
    ("bbc_topics_drawn", "topic_candidates", "news_claim_heldout12", 20, 30),
    ("bbc_noun_topics_drawn", "noun_topic_candidates", "news_claim_heldout15", 30, 50)])
def test_topic_draw_takes_a_seed_and_leaves_out_an_earlier_fixtures_topics(
        monkeypatch, drawer, candidates, earlier, first, then):
    """``bbc_topics_drawn(n, seed, exclude)`` (heldout14's draw) and
    ``bbc_noun_topics_drawn(n, seed, exclude)`` (heldout17's): ``random.sample`` with
    ``random.Random(seed)`` of the sorted candidates once the excluded fixtures' topics are
    taken out; seed 0 and no exclusion draw as the earlier fixture (heldout12, heldout15) was
    drawn."""
    import random

    from tests.conftest import ROOT

    monkeypatch.syspath_prepend(str(ROOT / "scripts"))
    import sample_claim_pairs

    taken = [t["topic"] for t in json.loads(
        (FIXTURES / f"{earlier}.json").read_text(encoding="utf-8"))["topics"]]
    words = sorted({f"word{k:02}" for k in range(then + 10)} | set(taken))
    monkeypatch.setattr(sample_claim_pairs, candidates, lambda **_: list(words))
    draw = getattr(sample_claim_pairs, drawer)
    assert draw(first) == random.Random(0).sample(words, first)
    rest = [n for n in words if n not in taken]
    drawn = draw(then, 1, (earlier,))
    assert drawn == random.Random(1).sample(rest, then) and not set(drawn) & set(taken)
    assert draw(then, 1) != drawn and set(draw(len(words), 1)) & set(taken)  # exclusion matters
    assert draw(then, 2, (earlier,)) != drawn  # and so does the seed
    assert sorted(draw(len(words), 1, (earlier,))) == rest


def test_noun_topic_draw_takes_another_band_of_article_counts(monkeypatch):
    """``bbc_noun_topics_drawn(n, seed, df=(lo, hi))`` (answers check 46: ``sample_answers.py
    --noun-df 4 7``) draws from the candidates of that band, computed apart from the
    default band's; the default band draws as before."""
    import random

    from tests.conftest import ROOT

    monkeypatch.syspath_prepend(str(ROOT / "scripts"))
    import sample_claim_pairs

    default = [f"word{k:02}" for k in range(20)]
    rare = [f"rare{k:02}" for k in range(20)]
    asked: list[tuple[int, int]] = []

    def candidates(df=sample_claim_pairs.NOUN_DF):
        asked.append(df)
        return default if df == sample_claim_pairs.NOUN_DF else rare

    monkeypatch.setattr(sample_claim_pairs, "noun_topic_candidates", candidates)
    assert sample_claim_pairs.bbc_noun_topics_drawn(5, 3, df=(4, 7)) == \
        random.Random(3).sample(rare, 5)
    assert sample_claim_pairs.bbc_noun_topics_drawn(5, 3) == random.Random(3).sample(default, 5)
    assert sample_claim_pairs.bbc_noun_topics_drawn(6, 3, df=(4, 7))[:5] == \
        random.Random(3).sample(rare, 5)
    assert asked == [(4, 7), sample_claim_pairs.NOUN_DF]  # each band tagged once


def test_topic_candidates_are_names_within_the_document_frequency_window(tmp_path,
                                                                          monkeypatch):
    """The topic rule of news_claim_heldout12: a capitalised word counts only where it is not
    the first of its sentence (line start, after . ! ? or an opening quote); it must be
    written so in the window's number of articles, more often than in lower case, and be
    no month, form of address or benchmark topic."""
    from tests.conftest import ROOT

    monkeypatch.syspath_prepend(str(ROOT / "scripts"))
    from sample_claim_pairs import topic_candidates

    texts = ["Title about Acme\n\nShares in Acme rose. Zed fell. They met Mr Bloggs in May.",
             "Bloggs and Acme: the talks with Acme went on. \"Zed\" is back, Iraq said.",
             "Later the Rover firm said Bloggs and Acme agreed, as Iraq and Bloggs did.",
             "A rover landed. The rover is new, said Rover."]
    for k, text in enumerate(texts):
        (tmp_path / "news").mkdir(exist_ok=True)
        (tmp_path / "news" / f"{k:03}.txt").write_text(text, encoding="utf-8")
    # Acme: not first in 3 articles; Bloggs 2 (first in article 1); Rover 2 but written
    # "rover" twice; Zed only ever first; Iraq a benchmark topic; May a month; Mr an address
    assert topic_candidates(tmp_path, (2, 3)) == ["Acme", "Bloggs"]
    assert topic_candidates(tmp_path, (3, 3)) == ["Acme"]


NOUN_TOPIC_CHECKS = _drawn_after([
    ("news_claim_heldout15", 30, 0), ("news_claim_heldout17", 50, 1),
    ("news_claim_heldout19", 60, 2), ("news_claim_heldout21", 80, 3),
    ("news_claim_heldout23", 80, 4), ("news_claim_heldout25", 80, 5),
    ("news_claim_heldout28", 80, 6), ("news_claim_heldout30", 120, 7),
    ("news_claim_heldout31", 120, 8), ("news_claim_heldout32", 120, 9),
    ("news_claim_heldout33", 120, 10), ("news_claim_heldout34", 120, 11),
    ("news_claim_heldout35", 110, 12), ("news_claim_heldout36", 110, 13)])


@pytest.mark.parametrize(("name", "drawn", "seed", "exclude"), NOUN_TOPIC_CHECKS)
def test_noun_topic_check_is_labelled_and_its_topics_are_common_nouns(monkeypatch, name, drawn,
                                                                      seed, exclude):
    """news_claim_heldout15.json, news_claim_heldout17.json, news_claim_heldout19.json,
    news_claim_heldout21.json and news_claim_heldout23.json (session 14),
    news_claim_heldout25.json, 28, 30 and 31 (session 15), 32-36 (session 16): the
    credits of TOPIC comparisons over the whole BBC set on common-noun topics, every one
    labelled (a failure and a note when not "same"; ``seen_before`` says whether an earlier
    fixture labels the pair), no duplicate or conflict unlabelled; the topics are lower-case
    words of 5+ letters, none a stop word or a word of a topic of bench_compare.py or Yukos
    (their figures were read every session) nor a topic of the excluded fixtures."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    fixture = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    assert_fully_labelled(fixture)
    assert all(isinstance(p["seen_before"], bool) and bool(p.get("seen_in")) == p["seen_before"]
               for p in fixture["pairs"])
    topics = {t["topic"]: t for t in fixture["topics"]}
    assert all(p["cluster"] in topics for p in fixture["pairs"] + fixture["points"])
    assert len(fixture["points"]) == sum(t.get("points", 0) for t in topics.values())
    assert all(r["cluster"] in topics and r["note"] for r in fixture["reader_defects"])
    from tests.conftest import ROOT

    monkeypatch.syspath_prepend(str(ROOT / "scripts"))
    import sample_claim_pairs
    from sample_claim_pairs import SEEN_TOPICS

    words = {w.lower() for t in SEEN_TOPICS for w in (t, *t.split())}
    assert len(topics) == drawn and all(t.islower() and t.isalpha() and len(t) >= 5
                                        for t in topics)
    assert not set(topics) & (words | ENGLISH_STOP_WORDS)
    assert all(p["note"] for p in fixture["pairs"])
    assert len(fixture["conflicts"]) == sum(t.get("conflicts", 0) for t in topics.values())
    assert not topics.keys() & sample_claim_pairs._fixture_topics(exclude)


@pytest.mark.slow
@pytest.mark.parametrize(("name", "drawn", "seed", "exclude"), NOUN_TOPIC_CHECKS)
def test_noun_topic_check_topics_are_the_committed_draw(monkeypatch, name, drawn, seed,
                                                        exclude):
    """news_claim_heldout15's, heldout17's, heldout19's, heldout21's, 23's, 25's, 28's, 30's,
    31's and 32-36's topics are ``sample_claim_pairs.py --bbc-noun-topics N
    [--topic-seed S --exclude-topics ...]``'s draw (every BBC article tagged: about a minute
    each)."""
    from tests.conftest import BBC, ROOT

    if not (BBC / "articles").is_dir():
        pytest.skip(f"{BBC} not found")
    monkeypatch.syspath_prepend(str(ROOT / "scripts"))
    from sample_claim_pairs import bbc_noun_topics_drawn

    fixture = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    assert bbc_noun_topics_drawn(drawn, seed, exclude) == [t["topic"] for t in fixture["topics"]]


def test_place_check_is_labelled():
    """news_claim_heldout37.json (session 16): the credits of PLACE comparisons over the whole
    BBC set (``compare(place=...)``, as ``/compare place`` runs), every one labelled (a failure
    and a note when not "same"; ``seen_before`` says whether an earlier fixture labels the
    pair), no duplicate or conflict unlabelled, each point and conflict of a drawn place. The
    draw itself is not re-run here: it reads the place index, which moves with the place code
    (session 16's curated phrases and peerage rule took Brent and Birkenhead out of the 176
    candidates); ``git checkout 250f717`` and the fixture's command reproduce it."""
    fixture = json.loads((FIXTURES / "news_claim_heldout37.json").read_text(encoding="utf-8"))
    assert_fully_labelled(fixture)
    assert all(isinstance(p["seen_before"], bool) and bool(p.get("seen_in")) == p["seen_before"]
               for p in fixture["pairs"])
    places = {t["topic"]: t for t in fixture["topics"]}
    assert len(places) == len(fixture["topics"]) == 60
    assert all(p["cluster"] in places for p in fixture["pairs"] + fixture["points"])
    assert len(fixture["points"]) == sum(t.get("points", 0) for t in places.values())
    assert len(fixture["conflicts"]) == sum(t.get("conflicts", 0) for t in places.values())
    assert all(p["note"] for p in fixture["pairs"])


def test_noun_topic_candidates_are_lower_case_nouns_within_the_window(tmp_path,
                                                                       monkeypatch):
    """The topic rule of news_claim_heldout15: a word of 5+ letters written in lower case in
    the window's number of articles, more often lower case than capitalised, no stop word or
    benchmark topic word, and tagged NOUN by spaCy in at least 80% of its occurrences."""
    from tests.conftest import ROOT

    monkeypatch.syspath_prepend(str(ROOT / "scripts"))
    import sample_claim_pairs
    from sample_claim_pairs import noun_topic_candidates

    texts = ["Strike talks\n\nThe strike closed the plant. Union leaders quickly met bosses "
             "about the deficit.",
             "The strike ended after a week. The apple harvest was poor. Mobile phones sold well.",
             "A second strike began. The apple crop and the amount grew quickly. Apple shares "
             "rose. Apple said so.",
             "The deficit widened. Cheap phones were sold. Firms quickly cut the deficit by a "
             "large amount."]
    (tmp_path / "news").mkdir()
    for k, text in enumerate(texts):
        (tmp_path / "news" / f"{k:03}.txt").write_text(text, encoding="utf-8")
    # strike: lower case in 3 articles (once capitalised, in the title); deficit 2; quickly 3
    # but an adverb; amount 2 but a stop word; apple 2 but as often capitalised; phones 2
    # but a word of the benchmark topic "mobile phones"; every other word in one article
    assert noun_topic_candidates(tmp_path, (2, 3)) == ["deficit", "strike"]
    assert noun_topic_candidates(tmp_path, (3, 3)) == ["strike"]
    # without the tagger's share, the adverb comes in: the share is what leaves it out
    monkeypatch.setattr(sample_claim_pairs, "NOUN_SHARE", 0.0)
    assert noun_topic_candidates(tmp_path, (2, 3)) == ["deficit", "quickly", "strike"]



def test_read_pairs_msrp_format(tmp_path):
    f = tmp_path / "pairs.txt"
    f.write_text("\ufeffQuality\t#1 ID\t#2 ID\t#1 String\t#2 String\n1\t1\t2\tA b.\tA c.\n"
                 "0\t3\t4\tX.\tY.\n", encoding="utf-8")
    assert read_pairs(f) == ([("A b.", "A c."), ("X.", "Y.")], [1, 0])
    # Windows line ends, and a file in Windows-1252 (a curly quote that is not UTF-8)
    f.write_bytes("Quality\t#1 ID\t#2 ID\t#1 String\t#2 String\r\n"
                  "1\t1\t2\tHe said \u201cno\u201d.\tHe said no.\r\n".encode("cp1252"))
    assert read_pairs(f) == ([("He said \u201cno\u201d.", "He said no.")], [1])
    f.write_text("Quality\t#1 ID\n2\tbad\n", encoding="utf-8")
    with pytest.raises(ValueError, match="5 tab-separated"):
        read_pairs(f)


def test_shipped_weights_hold_the_encoder_stage_with_held_out_figures():
    data = json.loads((Path(__file__).parent.parent / "bot" / "engine" / "data"
                       / "claims.json").read_text(encoding="utf-8"))
    stage = data["encoder_stage"]
    assert 0.0 <= stage["gate"] <= claims_module.LOWEST_FLOOR
    assert len(stage["coef"]) == len(claims_module.STAGE_FEATURES)
    assert len(stage["words"]["vocabulary"]) == len(stage["words"]["both"]) > 1000
    held = data["held_out"]["operating"]
    assert held["precision"] >= 0.88 and held["recall"] >= 0.5


def test_encoder_loads_at_the_first_question_and_only_for_pairs_above_the_gate(monkeypatch):
    import bot.engine.encoder as encoder_module

    real = encoder_module.encoder()
    assert real is not None
    calls: list[int] = []

    def counting():
        calls.append(1)
        return real

    monkeypatch.setattr(encoder_module, "encoder", counting)
    m = ClaimMatcher()
    assert calls == [] and m.stage is not None  # built without starting the session
    close = ("Iraqi forces retook the city of Mosul on Saturday after a long siege.",
             "Iraqi forces recaptured Mosul on Saturday after a siege of months.")
    far = ("Iraqi forces retook the city of Mosul on Saturday after a long siege.",
           "The minister opened a new hospital wing in the northern town yesterday.")
    asked: list[list[tuple[str, str]]] = []
    original = m.encoder_features
    monkeypatch.setattr(m, "encoder_features", lambda pairs: asked.append(list(pairs))
                        or original(pairs))
    cheap = m.cheap_probabilities([close, far])
    assert cheap[0] >= m.stage.gate > cheap[1]
    p = m.probabilities([close, far])
    assert calls and asked == [[close]]
    assert p[1] == cheap[1] and p[0] != cheap[0] and p[0] > m.threshold


def test_without_the_encoder_the_cheap_stage_decides_as_before(monkeypatch):
    import bot.engine.encoder as encoder_module

    monkeypatch.setattr(encoder_module, "encoder", lambda: None)
    m = ClaimMatcher()
    assert m.available and not m.deep
    pairs = [FALSE_CREDITS[0], ("The central bank raised interest rates to curb inflation.",
                                "Rising inflation pushed the central bank to raise rates.")]
    assert np.array_equal(m.probabilities(pairs), m.cheap_probabilities(pairs))
    assert m.threshold == m.model.threshold
    corpus = Corpus(Path("."), {d.doc_id: d for d in (
        _doc("a", "Wire A", "The central bank raised interest rates to curb rising inflation."),
        _doc("b", "Wire B", "Rising inflation pushed the central bank to raise interest rates."))})
    result = Comparer(corpus, matcher=m).compare(documents=["a", "b"]).to_dict()
    assert len(result["consensus"]) == 1 and len(result["consensus"][0]["claims"]) == 2


# two pairs above the encoder stage's gate, with different cheap probabilities
ABOVE_GATE = [("Iraqi forces retook the city of Mosul on Saturday after a long siege.",
               "Iraqi forces recaptured Mosul on Saturday after a siege of months."),
              ("The central bank raised interest rates to curb rising inflation.",
               "Rising inflation pushed the central bank to raise interest rates again.")]


def test_encode_budget_asks_the_most_likely_pairs_first(monkeypatch):
    m = ClaimMatcher(encode_budget=2)
    assert m.deep
    pairs = ABOVE_GATE
    cheap = m.cheap_probabilities(pairs)
    assert cheap.min() >= m.stage.gate and cheap[0] != cheap[1]
    top, other = int(np.argmax(cheap)), int(np.argmin(cheap))
    asked: list[list[tuple[str, str]]] = []
    original = m.encoder_features
    monkeypatch.setattr(m, "encoder_features", lambda pairs: asked.append(list(pairs))
                        or original(pairs))
    p = m.probabilities(pairs)
    assert asked == [[pairs[top]]] and p[other] == cheap[other] and p[top] != cheap[top]


def test_deep_texts_are_what_the_encoder_stage_asks_for(encoder_runs):
    """A caller that encodes deep_texts first leaves the encoder stage nothing to encode."""
    m = ClaimMatcher(encode_budget=3)
    assert m.deep
    pairs = [*ABOVE_GATE,
             ("The minister opened a new hospital wing in the northern town yesterday.",
              "Shares in the mining company fell sharply in early trading in London.")]
    texts = m.deep_texts(pairs)
    assert 0 < len(texts) <= 3 and set(texts) <= {t for p in pairs for t in p}
    assert pairs[2][0] not in texts  # below the gate: never encoded
    enc = m.encoder
    enc.encode(texts)
    runs = encoder_runs(enc)
    m.probabilities(pairs)
    assert runs == []
    assert ClaimMatcher(encoder=False).deep_texts(pairs) == []


def _feature(row: list[float], name: str) -> float:
    return row[claims_module.ENCODER_FEATURES.index(name)]


def test_alignment_structure_features_see_an_added_clause_and_word_order():
    """An added clause (pieces with no counterpart) lengthens the longest unaligned run and
    lowers the assigned share; the same pieces in reverse order turn Kendall's tau round."""
    basis = np.eye(12)
    a = basis[:5]  # five pieces, each its own direction
    plus_clause = np.vstack([basis[:5], basis[5:9]])  # the same five, then four new ones
    kinds_a = (np.ones(5, dtype=bool), np.zeros(5, dtype=bool))
    kinds_b = (np.ones(9, dtype=bool), np.zeros(9, dtype=bool))
    v = np.ones(3) / np.sqrt(3)
    same = claims_module.encoder_pair_features(v, v, a, a, kinds_a, kinds_a)
    added = claims_module.encoder_pair_features(v, v, a, plus_clause, kinds_a, kinds_b)
    assert len(same) == len(added) == len(claims_module.ENCODER_FEATURES)
    assert _feature(same, "unaligned_run_log_max") == 0.0
    assert _feature(added, "unaligned_run_log_max") == pytest.approx(np.log1p(4))
    assert _feature(added, "unaligned_run_share_max") == pytest.approx(4 / 9)
    assert _feature(added, "assign_below70_max") > _feature(same, "assign_below70_max")
    assert _feature(same, "order_tau") == pytest.approx(1.0)
    reversed_ = claims_module.encoder_pair_features(v, v, a, a[::-1], kinds_a, kinds_a)
    assert _feature(reversed_, "order_tau") == pytest.approx(-1.0)
    assert _feature(reversed_, "mutual_min") == 1.0  # every piece still has its match


def test_aligned_blocks_count_pieces_aligned_in_sequence():
    """Five pieces in order make one block of five; reversed, no two neighbours map to
    neighbours, so the longest block is one piece and no block reaches three."""
    basis = np.eye(12)
    a = basis[:5]
    longer = np.vstack([basis[:5], basis[5:9]])
    kinds_a = (np.ones(5, dtype=bool), np.zeros(5, dtype=bool))
    kinds_b = (np.ones(9, dtype=bool), np.zeros(9, dtype=bool))
    v = np.ones(3) / np.sqrt(3)
    added = claims_module.encoder_pair_features(v, v, a, longer, kinds_a, kinds_b)
    assert _feature(added, "block_share_min") == pytest.approx(5 / 9)
    assert _feature(added, "block_share_max") == pytest.approx(1.0)
    assert _feature(added, "blocks3_log") == pytest.approx(np.log1p(1))
    reversed_ = claims_module.encoder_pair_features(v, v, a, a[::-1], kinds_a, kinds_a)
    assert _feature(reversed_, "block_share_max") == pytest.approx(1 / 5)
    assert _feature(reversed_, "blocks3_log") == 0.0


def test_exported_trees_give_the_boosted_models_probabilities(monkeypatch):
    """scripts/train_claims.py flattens the encoder stage's trees; the engine's walk of
    them gives scikit-learn's probabilities."""
    monkeypatch.syspath_prepend(str(Path(__file__).parent.parent / "scripts"))
    import train_claims

    rng = np.random.default_rng(0)
    x = rng.random((600, 6))
    y = (x[:, 0] + x[:, 1] * x[:, 2] + 0.3 * rng.random(600) > 0.9).astype(int)
    model = train_claims.HistGradientBoostingClassifier(
        **(train_claims.TREES | {"max_iter": 40}), random_state=0).fit(x, y)
    trees = claims_module._load_trees(json.loads(json.dumps(train_claims.export_trees(model))))
    test = rng.random((200, 6))
    got = 1 / (1 + np.exp(-trees.log_odds(test)))
    assert np.allclose(got, model.predict_proba(test)[:, 1], atol=1e-12)
    assert 0.05 < got.mean() < 0.95 and got.std() > 0.1  # not a constant


def test_shipped_encoder_stage_averages_its_regression_with_trees():
    m = ClaimMatcher()
    stage = m.stage
    assert stage is not None and stage.trees is not None and 0 < stage.blend < 1
    n = len(claims_module.STAGE_FEATURES)
    assert stage.trees.feature.max() < n
    x = np.vstack([stage.mean, stage.mean + 2 * stage.scale])
    z = ((x - stage.mean) / stage.scale) @ stage.coef + stage.intercept
    plain = 1 / (1 + np.exp(-z))
    trees = 1 / (1 + np.exp(-stage.trees.log_odds(x)))
    assert np.allclose(stage.probabilities(x), (1 - stage.blend) * plain + stage.blend * trees)
    assert not np.allclose(stage.probabilities(x), plain)


def test_stacked_word_feature_is_the_trained_regressions_log_odds(monkeypatch):
    """scripts/train_claims.py fits the word regression on sparse "in both" / "in one
    only" columns; the engine's ``_Words`` gives its log-odds from the exported weights,
    in any order of the words."""
    monkeypatch.syspath_prepend(str(Path(__file__).parent.parent / "scripts"))
    import train_claims

    texts = ["Shares rose 5 percent on Monday.", "Shares fell on Monday, and analysts worried.",
             "The company said profits rose.", "Profits rose, the company said.",
             "Police arrested two men.", "Two men were not arrested by police."]
    pairs = [(a, b) for a in texts for b in texts if a != b]
    y = np.array([int(claims_module.word_set(a) <= claims_module.word_set(b) | {"the"})
                  for a, b in pairs])
    y[:2] = 1 - y[:2]  # both classes present
    sets = train_claims.word_sets(pairs)
    fitted = train_claims.fit_words(sets, y, 1.0)
    vocab = {w: k for k, w in enumerate(fitted["vocabulary"])}
    matrix = train_claims._word_matrix(sets, vocab)
    coef = np.ravel(np.column_stack([fitted["both"], fitted["one"]]))
    expected = matrix @ coef + fitted["intercept"]
    got = train_claims.word_logits(fitted, sets)
    assert np.allclose(got, expected, atol=1e-9) and got.std() > 0.1
    words = claims_module._Words(dict(zip(fitted["vocabulary"], fitted["both"], strict=True)),
                                 dict(zip(fitted["vocabulary"], fitted["one"], strict=True)),
                                 fitted["intercept"])
    assert words.log_odds(*pairs[3]) == got[3]


def test_shipped_word_feature_weighs_an_added_clause_against_the_pair():
    stage = ClaimMatcher().stage
    assert stage is not None
    a = "The company said its quarterly profit rose 5 percent."
    assert stage.words.log_odds(a, a + " and it will cut 300 jobs") < stage.words.log_odds(a, a)
    assert stage.words.log_odds(a, a.replace("said", "did not say")) < stage.words.log_odds(a, a)
