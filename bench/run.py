"""`make bench`: the assistant's classifier against baselines on the held-out set.

Trains each candidate on the same training data, predicts every message of
`tests/data/eval/*.csv`, and writes accuracy (overall, per language, on hard messages),
the costliest confusions, training time, peak memory and parse latency to BENCHMARKS.md.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import make_pipeline, make_union
from sklearn.svm import LinearSVC

from bot.content.compiler import DATA_DIR
from bot.content.contract import CONVERSATION_LABELS, load_contract
from bot.evaluation import EvalRow, Report, read_rows, score
from bot.settings import ROOT, Settings, child_environment, get_settings

__all__ = ["main"]

EVAL_DIR = ROOT / "tests" / "data" / "eval"
HARD_KINDS = ("short", "misspelt", "code_mixed", "long")


@dataclass
class Candidate:
    """One classifier's results."""

    name: str
    predicted: list[str] = field(default_factory=list)
    train_seconds: float = 0.0
    peak_mb: float = 0.0
    parse_ms: list[float] = field(default_factory=list)
    languages: list[str | None] = field(default_factory=list)


def training_examples(settings: Settings) -> tuple[list[str], list[str]]:
    """Every training example with its label, as the Rasa model sees them."""
    texts: list[str] = []
    labels: list[str] = []
    files = sorted((settings.build_dir / DATA_DIR).rglob("nlu*.yml")) + sorted(
        (ROOT / "nlu").rglob("*.yml")
    )
    for path in files:
        for item in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", []):
            examples = item.get("examples", "")
            if isinstance(examples, str):
                examples = [
                    line.strip().removeprefix("- ").strip() for line in examples.splitlines()
                ]
            for example in examples:
                text = example["text"] if isinstance(example, dict) else example
                if text:
                    texts.append(text)
                    labels.append(str(item["intent"]))
    return texts, labels


def fallback_to_label(label: str) -> str:
    """A fallback counts as `out_of_scope`, as in `mrcbot eval`."""
    return "out_of_scope" if label == "nlu_fallback" else label


def train_rasa(config: Path, data_dir: Path) -> tuple[Path, float, float]:
    """Train a Rasa model in a child process; return its path, seconds and peak memory (MB)."""
    env = child_environment(MRCBOT_DATA_DIR=str(data_dir))
    log = data_dir / "train.log"
    start = time.perf_counter()
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot.cli", "train", "--force", "--config", str(config)],
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
        _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    output = log.read_text(encoding="utf-8", errors="replace")
    if status != 0:
        raise RuntimeError(f"training with {config} failed:\n{output[-3000:]}")
    model = next(iter(sorted((data_dir / "models").glob("*.tar.gz"))))
    return model, seconds, usage.ru_maxrss / 1024


def predict_rasa(model: Path, rows: list[EvalRow], candidate: Candidate) -> None:
    """Parse every row with a trained Rasa model."""
    from bot.model import Predictor

    predictor = Predictor.load(model)
    for row in rows:
        start = time.perf_counter()
        prediction = predictor.predict_all([row.text])[0]
        candidate.parse_ms.append((time.perf_counter() - start) * 1000)
        candidate.predicted.append(prediction.label)
        candidate.languages.append(prediction.language)


def svm_baseline(texts: list[str], labels: list[str], rows: list[EvalRow]) -> Candidate:
    """TF-IDF of character and word n-grams with a linear SVM: the baseline to beat."""
    candidate = Candidate("TF-IDF (char 2-5 + word 1-2) + linear SVM")
    start = time.perf_counter()
    model = make_pipeline(
        make_union(
            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True),
            TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True),
        ),
        LinearSVC(),
    ).fit(texts, labels)
    candidate.train_seconds = time.perf_counter() - start
    for row in rows:
        start = time.perf_counter()
        candidate.predicted.append(str(model.predict([row.text])[0]))
        candidate.parse_ms.append((time.perf_counter() - start) * 1000)
    return candidate


def _pct(report: Report) -> str:
    return f"{report.accuracy:.1%}" if report.total else "–"


def _subset(rows: list[EvalRow], predicted: list[str], keep: Callable[[EvalRow], bool]) -> Report:
    pairs = [(row, label) for row, label in zip(rows, predicted, strict=True) if keep(row)]
    return score([p[0] for p in pairs], [p[1] for p in pairs])


