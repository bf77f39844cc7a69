"""``gongkai deidentify``: plain, --json and --jsonl modes, DOCX and PDF input."""

import io
import json

import docx
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError


def run(*args, stdin: str | None = None, monkeypatch=None) -> str:
    out = io.StringIO()
    if stdin is not None:
        monkeypatch.setattr(
            "sys.stdin", io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8")), encoding="utf-8")
        )
    call_command("deidentify", *args, stdout=out)
    return out.getvalue()


def test_plain_mode_prints_masked_text(tmp_path):
    path = tmp_path / "notice.txt"
    path.write_text("当事人：王小明，电话13800138000\n", encoding="utf-8")
    assert run(str(path)) == "当事人：王某某，电话138****8000\n"


def test_json_mode_gives_offsets_into_the_original(tmp_path):
    path = tmp_path / "notice.txt"
    text = "申请人：李华，手机15012345678"
    path.write_text(text, encoding="utf-8")
    result = json.loads(run("--json", str(path)))
    assert [(f["type"], text[f["start"] : f["end"]]) for f in result["findings"]] == [
        ("person_name", "李华"),
        ("phone", "15012345678"),
    ]


def test_jsonl_bad_line_gives_an_error_object_and_the_rest_go_on(monkeypatch):
    stdin = '{"text": "申请人：李华"}\nnot json\n{"text": "手机13800138000"}\n'
    lines = [json.loads(line) for line in run("--jsonl", stdin=stdin, monkeypatch=monkeypatch).splitlines()]
    assert [sorted(line) for line in lines] == [["findings", "text"], ["error", "line"], ["findings", "text"]]
    assert lines[2]["text"] == "手机138****8000"


def test_jsonl_line_without_text_is_an_error(monkeypatch):
    [line] = run("--jsonl", stdin='{"body": "x"}\n', monkeypatch=monkeypatch).splitlines()
    assert json.loads(line)["error"].startswith("line 1:")


def test_docx_file_is_read_by_content(tmp_path):
    document = docx.Document()
    document.add_paragraph("当事人：王小明，手机13800138000")
    path = tmp_path / "upload.bin"
    document.save(str(path))
    assert "王某某" in run(str(path)) and "138****8000" in run(str(path))


def test_missing_file_is_an_error():
    with pytest.raises(CommandError, match="No such file"):
        run("/nonexistent/file.txt")
