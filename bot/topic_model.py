"""The topic classifier: n-grams of folded text, a linear SVM, typo augmentation."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion
from sklearn.svm import LinearSVC

from bot.text import fold

__all__ = ["TopicModel", "TopicModelConfig", "typo_variants"]


@dataclass(frozen=True)
class TopicModelConfig:
    """Sizes and strengths of the topic model."""

    char_ngrams: tuple[int, int] = (2, 5)
    word_ngrams: tuple[int, int] = (1, 2)
    max_features: int = 300_000
    c: float = 0.5
    # Margins become probabilities by a softmax of `sharpness` x decision score.
    sharpness: float = 8.0
    typo_copies: int = 2
    seed: int = 42


def typo_variants(text: str, copies: int, rng: random.Random) -> list[str]:
    """Copies of `text` with the typing mistakes people make: dropped, doubled, swapped letters."""
    variants = []
    for _ in range(copies):
        chars = list(text)
        for _ in range(max(1, len(chars) // 12)):
            if len(chars) < 4:
                break
            i = rng.randrange(len(chars) - 1)
            roll = rng.random()
            if roll < 0.35:
                del chars[i]
            elif roll < 0.7:
                chars[i], chars[i + 1] = chars[i + 1], chars[i]
            else:
                chars.insert(i, chars[i])
        variant = "".join(chars)
        if variant != text:
            variants.append(variant)
    return variants


class TopicModel:
    """Predicts a label with a probability for each message."""

    def __init__(self, config: TopicModelConfig | None = None) -> None:
        self.config = config or TopicModelConfig()
        self.labels: list[str] = []
        self._features = FeatureUnion(
            [
                (
                    "chars",
                    TfidfVectorizer(
                        analyzer="char_wb",
                        ngram_range=self.config.char_ngrams,
                        sublinear_tf=True,
                        max_features=self.config.max_features,
                        preprocessor=fold,
                    ),
                ),
                (
                    "words",
                    TfidfVectorizer(
                        analyzer="word",
                        ngram_range=self.config.word_ngrams,
                        sublinear_tf=True,
                        token_pattern=r"(?u)\b\w+\b",
                        preprocessor=fold,
                    ),
                ),
            ]
        )
        self._classifier = LinearSVC(C=self.config.c, random_state=self.config.seed)

    def fit(self, texts: Sequence[str], labels: Sequence[str]) -> TopicModel:
        """Train on labelled examples, each also seen with a few typing mistakes."""
        rng = random.Random(self.config.seed)
        all_texts: list[str] = []
        all_labels: list[str] = []
        for text, label in zip(texts, labels, strict=True):
            all_texts.append(text)
            all_labels.append(label)
            for variant in typo_variants(text, self.config.typo_copies, rng):
                all_texts.append(variant)
                all_labels.append(label)
        features = self._features.fit_transform(all_texts)
        self._classifier.fit(features, all_labels)
        self.labels = [str(label) for label in self._classifier.classes_]
        return self

    def rank(self, texts: Sequence[str], top: int = 10) -> list[list[tuple[str, float]]]:
        """For each text, the most likely labels with their probabilities, best first."""
        if not texts:
            return []
        scores = self._classifier.decision_function(self._features.transform(list(texts)))
        scores = np.atleast_2d(scores) * self.config.sharpness
        exp = np.exp(scores - scores.max(axis=1, keepdims=True))
        probabilities = exp / exp.sum(axis=1, keepdims=True)
        rankings = []
        for row in probabilities:
            order = np.argsort(row)[::-1][:top]
            rankings.append([(self.labels[i], float(row[i])) for i in order])
        return rankings
