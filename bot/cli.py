"""`mrcbot`: build, check, train, serve and evaluate the assistant."""

from __future__ import annotations

import argparse
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from bot.content.compiler import BuildResult, build
from bot.content.contract import Contract, load_contract
from bot.content.loader import Content, ContentProblem, check_content, load_content
from bot.processes import action_server_command
from bot.settings import ROOT, Settings, SettingsError, child_environment, get_settings
from bot.store.db import migrate

__all__ = ["main"]


class CommandError(Exception):
    """A command cannot go on; the message says why and what to do."""


def _load(settings: Settings) -> tuple[Content, Contract, list[ContentProblem]]:
    if not settings.topics_file.exists():
        raise CommandError(
            f"{settings.topics_file} is missing: set MRCBOT_TOPICS_FILE to the topics contract"
        )
    contract = load_contract(settings.topics_file)
    content, problems = load_content(settings.content_dir, settings.centres_file)
    languages = list(settings.languages or contract.required_languages)
    problems += check_content(content, contract, languages)
    return content, contract, problems


def _report_problems(problems: list[ContentProblem]) -> None:
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    print(f"{len(problems)} problem(s) in content: nothing was built.", file=sys.stderr)


def _build(settings: Settings) -> BuildResult:
    content, contract, problems = _load(settings)
    if problems:
        _report_problems(problems)
        raise CommandError("fix the content problems above")
    return build(content, contract, ROOT, settings.build_dir)


def cmd_build(settings: Settings, args: argparse.Namespace) -> int:
    """Compile content into Rasa data and the response bundle."""
    result = _build(settings)
    print(
        f"built {result.intents} intents, {result.examples} topic examples into {result.build_dir}"
    )
    return 0


def cmd_content_check(settings: Settings, args: argparse.Namespace) -> int:
    """Validate content and print coverage: topics x languages."""
    content, contract, problems = _load(settings)
    languages = list(dict.fromkeys([*contract.required_languages, *settings.languages]))
    print("coverage (approved answers; example questions per language):")
    print(f"{'topic':28}" + "".join(f"{code:>6}" for code in languages))
    for topic_id in contract.topics:
        cells = []
        for code in languages:
            translation = content.translation(topic_id, code)
            cells.append(f"{len(translation.examples):>6}" if translation else f"{'-':>6}")
        print(f"{topic_id:28}" + "".join(cells))
    served = ", ".join(settings.languages or contract.required_languages)
    if problems:
        _report_problems(problems)
        return 1
    print(f"content is complete for {served}: {len(contract.topics)} topics.")
    return 0


def cmd_train(settings: Settings, args: argparse.Namespace) -> int:
    """Train the model if content, data or config changed."""
    from bot.model import model_path, train_if_needed

    _build(settings)
    config = Path(args.config) if args.config else None
    existed = model_path(settings, config).exists()
    path = train_if_needed(settings, config, force=args.force)
    print(f"{'model is up to date' if existed and not args.force else 'trained'}: {path}")
    return 0


def cmd_eval(settings: Settings, args: argparse.Namespace) -> int:
    """Predict the label of every row of a CSV and report accuracy."""
    from bot.evaluation import read_rows, score, write_predictions
    from bot.model import Predictor, train_if_needed

    _, contract, _ = _load(settings)
    rows = read_rows(Path(args.input), contract.labels)
    _build(settings)
    predictor = Predictor.load(train_if_needed(settings))
    predictions = predictor.predict_all([row.text for row in rows])
    labels = [p.label for p in predictions]
    write_predictions(Path(args.output), rows, labels, [p.confidence for p in predictions])
    for line in score(rows, labels).lines():
        print(line)
    identified = sum(p.language == row.language for p, row in zip(predictions, rows, strict=True))
    print(
        f"language identification: {identified / max(len(rows), 1):.1%} ({identified}/{len(rows)})"
    )
    return 0


def cmd_anonymise(settings: Settings, args: argparse.Namespace) -> int:
    """Read lines on standard input, write them anonymised, one for one (or score a set)."""
    from bot.privacy.anonymiser import anonymise

    if args.misses and not args.score:
        raise CommandError("--misses goes with --score FILE")
    if args.score:
        return _score_anonymiser(args.score, args.misses)
    if args.refresh_words:
        return _refresh_ordinary_words()
    for line in sys.stdin:
        ending = "\n" if line.endswith("\n") else ""
        sys.stdout.write(anonymise(line.rstrip("\n")) + ending)
    sys.stdout.flush()
    return 0


