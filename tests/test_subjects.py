"""A main clause whose subject is a pronoun nothing before it names (bot.engine.subjects).

The cases are lines of the blind checks of answers and BBC sentences (some shortened); the
rule parses with the shipped spaCy pipeline, so these also check what the parser gives."""

from __future__ import annotations

import pytest

from bot.engine.subjects import unnamed_subject


@pytest.mark.parametrize(("text", "title", "pronoun"), [
    ("Starting in London, he visited marginal constituencies pledging to build on Labour's "
     "achievements.", "Campaign trail", "he"),
    ("Equally, it may mean Hollywood studios ask for more to be put onto the average DVD.",
     "What high-definition will do to DVDs", "it"),
    ("In 2004 it detected more than 18 million phishing e-mail messages.",
     "Cyber criminals step up the pace", "it"),
    ("How will he achieve the breakthrough?", "UKIP's secret weapon?", "he"),
    ("Now they have promised a figure but have yet to reveal which taxes would be targeted.",
     "Tax fears", "they"),
    ("By the 1980s he had risen to the rank of senior lieutenant.",
     "Russian ex-spy on hunger strike", "he"),
    # a name, a person or a noun before the pronoun may be what it stands for
    ("Speaking in London, Mr Brown said he would cut taxes.", "Campaign trail", ""),
    ("After the vote, the minister said he was pleased.", "Vote", ""),
    ("When the firm was set up, it offered tickets 50% cheaper than its rivals.", "Deal", ""),
    ("Unlike their rivals, analysts at the bank said they expected growth.", "Growth", ""),
    # an empty "it"
    ("In the end, it is clear that the plan failed.", "Plan", ""),
    ("By 2007, it is predicted that there will be 2.5 million robots in homes.", "Robots", ""),
    ("Last year, it emerged that the firm had lost money.", "Losses", ""),
    # the title names the person
    ("In a speech at Edinburgh's Napier University, he said Labour would publish a rich "
     "agenda.", "Blair backs 'pre-election budget'", ""),
    # a quotation's pronoun, and the sentence's own opening pronoun (leans_back reads it)
    ('"Last year, he said, it was fine."', "Quote", ""),
    ("He said the plan would work.", "Plan", ""),
])
def test_a_subject_pronoun_that_nothing_before_it_names(text: str, title: str,
                                                       pronoun: str) -> None:
    assert unnamed_subject(text, title) == pronoun


def test_a_sentence_that_cannot_hold_such_a_subject_is_not_parsed(monkeypatch) -> None:
    """Only a pronoun in the first six words or right after a comma is parsed for: a line
    with none costs a regular expression, not a parse."""
    from bot.engine import subjects

    def fail(text: str) -> None:
        raise AssertionError(f"parsed {text!r}")

    monkeypatch.setattr(subjects, "_parse", fail)
    subjects._subject.cache_clear()
    assert unnamed_subject("The bank raised its main interest rate to 4.75% on Thursday after "
                           "a long meeting of its committee.", "Rates") == ""
