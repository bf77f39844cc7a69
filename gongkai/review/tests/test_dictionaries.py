"""Administrators extend the dictionaries with files in DEIDENTIFY_EXTRA_DATA_DIR."""

from gongkai.review.deidentify import deidentify, find_personal_data


def test_extra_public_number_is_kept(settings, tmp_path):
    (tmp_path / "public_numbers.txt").write_text("13800138000\n", encoding="utf-8")
    settings.DEIDENTIFY_EXTRA_DATA_DIR = str(tmp_path)
    assert find_personal_data("办公手机13800138000") == []


def test_extra_person_label_is_used(settings, tmp_path):
    (tmp_path / "cues.yaml").write_text("person_labels:\n  - 房东\n", encoding="utf-8")
    settings.DEIDENTIFY_EXTRA_DATA_DIR = str(tmp_path)
    assert [f.text for f in find_personal_data("房东：韩梅梅")] == ["韩梅梅"]


def test_extra_masking_settings_are_merged(settings, tmp_path):
    (tmp_path / "masking.yaml").write_text("phone:\n  keep_start: 0\n", encoding="utf-8")
    settings.DEIDENTIFY_EXTRA_DATA_DIR = str(tmp_path)
    assert deidentify("手机13800138000").text == "手机*******8000"
