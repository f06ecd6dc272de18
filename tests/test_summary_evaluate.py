"""``briefbot evaluate`` on a tiny dataset laid out like the BBC set."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from bot.cli import evaluate as cli

ARTICLE = ("Dalton harbour reopens\n\n"
           "The river port of Dalton reopened on Monday after floods closed the harbour. "
           "Engineers inspected the bridge over the river for flood damage. "
           "The harbour master said ships would dock again by Friday. "
           "Officials counted 40 homes flooded along the river bank in the town.\n")
REFERENCE = ("The river port of Dalton reopened on Monday after floods closed the harbour."
             "The harbour master said ships would dock again by Friday.")


def test_evaluate_json_shape(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for cat in ("news", "more"):
        (tmp_path / "articles" / cat).mkdir(parents=True)
        (tmp_path / "summaries" / cat).mkdir(parents=True)
        for n in ("001", "002"):
            (tmp_path / "articles" / cat / f"{n}.txt").write_text(ARTICLE, encoding="utf-8")
            (tmp_path / "summaries" / cat / f"{n}.txt").write_text(REFERENCE, encoding="utf-8")
    parser = argparse.ArgumentParser()
    cli.add_arguments(parser)
    args = parser.parse_args(["--dataset", str(tmp_path), "--categories", "news",
                              "--limit", "1", "--systems", "default,lead,luhn", "--json"])
    assert cli.run(args) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["docs"] == 1
    assert set(data["systems"]) == {"default", "lead", "luhn"}
    for scores in data["systems"].values():
        assert {"rouge1", "rouge2", "rougeL"} <= set(scores)
        assert 0 < scores["rouge2"] <= 100
    # budget 25 words: lead takes sentences 1-2 (14 + 10 words), the third would overflow
    assert data["systems"]["lead"]["avg_sentences"] == 2
    bad = parser.parse_args(["--dataset", str(tmp_path), "--systems", "nope", "--json"])
    assert cli.run(bad) == 1
    assert "error" in json.loads(capsys.readouterr().out)
