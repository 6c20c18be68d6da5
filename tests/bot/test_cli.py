import json
import os
import subprocess
import sys
from pathlib import Path

from bot.settings import ROOT


def mrcbot(*args: str, stdin: str = "", **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **env},
        timeout=300,
        check=False,
    )


def test_anonymise_reads_and_writes_line_for_line() -> None:
    result = mrcbot(
        "anonymise", stdin="my name is Ahmed, call 0300 1234567\n\nno personal data, 5000 dollars\n"
    )
    assert result.returncode == 0
    assert result.stdout == "my name is <NAME>, call <PHONE>\n\nno personal data, 5000 dollars\n"


def test_anonymise_scores_a_labelled_set(tmp_path: Path) -> None:
    labelled = tmp_path / "set.jsonl"
    row = {
        "language": "en",
        "text": "I am Ahmed from Herat",
        "personal": ["Ahmed"],
        "keep": ["Herat"],
    }
    labelled.write_text(json.dumps(row) + "\n", encoding="utf-8")
    result = mrcbot("anonymise", "--score", str(labelled), "--misses")
    assert result.returncode == 0, result.stderr
    assert "removed 100.0%, kept 100.0%" in result.stdout
    broken = mrcbot("anonymise", "--score", str(tmp_path / "missing.jsonl"))
    assert broken.returncode == 2
    assert "cannot read" in broken.stderr
    alone = mrcbot("anonymise", "--misses")
    assert alone.returncode == 2
    assert "--misses goes with --score" in alone.stderr
    both = mrcbot("anonymise", "--score", str(labelled), "--refresh-words")
    assert both.returncode == 2
    assert "not allowed with argument" in both.stderr


def test_production_refuses_example_contacts_and_missing_key(tmp_path: Path) -> None:
    result = mrcbot("serve", "--production", MRCBOT_DATA_DIR=str(tmp_path), MRCBOT_SECRET_KEY="")
    assert result.returncode == 2
    assert "still holds example contacts" in result.stderr
    assert "MRCBOT_SECRET_KEY must be set" in result.stderr
    assert "refusing to start in production" in result.stderr


def test_content_check_reports_coverage() -> None:
    result = mrcbot("content", "check")
    assert result.returncode == 0
    assert "content is complete for en, fa, ps, ur, bn, ar, ru: 32 topics." in result.stdout
    assert "emergency_help" in result.stdout


def test_broken_content_is_refused_with_file_and_field(tmp_path: Path) -> None:
    content = tmp_path / "content"
    subprocess.run(["cp", "-r", str(ROOT / "content"), str(content)], check=True)
    topic = content / "topics" / "job_scams.yml"
    topic.write_text(topic.read_text().replace("status: approved", "status: ready", 1))
    result = mrcbot("build", MRCBOT_CONTENT_DIR=str(content), MRCBOT_BUILD_DIR=str(tmp_path / "b"))
    assert result.returncode == 2
    assert "content/topics/job_scams.yml: translations.en.review.status:" in result.stderr
    assert "nothing was built" in result.stderr


def test_purge_removes_old_rows(tmp_path: Path) -> None:
    result = mrcbot("purge", "--older-than", "30", MRCBOT_DATA_DIR=str(tmp_path))
    assert result.returncode == 0
    assert "removed 0 query log rows and 0 conversation events older than 30 days" in result.stdout
    assert mrcbot("purge", "--older-than", "-1", MRCBOT_DATA_DIR=str(tmp_path)).returncode == 2