def _refresh_ordinary_words() -> int:
    """Write the anonymiser's list of ordinary words from content/ and nlu/."""
    from bot.privacy.anonymiser.ordinary import ORDINARY_WORDS, ordinary_words, render

    words = ordinary_words([ROOT / "content", ROOT / "nlu"])
    ORDINARY_WORDS.write_text(render(words), encoding="utf-8")
    print(f"wrote {len(words)} words to {ORDINARY_WORDS.relative_to(ROOT)}")
    return 0


def _score_anonymiser(path: Path, misses: bool) -> int:
    """Print the anonymiser's scores on a labelled set (and its misses)."""
    from bot.privacy.scoring import misses_report, read_set, score

    try:
        scores = score(read_set(path))
    except (OSError, ValueError, KeyError) as error:
        raise CommandError(f"cannot read {path}: {error}") from error
    if misses:
        print(misses_report(scores))
    print(scores.report())
    print(f"removed {scores.removal:.1%}, kept {scores.keeping:.1%}")
    return 0


def cmd_purge(settings: Settings, args: argparse.Namespace) -> int:
    """Remove conversations and log rows older than the retention period."""
    import datetime as dt

    from bot.store.models import utcnow
    from bot.store.querylog import QueryLogStore
    from bot.store.tracker_store import PrivateTrackerStore

    days = args.older_than if args.older_than is not None else settings.retention_days
    if days < 0:
        raise CommandError("--older-than must be zero or more days")
    before = utcnow() - dt.timedelta(days=days)
    migrate(settings.sqlalchemy_url)
    rows = QueryLogStore(settings.sqlalchemy_url, create=False).purge(before)
    events = PrivateTrackerStore(url=settings.sqlalchemy_url).purge(before)
    print(f"removed {rows} query log rows and {events} conversation events older than {days} days")
    return 0


def cmd_telegram_set_webhook(settings: Settings, args: argparse.Namespace) -> int:
    """Register the Telegram webhook (with its secret) and the command menu."""
    from connectors.telegram_cli import set_webhook

    _build(settings)
    return set_webhook(settings, args.url)


def cmd_telegram_poll(settings: Settings, args: argparse.Namespace) -> int:
    """Run the Telegram bot by long polling, for centres without a public HTTPS address."""
    from bot.model import train_if_needed
    from connectors.telegram_cli import poll

    _build(settings)
    model = train_if_needed(settings)
    migrate(settings.sqlalchemy_url)
    return poll(settings, model, _endpoints(settings))


def cmd_user_add(settings: Settings, args: argparse.Namespace) -> int:
    """Add a dashboard user; the password is read from standard input."""
    from bot.dashboard.users_cli import add_user

    return add_user(settings, args.username, args.role, args.name, sys.stdin)


def _production_problems(settings: Settings) -> list[str]:
    content, _, _ = _load(settings)
    problems = []
    if content.centres is not None:
        examples = [c for c, spec in content.centres.countries.items() if spec.example]
        if examples:
            problems.append(
                f"{settings.centres_file} still holds example contacts for {', '.join(examples)}:"
                " enter the centres' real contacts and set `example: false`"
            )
    if len(settings.secret_key) < 32:
        problems.append("MRCBOT_SECRET_KEY must be set to a random value of 32 or more characters")
    return problems


def _endpoints(settings: Settings) -> Path:
    path = settings.build_dir / "endpoints.yml"
    text = (
        "# Written by `mrcbot serve` from the settings: do not edit.\n"
        "action_endpoint:\n"
        f"  url: http://127.0.0.1:{settings.actions_port}/webhook\n"
        "tracker_store:\n"
        "  type: bot.store.tracker_store.PrivateTrackerStore\n"
    )
    if settings.redis_url:
        from urllib.parse import urlsplit

        redis = urlsplit(settings.redis_url)
        text += (
            "lock_store:\n"
            "  type: redis\n"
            f"  url: {redis.hostname or '127.0.0.1'}\n"
            f"  port: {redis.port or 6379}\n"
            f"  db: {(redis.path or '/0').strip('/') or 0}\n"
            "  key_prefix: mrcbot\n"
        )
        if redis.password:
            text += f"  password: {redis.password}\n"
    path.write_text(text, encoding="utf-8")
    return path


def _credentials(settings: Settings) -> Path:
    """credentials.yml, with the Telegram channel opened when a bot token is set."""
    import yaml

    credentials = yaml.safe_load((ROOT / "credentials.yml").read_text(encoding="utf-8")) or {}
    if settings.telegram_bot_token:
        credentials.setdefault("connectors.telegram.TelegramInput", None)
    path = settings.build_dir / "credentials.yml"
    path.write_text(
        "# Written by `mrcbot serve` from credentials.yml and the settings: do not edit.\n"
        + yaml.safe_dump(credentials, sort_keys=False),
        encoding="utf-8",
    )
    return path