def render(rows: list[EvalRow], candidates: list[Candidate], examples: int) -> str:
    """BENCHMARKS.md."""
    languages = sorted({row.language for row in rows}, key=lambda c: (c != "en", c))
    kinds = [k for k in HARD_KINDS if any(row.extra.get("kind") == k for row in rows)]
    cpu = platform.processor() or platform.machine()
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (`bench/run.py`); do not edit by hand.",
        "",
        f"- Date: {dt.date.today().isoformat()}",
        f"- Machine: {os.cpu_count()} cores ({cpu}), {_memory_gb():.0f} GiB memory,"
        f" Python {platform.python_version()}, {platform.system()} {platform.release()}",
        f"- Training data: {examples} examples (topics from `content/`, conversation from `nlu/`)",
        f"- Held-out set: {len(rows)} messages in `tests/data/eval/` ({', '.join(languages)}),"
        " never used in training",
        "",
        "## Accuracy",
        "",
        "Top-1 accuracy over the 32 topics, `handoff`, `out_of_scope` and the conversation"
        " labels. A message a model is not confident about (Rasa's fallback) counts as"
        " `out_of_scope`, as in `mrcbot eval`.",
        "",
        "| model | overall | " + " | ".join(languages) + " | hard | out of scope recall |",
        "|---|---|" + "---|" * len(languages) + "---|---|",
    ]
    for candidate in candidates:
        report = score(rows, candidate.predicted)
        cells = [
            _pct(_subset(rows, candidate.predicted, lambda r, c=c: r.language == c))
            for c in languages
        ]
        hard = _subset(rows, candidate.predicted, lambda r: r.extra.get("kind") in HARD_KINDS)
        oos = _subset(rows, candidate.predicted, lambda r: r.expected == "out_of_scope")
        lines.append(
            f"| {candidate.name} | **{_pct(report)}** | "
            + " | ".join(cells)
            + f" | {_pct(hard)} | {_pct(oos)} |"
        )
    if kinds:
        lines += ["", "Hard messages by kind:", "", "| model | " + " | ".join(kinds) + " |"]
        lines.append("|---|" + "---|" * len(kinds))
        for candidate in candidates:
            cells = [
                _pct(_subset(rows, candidate.predicted, lambda r, k=k: r.extra.get("kind") == k))
                for k in kinds
            ]
            lines.append(f"| {candidate.name} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "## Cost",
        "",
        "| model | training time | peak memory (training) | parse latency mean / p95 |",
        "|---|---|---|---|",
    ]
    for candidate in candidates:
        memory = f"{candidate.peak_mb:.0f} MB" if candidate.peak_mb else "–"
        p95 = (
            statistics.quantiles(candidate.parse_ms, n=20)[-1] if len(candidate.parse_ms) > 1 else 0
        )
        lines.append(
            f"| {candidate.name} | {candidate.train_seconds:.0f} s | {memory} |"
            f" {statistics.fmean(candidate.parse_ms):.1f} ms / {p95:.1f} ms |"
        )
    ours = candidates[0]
    confusions = score(rows, ours.predicted).confusions[:12]
    lines += [
        "",
        f"## Costliest confusions of {ours.name}",
        "",
        "| expected | predicted | messages |",
        "|---|---|---|",
        *(f"| {e} | {p} | {n} |" for e, p, n in confusions),
        "",
    ]
    return "\n".join(lines)


def language_section(rows: list[EvalRow], ours: Candidate) -> list[str]:
    """Accuracy of language identification on the held-out set, per language."""
    if not ours.languages:
        return []
    languages = sorted({row.language for row in rows}, key=lambda c: (c != "en", c))
    lines = ["", "## Language identification", "", "| " + " | ".join(languages) + " | all |"]
    lines.append("|" + "---|" * (len(languages) + 1))
    cells = []
    for code in languages:
        pairs = [(r, d) for r, d in zip(rows, ours.languages, strict=True) if r.language == code]
        cells.append(f"{sum(d == r.language for r, d in pairs) / len(pairs):.1%}")
    total = sum(d == r.language for r, d in zip(rows, ours.languages, strict=True)) / len(rows)
    return [*lines, "| " + " | ".join(cells) + f" | {total:.1%} |"]


def anonymiser_section() -> list[str]:
    """Removal of personal data and keeping of meaning on the held-out anonymiser sets."""
    from bot.privacy import scoring
    from bot.privacy.anonymiser import anonymise

    anonymise("My name is Ahmad Khan, call 0300 1234567")  # loads the word lists first
    lines = ["", "## Anonymiser", ""]
    lines.append(
        f"Measured {dt.date.today().isoformat()} with `mrcbot anonymise --score FILE` on sets"
        " in 8 language forms written independently of the anonymiser and never used to tune it:"
    )
    lines += [
        "",
        "| Set | Messages | Personal items replaced | Meaningful words kept | ms/message |",
    ]
    lines.append("|---|---|---|---|---|")
    for path in sorted((ROOT / "tests" / "data" / "anonymiser").glob("heldout*.jsonl")):
        name = path.name
        scores = scoring.score(scoring.read_set(path))
        replaced, personal = scores.replaced["all"], scores.personal["all"]
        kept, keep = scores.kept["all"], scores.keep["all"]
        lines.append(
            f"| `{name}` | {scores.messages} | {replaced}/{personal} = {scores.removal:.1%}"
            f" | {kept}/{keep} = {scores.keeping:.1%}"
            f" | {scores.seconds * 1000 / max(scores.messages, 1):.2f} |"
        )
    lines += [
        "",
        "The sets that were measured once as held out and then used for development, and"
        " what each scored then, are listed in `tests/data/anonymiser/README.md`.",
    ]
    return lines


