from pathlib import Path

import pytest

from bot.evaluation import read_rows, score, write_predictions


def test_read_score_and_write(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text(
        "text,language,expected,kind\nfake visa?,en,job_scams,short\n"
        '"hi, weather?",en,out_of_scope,plain\nجعلی ویزا,ur,job_scams,short\n',
        encoding="utf-8",
    )
    rows = read_rows(source, ["job_scams", "out_of_scope"])
    assert [row.expected for row in rows] == ["job_scams", "out_of_scope", "job_scams"]
    report = score(rows, ["job_scams", "job_scams", "job_scams"])
    assert report.correct == 2
    assert report.by_language == {"en": (1, 2), "ur": (1, 1)}
    assert report.confusions == [("out_of_scope", "job_scams", 1)]
    assert "accuracy: 66.7% (2/3)" in report.lines()[0]

    target = tmp_path / "out.csv"
    write_predictions(target, rows, ["job_scams"] * 3, [0.9, 0.5, 0.25])
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "text,language,expected,kind,predicted,confidence"
    assert lines[2] == '"hi, weather?",en,out_of_scope,plain,job_scams,0.5000'


def test_unknown_label_is_an_error(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("text,language,expected\nhello,en,weather\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 2: unknown label 'weather'"):
        read_rows(source, ["job_scams"])


def test_missing_column_is_an_error(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("text,expected\nhello,job_scams\n", encoding="utf-8")
    with pytest.raises(ValueError, match="lacks language"):
        read_rows(source, ["job_scams"])
