import random

from bot.text import fold, normalise
from bot.topic_model import TopicModel, TopicModelConfig, typo_variants


def test_normalise_and_fold() -> None:
    assert normalise("  Visa\u200b  ٣ ۴ ৫ ") == "visa 3 4 5"
    assert fold("كيف") == fold("کیف")
    assert fold("پاسپورتتتت") == "پاسپورتت"
    assert fold("visaaaa") == "visaa"


def test_typo_variants_differ_but_stay_close() -> None:
    rng = random.Random(1)
    variants = typo_variants("how do i check an agency licence", 3, rng)
    assert variants
    for variant in variants:
        assert variant != "how do i check an agency licence"
        assert abs(len(variant) - 32) <= 4


def test_model_learns_topics_and_ranks_them() -> None:
    texts = [
        "is this job offer fake",
        "free visa offer scam",
        "facebook job offer real?",
        "how much should i pay the agent",
        "recruitment fee legal?",
        "agent asks big fee",
        "weather today",
        "cricket score",
        "tell me a joke",
    ]
    labels = ["job_scams"] * 3 + ["recruitment_fees"] * 3 + ["out_of_scope"] * 3
    model = TopicModel(TopicModelConfig(typo_copies=1)).fit(texts, labels)
    ranking = model.rank(["fake job ofer on facebook", "what fee does the agent take"])
    assert ranking[0][0][0] == "job_scams"
    assert ranking[1][0][0] == "recruitment_fees"
    assert abs(sum(p for _, p in ranking[0]) - 1.0) < 1e-6
    assert model.rank([]) == []