def startup_section() -> list[str]:
    """Seconds from `mrcbot serve` to the first answer, with a trained model in place."""
    with tempfile.TemporaryDirectory() as folder:
        port = _free_port()
        env = child_environment(
            MRCBOT_DATA_DIR=folder,
            MRCBOT_MODELS_DIR=str(get_settings().models_dir),
            MRCBOT_PORT=str(port),
            MRCBOT_ACTIONS_PORT=str(_free_port()),
        )
        subprocess.run(
            [sys.executable, "-m", "bot.cli", "train"],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        start = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "bot.cli", "serve"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            seconds = _first_answer(f"http://127.0.0.1:{port}", start)
        finally:
            process.terminate()
            process.wait(timeout=60)
    return [
        "",
        "## Start-up",
        "",
        f"`mrcbot serve` with nothing changed (model already trained) answered its first message"
        f" after {seconds:.1f} s.",
    ]


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _first_answer(url: str, start: float, limit: float = 300) -> float:
    import urllib.request

    body = json.dumps({"sender": "bench", "message": "hello"}).encode()
    while time.perf_counter() - start < limit:
        try:
            request = urllib.request.Request(
                f"{url}/webhooks/rest/webhook",
                data=body,
                headers={"Content-Type": "application/json"},
            )
            with urllib.request.urlopen(request, timeout=30) as response:
                if json.loads(response.read()):
                    return time.perf_counter() - start
        except OSError:
            time.sleep(0.2)
    raise TimeoutError("the assistant did not answer")


def _memory_gb() -> float:
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        return pages / 2**30
    except (ValueError, OSError):
        return 0.0


def update_anonymiser_section() -> int:
    """Measure the anonymiser alone and replace its section of BENCHMARKS.md."""
    path = ROOT / "BENCHMARKS.md"
    lines = path.read_text(encoding="utf-8").splitlines()
    start = lines.index("## Anonymiser") - 1
    end = next((i for i in range(start + 2, len(lines)) if lines[i].startswith("## ")), len(lines))
    lines[start:end] = [*anonymiser_section(), ""]
    path.write_text("\n".join(lines).rstrip("\n") + "\n", encoding="utf-8")
    print("updated the anonymiser section of BENCHMARKS.md")
    return 0


def main() -> int:
    """Run the benchmark and write BENCHMARKS.md (`anonymiser`: only that section)."""
    if sys.argv[1:] == ["anonymiser"]:
        return update_anonymiser_section()
    settings = get_settings()
    subprocess.run([sys.executable, "-m", "bot.cli", "build"], check=True)
    contract = load_contract(settings.topics_file)
    labels_known = [*contract.labels, *CONVERSATION_LABELS]
    rows = [row for path in sorted(EVAL_DIR.glob("*.csv")) for row in read_rows(path, labels_known)]
    texts, labels = training_examples(settings)

    candidates = []
    configs = [
        ("assistant (TopicClassifier, config.yml)", ROOT / "config.yml"),
        ("Rasa default pipeline (DIET, 100 epochs)", ROOT / "bench" / "rasa_default_config.yml"),
    ]
    for name, config in configs:
        print(f"training {name} ...", flush=True)
        with tempfile.TemporaryDirectory() as folder:
            model, seconds, peak = train_rasa(config, Path(folder))
            candidate = Candidate(name, train_seconds=seconds, peak_mb=peak)
            predict_rasa(model, rows, candidate)
        candidate.predicted = [fallback_to_label(label) for label in candidate.predicted]
        candidates.append(candidate)
        print(f"  {name}: {score(rows, candidate.predicted).accuracy:.1%}", flush=True)
    baseline = svm_baseline(texts, labels, rows)
    print(f"  {baseline.name}: {score(rows, baseline.predicted).accuracy:.1%}", flush=True)
    candidates.insert(1, baseline)

    report = render(rows, candidates, len(texts)).splitlines()
    report += language_section(rows, candidates[0])
    report += anonymiser_section()
    report += startup_section()
    (ROOT / "BENCHMARKS.md").write_text("\n".join(report) + "\n", encoding="utf-8")
    print("wrote BENCHMARKS.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