def cmd_serve(settings: Settings, args: argparse.Namespace) -> int:
    """Build, train if needed, and run the action server and the Rasa server."""
    from bot.model import train_if_needed

    if args.production or settings.production:
        problems = _production_problems(settings)
        if problems:
            for problem in problems:
                print(f"error: {problem}", file=sys.stderr)
            raise CommandError("refusing to start in production")
    _build(settings)
    model = train_if_needed(settings)
    migrate(settings.sqlalchemy_url)
    settings.logs_dir.mkdir(parents=True, exist_ok=True)
    endpoints = _endpoints(settings)
    env = child_environment(LOG_LEVEL=settings.log_level, LOG_LEVEL_LIBRARIES="ERROR")
    actions = subprocess.Popen(action_server_command(settings.actions_port), cwd=ROOT, env=env)
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "rasa",
            "run",
            "--model",
            str(model),
            "--endpoints",
            str(endpoints),
            "--credentials",
            str(_credentials(settings)),
            "--interface",
            settings.host,
            "--port",
            str(settings.port),
            "--log-file",
            str(settings.logs_dir / "rasa.log"),
        ],
        cwd=ROOT,
        env=env,
    )
    print(f"serving on http://{settings.host}:{settings.port} (Ctrl-C stops)", flush=True)
    processes = [actions, server]

    def stop(*_: object) -> None:
        for process in processes:
            if process.poll() is None:
                process.terminate()

    signal.signal(signal.SIGTERM, stop)
    try:
        while all(process.poll() is None for process in processes):
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        stop()
        for process in processes:
            process.wait(timeout=30)
    return max(process.returncode or 0 for process in processes)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mrcbot", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    commands.add_parser("build", help="compile content into Rasa data").set_defaults(func=cmd_build)

    content = commands.add_parser("content", help="content commands")
    content_commands = content.add_subparsers(dest="content_command", required=True)
    content_commands.add_parser("check", help="validate content, print coverage").set_defaults(
        func=cmd_content_check
    )

    train = commands.add_parser("train", help="train the model if its inputs changed")
    train.add_argument("--force", action="store_true", help="train even if up to date")
    train.add_argument("--config", help="another Rasa config file (for comparisons)")
    train.set_defaults(func=cmd_train)

    serve = commands.add_parser("serve", help="run the assistant on localhost")
    serve.add_argument("--production", action="store_true", help="enforce production checks")
    serve.set_defaults(func=cmd_serve)

    evaluate = commands.add_parser("eval", help="predict labels for a CSV and report accuracy")
    evaluate.add_argument("--input", required=True, help="CSV with text,language,expected")
    evaluate.add_argument("--output", required=True, help="where to write the predictions")
    evaluate.set_defaults(func=cmd_eval)

    telegram = commands.add_parser("telegram", help="the Telegram channel")
    telegram_commands = telegram.add_subparsers(dest="telegram_command", required=True)
    webhook = telegram_commands.add_parser("set-webhook", help="register the webhook")
    webhook.add_argument("--url", required=True, help="https://.../webhooks/telegram/webhook")
    webhook.set_defaults(func=cmd_telegram_set_webhook)
    telegram_commands.add_parser("poll", help="run the bot by long polling").set_defaults(
        func=cmd_telegram_poll
    )

    user = commands.add_parser("user", help="dashboard users")
    user_commands = user.add_subparsers(dest="user_command", required=True)
    add = user_commands.add_parser("add", help="add a user; the password comes from stdin")
    add.add_argument("--username", required=True)
    add.add_argument("--role", required=True, choices=["counsellor", "editor", "admin"])
    add.add_argument("--name", help="what people see on replies: a first name or a role")
    add.set_defaults(func=cmd_user_add)

    anonymise = commands.add_parser("anonymise", help="anonymise lines from standard input")
    instead = anonymise.add_mutually_exclusive_group()
    instead.add_argument(
        "--score", type=Path, metavar="FILE", help="score a labelled set (JSON lines) instead"
    )
    anonymise.add_argument("--misses", action="store_true", help="with --score: list misses")
    instead.add_argument(
        "--refresh-words",
        action="store_true",
        help="regenerate the ordinary words (no names) from content/ and nlu/",
    )
    anonymise.set_defaults(func=cmd_anonymise)

    purge = commands.add_parser("purge", help="remove data older than the retention period")
    purge.add_argument(
        "--older-than", type=int, metavar="DAYS", help="default: MRCBOT_RETENTION_DAYS"
    )
    purge.set_defaults(func=cmd_purge)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one `mrcbot` command."""
    args = _parser().parse_args(argv)
    try:
        settings = get_settings()
        return int(args.func(settings, args))
    except (CommandError, SettingsError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
