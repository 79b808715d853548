"""The statistical safety net under the crisis and health-claim rules."""

import json
import time

import pytest

from alongside.safety import model, train
from alongside.safety.screening import rule_findings, screen_text

# Phrasings the rules miss and the model catches.
RULES_MISS_RISK = (
    "everything feels pointless and i keep wishing i could just sleep and never wake"
)
RULES_MISS_CLAIM = "Garlic kills every virus, you don't need the flu jab."

HARD_NEGATIVES = (
    "this traffic is killing me, I swear",
    "I'm dying to try that new cafe on the high street.",
    "Finished the crime novel where the detective dies at the end, what a twist.",
    "My physio suggested gentle stretches; they helped me a bit.",
    "Lovely walk by the river today, the ducks were out.",
    "Does anyone know if the group meets on bank holidays?",
)


def test_model_raises_risk_the_rules_miss() -> None:
    rules, _ = rule_findings(RULES_MISS_RISK)
    assert rules.level == "none"
    assert model.score(RULES_MISS_RISK).says_risk
    found = screen_text(RULES_MISS_RISK)
    assert found.crisis == "concern"
    assert found.mentions_self_harm


def test_model_raises_claim_the_rules_miss() -> None:
    _, claim = rule_findings(RULES_MISS_CLAIM)
    assert not claim
    assert model.score(RULES_MISS_CLAIM).says_claim
    assert screen_text(RULES_MISS_CLAIM).health_claim


@pytest.mark.parametrize("text", HARD_NEGATIVES)
def test_hard_negatives_are_not_raised(text: str) -> None:
    scores = model.score(text)
    assert not (scores.says_risk or scores.says_urgent or scores.says_claim)
    found = screen_text(text)
    assert found.crisis == "none"
    assert not found.health_claim


def test_model_never_lowers_the_rules() -> None:
    text = "I want to kill myself tonight, the pills are lined up in front of me."
    rules, _ = rule_findings(text)
    assert screen_text(text).crisis == rules.level == "urgent"


def test_features_and_hash_are_deterministic() -> None:
    assert model.bucket("w:hello") == 3782231179 & model.MASK == 17547
    assert model.words("I'm Feeling HOPELESS, tommorow") == [
        "im",
        "feel",
        "hopeless",
        "tomorrow",
    ]
    first = model.features("Nothing helps any more.")
    assert first == model.features("Nothing helps any more.")
    assert all(0 <= b <= model.MASK for b in first)


def test_model_loads_offline_from_the_package() -> None:
    data = json.loads(model.MODEL_PATH.read_text(encoding="utf-8"))
    assert set(data["models"]) == set(model.MODEL_NAMES)
    assert set(data["thresholds"]) == set(model.MODEL_NAMES)
    assert model.MODEL_PATH.stat().st_size < 2_000_000
    assert model._model() is not None


@pytest.mark.parametrize("text", ["", " ", "\x00\ud800", "🙂" * 50, "a" * 10_000])
def test_scoring_never_raises(text: str) -> None:
    scores = model.score(text)
    assert 0.0 <= scores.risk <= 1.0


def test_scoring_is_fast() -> None:
    text = ("Some days are fine and some are really hard, honestly. " * 40)[:2000]
    model.score(text)
    started = time.process_time()
    for _ in range(20):
        model.score(text)
    assert (time.process_time() - started) / 20 < 0.005


def test_train_reproduces_the_shipped_model() -> None:
    """If this fails after a rule change, rerun ``python -m alongside.safety.train``
    (the thresholds are tuned with the rules)."""
    data, _ = train.train(train.load())
    shipped = model.MODEL_PATH.read_text(encoding="utf-8")
    assert train.dump(data) == shipped
