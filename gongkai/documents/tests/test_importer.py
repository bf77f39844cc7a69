"""Bulk import of records from JSON Lines (``documents.importer`` and ``gongkai import-documents``)."""

from __future__ import annotations

import datetime as dt
import io
import json
from itertools import islice
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.core.audit import record_audit
from gongkai.core.models import AuditEvent
from gongkai.documents.importer import NoOrganisations, import_documents
from gongkai.documents.models import Attribute, Document, Status, Theme, Validity
from gongkai.documents.tests.factories import DocumentFactory

CORPORA = Path(__file__).resolve().parents[3] / ".." / "shared" / "corpora"


def line(**fields: object) -> str:
    record = {
        "id": "laws/edu-1.md",
        "title": "沈阳市学前教育条例",
        "doc_number": "沈政发[2024]3号",
        "issuer": "沈阳市教育局",
        "issued_on": "2024-03-01",
        "published_on": "2024-03-05",
        "body": "第一条 为了发展学前教育，制定本条例。\n\n第二条 本条例适用于本市。",
    }
    record.update(fields)
    return json.dumps({k: v for k, v in record.items() if v is not None}, ensure_ascii=False)


@pytest.fixture
def orgs(city, education, finance):
    return {"city": city, "education": education, "finance": finance}


def test_new_lines_create_published_records_with_index_numbers(orgs):
    report = import_documents([line(), line(id="laws/edu-2.md", title="沈阳市义务教育条例")])

    assert (report.created, report.updated, report.unchanged, report.errors) == (2, 0, 0, [])
    docs = list(Document.objects.order_by("external_id"))
    assert [d.external_id for d in docs] == ["laws/edu-1.md", "laws/edu-2.md"]
    assert [d.index_number for d in docs] == [
        "11210100000000002C/2024-00001",
        "11210100000000002C/2024-00002",
    ]
    doc = docs[0]
    assert doc.organisation == orgs["education"]
    assert list(doc.issuers.all()) == [orgs["education"]]
    assert doc.issuer_text == "沈阳市教育局"
    assert doc.status == Status.PUBLISHED
    assert doc.attribute == Attribute.PROACTIVE
    assert doc.written_on == dt.date(2024, 3, 1)
    assert doc.formed_on == dt.date(2024, 3, 1)
    assert doc.published_on == dt.date(2024, 3, 5)
    assert doc.disclosure_due_on is None
    assert doc.body_html.startswith("<p>第一条")
    assert AuditEvent.objects.filter(action="document.import", object_id=str(doc.pk)).count() == 1


def test_rerun_with_nothing_changed_creates_and_updates_nothing(orgs, django_assert_max_num_queries):
    lines = [
        line(),
        line(id="laws/edu-2.md", title="沈阳市义务教育条例"),
        line(id=None, title="无标识的文件"),
    ]
    import_documents(lines)

    with django_assert_max_num_queries(5):
        report = import_documents(lines)

    assert (report.created, report.updated, report.unchanged) == (0, 0, 3)
    assert Document.objects.count() == 3
    assert AuditEvent.objects.filter(action__in=["document.import", "document.reimport"]).count() == 3


def test_changed_line_updates_its_record_and_keeps_the_index_number(orgs):
    import_documents([line()])
    before = Document.objects.get()

    report = import_documents([line(title="沈阳市学前教育条例（修订）", issuer="沈阳市财政局")])

    assert (report.created, report.updated) == (0, 1)
    doc = Document.objects.get()
    assert doc.pk == before.pk
    assert doc.title == "沈阳市学前教育条例（修订）"
    assert doc.index_number == before.index_number
    assert list(doc.issuers.all()) == [orgs["finance"]]
    assert AuditEvent.objects.filter(action="document.reimport", object_id=str(doc.pk)).count() == 1


def test_line_without_id_is_keyed_by_number_issuer_and_title(orgs):
    import_documents([line(id=None)])
    report = import_documents([line(id=None, doc_number="沈政发〔2024〕3号", body="新的正文")])

    assert (report.created, report.updated) == (0, 1)
    assert Document.objects.get().external_id.startswith("sha1:")


def test_organisation_option_files_records_with_unknown_issuer(orgs):
    report = import_documents(
        [line(issuer="全国人民代表大会常务委员会")], default_organisation=orgs["finance"]
    )

    doc = Document.objects.get()
    assert doc.organisation == orgs["finance"]
    assert doc.issuer_text == "全国人民代表大会常务委员会"
    assert list(doc.issuers.all()) == []
    assert (report.fallback, report.fallback_organisation) == (1, orgs["finance"])


def test_unknown_or_missing_issuer_without_option_goes_to_root_organisation(orgs):
    report = import_documents([line(issuer="国务院"), line(id="x-2", issuer=None)])

    assert {d.organisation for d in Document.objects.all()} == {orgs["city"]}
    assert (report.fallback, report.fallback_organisation) == (2, orgs["city"])


def test_several_issuers_are_matched_by_name_after_folding(orgs):
    import_documents([line(issuer="沈阳市 教育局、沈阳市财政局")])

    doc = Document.objects.get()
    assert doc.organisation == orgs["education"]
    assert set(doc.issuers.all()) == {orgs["education"], orgs["finance"]}


def test_no_organisations_fails_before_reading(db):
    with pytest.raises(NoOrganisations, match="gongkai load-demo"):
        import_documents([line()])


def test_bad_json_line_is_reported_by_number_and_other_lines_kept(orgs):
    report = import_documents([line(), '{"title": "坏行",', line(id="x-3")])

    assert [e.line for e in report.errors] == [2]
    assert str(report.errors[0]).startswith("line 2: invalid JSON (")
    assert report.created == 2


def test_unpaired_surrogate_escape_is_an_error(orgs):
    report = import_documents([r'{"title": "标题\ud800", "body": "正文"}'])

    assert "unpaired UTF-16 surrogate" in str(report.errors[0])


def test_line_that_is_not_an_object_is_an_error(orgs):
    report = import_documents(["[1, 2]"])

    assert str(report.errors[0]) == "line 1: expected a JSON object, got list"


def test_missing_title_is_an_error(orgs):
    report = import_documents([line(title="  ")])

    assert str(report.errors[0]) == "line 1: title is missing"
    assert Document.objects.count() == 0


def test_missing_body_is_an_error(orgs):
    report = import_documents([line(body="")])

    assert str(report.errors[0]) == "line 1: body is missing"


def test_title_over_500_characters_is_an_error(orgs):
    report = import_documents([line(title="长" * 501)])

    assert "at most 500" in str(report.errors[0])


def test_bad_date_is_an_error(orgs):
    report = import_documents([line(issued_on="2024/03/01"), line(id="x-2", published_on="2024-02-30")])

    assert [str(e) for e in report.errors] == [
        "line 1: issued_on '2024/03/01' is not a date in YYYY-MM-DD form",
        "line 2: published_on '2024-02-30' is not a date in YYYY-MM-DD form",
    ]


def test_repeated_id_in_one_file_keeps_the_first_line(orgs):
    report = import_documents([line(), line(title="后一行")])

    assert str(report.errors[0]) == "line 2: id 'laws/edu-1.md' repeats line 1; the earlier line was kept"
    assert Document.objects.get().title == "沈阳市学前教育条例"


def test_unknown_fields_and_unusable_values_are_kept_in_extra(orgs):
    import_documents(
        [
            line(
                subcategory="教育法",
                pages=3,
                kind="规定",
                source_url="ftp://example.org/x",
                theme="不存在的主题",
            )
        ]
    )

    doc = Document.objects.get()
    assert doc.extra == {
        "subcategory": "教育法",
        "pages": 3,
        "kind": "规定",
        "source_url": "ftp://example.org/x",
        "theme": "不存在的主题",
    }
    assert (doc.kind, doc.source_url, doc.theme) == ("", "", None)


def test_known_optional_fields_are_stored(orgs):
    import_documents(
        [
            line(
                kind="通知",
                category="法规文件",
                source_url="https://example.org/laws/1",
                effective_on="2024-04-01",
                theme="科技、教育\\教育",
            )
        ]
    )

    doc = Document.objects.get()
    assert (doc.kind, doc.category, doc.source_url) == ("通知", "法规文件", "https://example.org/laws/1")
    assert doc.effective_on == dt.date(2024, 4, 1)
    assert str(doc.theme) == "科技、教育\\教育"


def test_missing_second_level_theme_is_created_under_known_first_level(orgs):
    import_documents([line(theme="科技、教育\\学前教育")])

    theme = Document.objects.get().theme
    assert (theme.parent.name, theme.name) == ("科技、教育", "学前教育")
    assert Theme.objects.filter(name="学前教育").count() == 1


@pytest.mark.parametrize(
    "raw", ["沈政发[2024]3号", "沈政发(2024)第3号", "沈政发（２０２４）3号", "沈政发〔2024〕3号"]
)
def test_document_number_bracket_variants_are_normalised(orgs, raw):
    import_documents([line(doc_number=raw)])

    assert Document.objects.get().document_number == "沈政发〔2024〕3号"


def test_nonstandard_document_number_is_kept_folded(orgs):
    report = import_documents([line(doc_number="沈政发 2024年 3号")])

    assert report.errors == []
    assert Document.objects.get().document_number == "沈政发2024年3号"


def test_html_body_is_sanitised(orgs):
    import_documents([line(body='<p onclick="x()">正文</p><script>alert(1)</script><p>第二段</p>')])

    doc = Document.objects.get()
    assert "script" not in doc.body_html
    assert "onclick" not in doc.body_html
    assert doc.body_text == "正文\n第二段"


def test_non_proactive_attribute_gets_a_reason(orgs):
    import_documents(
        [line(attribute="依申请公开"), line(id="x-2", attribute="withheld", attribute_reason="涉密")]
    )

    first, second = Document.objects.order_by("external_id")
    assert (first.attribute, first.attribute_reason) == (
        Attribute.ON_REQUEST,
        "导入数据：来源标注为依申请公开",
    )
    assert (second.attribute, second.attribute_reason) == (Attribute.WITHHELD, "涉密")


def test_unknown_attribute_is_an_error(orgs):
    report = import_documents([line(attribute="部分公开")])

    assert "attribute '部分公开'" in str(report.errors[0])


@pytest.mark.parametrize(
    ("label", "validity", "kept"),
    [
        ("有效", Validity.VALID, None),
        ("现行有效", Validity.VALID, "现行有效"),
        ("已修改", Validity.EXPIRED, "已修改"),
        ("失效", Validity.EXPIRED, None),
        ("已废止", Validity.REPEALED, "已废止"),
        ("repealed", Validity.REPEALED, None),
        ("待定", Validity.VALID, "待定"),
    ],
)
def test_validity_labels_are_mapped(orgs, label, validity, kept):
    import_documents([line(validity=label)])

    doc = Document.objects.get()
    assert doc.validity == validity
    assert doc.extra.get("validity") == kept


def test_row_the_database_refuses_does_not_sink_the_rest_of_its_batch(orgs):
    DocumentFactory(organisation=orgs["education"], index_number="11210100000000002C/2024-00001")

    report = import_documents([line(), line(id="x-2", issuer="沈阳市财政局")])

    assert [e.line for e in report.errors] == [1]
    assert str(report.errors[0]).startswith("line 1: database refused it")
    assert Document.objects.get(external_id="x-2").organisation == orgs["finance"]


def test_record_deleted_during_the_import_is_an_error_for_its_line(orgs, monkeypatch):
    from gongkai.documents.importer import writer

    # A logged record cannot be deleted (the publication log protects it): import these without the hooks.
    monkeypatch.setattr(writer, "_import_hooks", [])
    import_documents([line(), line(id="x-2")])
    pk = Document.objects.get(external_id="laws/edu-1.md").pk

    def lines():
        yield line(body="新的正文")
        Document.objects.filter(external_id="laws/edu-1.md").delete()
        yield line(id="x-2", body="新的正文")

    report = import_documents(lines())

    assert [str(e) for e in report.errors] == [
        f"line 1: database refused it: record {pk} was deleted during the import"
    ]
    assert report.updated == 1


def test_dry_run_writes_nothing(orgs):
    report = import_documents([line(), "not json"], dry_run=True)

    assert (report.created, len(report.errors)) == (1, 1)
    assert Document.objects.count() == 0


def test_line_with_an_invalid_utf8_byte_is_an_error_and_the_other_lines_are_kept(orgs):
    bad = b'{"id": "x-2", "title": "\xff"}'

    report = import_documents([line().encode(), bad, line(id="x-3").encode()])

    assert [str(e) for e in report.errors] == [
        "line 2: not valid UTF-8 (byte 0xff at byte 25 of the line); save the file as UTF-8"
    ]
    assert report.created == 2


def test_command_reports_a_line_that_is_not_utf8_and_imports_the_rest(orgs, tmp_path):
    path = tmp_path / "records.jsonl"
    path.write_bytes(b"\n".join([line().encode(), b'{"title": "\xb2\xe2\xca\xd4"}', line(id="x-3").encode()]))
    err = io.StringIO()

    with pytest.raises(CommandError, match="1 lines failed"):
        call_command("import_documents", str(path), "--no-progress", stdout=io.StringIO(), stderr=err)

    assert err.getvalue().startswith("line 2: not valid UTF-8 (byte 0xb2 at byte 12 of the line)")
    assert Document.objects.count() == 2


def test_command_accepts_a_byte_order_mark_and_crlf_line_endings(orgs, tmp_path):
    path = tmp_path / "records.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + line().encode() + b"\r\n" + line(id="x-2").encode() + b"\r\n")
    out = io.StringIO()

    call_command("import_documents", str(path), "--no-progress", stdout=out)

    assert out.getvalue().startswith("imported 2 new, 0 updated, 0 conflicts, 0 unchanged, 0 errors in ")


def decide_in_back_office(doc: Document, **values: object) -> None:
    """Change the record as staff would. How the back office gets there (a published revision, the validity
    form, a workflow move) is its own business; the importer only sees the stored values and their history."""
    Document.objects.filter(pk=doc.pk).update(**values)
    record_audit(doc, action="document.update", actor=None, data={"fields": sorted(values)})


def test_reimport_keeps_an_attribute_withheld_in_the_back_office(orgs):
    import_documents([line()])
    doc = Document.objects.get()
    decide_in_back_office(doc, attribute=Attribute.WITHHELD, attribute_reason="涉及国家秘密")

    report = import_documents([line(body="第一条 修订后的正文。")])

    doc.refresh_from_db()
    assert (doc.attribute, doc.attribute_reason) == (Attribute.WITHHELD, "涉及国家秘密")
    assert doc.body_text == "第一条 修订后的正文。"
    assert (report.updated, report.conflicts) == (0, 1)
    assert str(report.conflicted[0]) == (
        "line 1: conflict: kept attribute, attribute_reason as changed in the back office since the last import"
    )


def test_reimport_conflict_is_audited_with_the_kept_and_the_source_values(orgs):
    import_documents([line()])
    doc = Document.objects.get()
    decide_in_back_office(doc, attribute=Attribute.WITHHELD, attribute_reason="涉及国家秘密")

    import_documents([line(body="第一条 修订后的正文。")])

    event = AuditEvent.objects.get(action="document.reimport")
    assert event.data["conflicts"] == {
        "attribute": {"kept": "withheld", "source": "proactive"},
        "attribute_reason": {"kept": "涉及国家秘密", "source": ""},
    }


def test_reimport_keeps_a_validity_set_in_the_back_office(orgs):
    import_documents([line()])
    doc = Document.objects.get()
    decide_in_back_office(doc, validity=Validity.REPEALED, validity_changed_on=dt.date(2025, 1, 1))

    report = import_documents([line(title="沈阳市学前教育条例（2024年）")])

    doc.refresh_from_db()
    assert (doc.validity, doc.validity_changed_on) == (Validity.REPEALED, dt.date(2025, 1, 1))
    assert doc.title == "沈阳市学前教育条例（2024年）"
    assert report.conflicts == 1


def test_reimport_keeps_the_status_set_in_the_back_office(orgs):
    import_documents([line()])
    doc = Document.objects.get()
    decide_in_back_office(doc, status=Status.WITHDRAWN)

    report = import_documents([line(body="第一条 修订后的正文。")])

    assert Document.objects.get().status == Status.WITHDRAWN
    assert (report.updated, report.conflicts) == (1, 0)


def test_source_change_of_attribute_applies_when_the_back_office_left_it_alone(orgs):
    import_documents([line()])

    report = import_documents([line(attribute="依申请公开")])

    assert Document.objects.get().attribute == Attribute.ON_REQUEST
    assert (report.updated, report.conflicts) == (1, 0)


def test_back_office_decision_is_kept_on_every_later_change_of_the_source(orgs):
    import_documents([line()])
    decide_in_back_office(Document.objects.get(), attribute=Attribute.WITHHELD, attribute_reason="涉密")
    import_documents([line(body="第二版正文")])

    report = import_documents([line(body="第三版正文", attribute="依申请公开")])

    assert Document.objects.get().attribute == Attribute.WITHHELD
    assert report.conflicts == 1


def test_record_imported_without_source_values_counts_any_attribute_change_as_conflict(orgs):
    import_documents([line()])
    AuditEvent.objects.filter(action="document.import").update(action="import.create", data={})

    report = import_documents([line(attribute="不予公开")])

    assert Document.objects.get().attribute == Attribute.PROACTIVE
    assert report.conflicts == 1


def test_reimport_audit_lists_old_and_new_value_of_each_changed_field(orgs):
    import_documents([line()])

    import_documents([line(issuer="沈阳市财政局", published_on="2024-03-06")])

    changes = AuditEvent.objects.get(action="document.reimport").data["changes"]
    assert changes == {
        "organisation": {"old": orgs["education"].pk, "new": orgs["finance"].pk},
        "issuer_text": {"old": "沈阳市教育局", "new": "沈阳市财政局"},
        "published_on": {"old": "2024-03-05", "new": "2024-03-06"},
        "issuers": {"old": [orgs["education"].pk], "new": [orgs["finance"].pk]},
    }


def test_dry_run_reports_a_conflict_and_writes_nothing(orgs):
    import_documents([line()])
    doc = Document.objects.get()
    decide_in_back_office(doc, attribute=Attribute.WITHHELD, attribute_reason="涉密")

    report = import_documents([line(body="新的正文")], dry_run=True)

    assert report.conflicts == 1
    assert Document.objects.get().body_text != "新的正文"


def test_command_prints_conflicts_and_exits_with_status_3(orgs, tmp_path):
    import_documents([line()])
    decide_in_back_office(Document.objects.get(), attribute=Attribute.WITHHELD, attribute_reason="涉密")
    path = tmp_path / "records.jsonl"
    path.write_text(line(body="新的正文") + "\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()

    with pytest.raises(CommandError, match="1 lines conflict with decisions made in the back office") as exc:
        call_command("import_documents", str(path), "--no-progress", stdout=out, stderr=err)

    assert exc.value.returncode == 3
    assert err.getvalue().startswith("line 1: conflict: kept attribute, attribute_reason")
    assert out.getvalue().startswith("imported 0 new, 0 updated, 1 conflicts, 0 unchanged, 0 errors in ")


def test_command_prints_summary_and_fails_when_a_line_failed(orgs, tmp_path):
    path = tmp_path / "records.jsonl"
    path.write_text("\n".join([line(), "oops", line(id="x-2", issuer="国务院")]) + "\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()

    with pytest.raises(CommandError, match="1 lines failed"):
        call_command("import_documents", str(path), "--no-progress", stdout=out, stderr=err)

    assert "line 2: invalid JSON" in err.getvalue()
    assert out.getvalue().startswith(
        "imported 2 new, 0 updated, 0 conflicts, 0 unchanged, 1 errors (1 filed under 沈阳市人民政府 for unknown issuer) in "
    )
    assert Document.objects.count() == 2


def test_command_rerun_reports_unchanged_and_succeeds(orgs, tmp_path):
    path = tmp_path / "records.jsonl"
    path.write_text(line() + "\n", encoding="utf-8")
    call_command("import_documents", str(path), "--no-progress", stdout=io.StringIO())
    out = io.StringIO()

    call_command("import_documents", str(path), "--no-progress", stdout=out)

    assert out.getvalue().startswith("imported 0 new, 0 updated, 0 conflicts, 1 unchanged, 0 errors in ")


def test_command_reads_standard_input_for_dash(orgs, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(line() + "\n" + line(id="x-2") + "\n"))
    out = io.StringIO()

    call_command("import_documents", "-", "--no-progress", stdout=out)

    assert out.getvalue().startswith("imported 2 new, 0 updated, 0 conflicts, 0 unchanged, 0 errors in ")
    assert AuditEvent.objects.filter(action="document.import").first().data["source"] == "<stdin>"


def test_command_dry_run_reports_without_writing(orgs, tmp_path):
    path = tmp_path / "records.jsonl"
    path.write_text(line() + "\n", encoding="utf-8")
    out = io.StringIO()

    call_command("import_documents", str(path), "--dry-run", "--no-progress", stdout=out)

    assert out.getvalue().startswith(
        "dry run: would import 1 new, 0 updated, 0 conflicts, 0 unchanged, 0 errors in "
    )
    assert Document.objects.count() == 0


def test_command_organisation_option_names_the_organisation(orgs, tmp_path):
    path = tmp_path / "records.jsonl"
    path.write_text(line(issuer="国务院") + "\n", encoding="utf-8")
    out = io.StringIO()

    call_command(
        "import_documents", str(path), "--no-progress", "--organisation", "11210100000000004E", stdout=out
    )

    assert "(1 filed under 沈阳市财政局 for unknown issuer)" in out.getvalue()
    assert Document.objects.get().organisation == orgs["finance"]


def test_command_unknown_organisation_code_fails(orgs, tmp_path):
    path = tmp_path / "records.jsonl"
    path.write_text(line() + "\n", encoding="utf-8")

    with pytest.raises(CommandError, match="No organisation with code 'NOPE'"):
        call_command("import_documents", str(path), "--organisation", "NOPE")


def test_command_without_organisations_tells_how_to_create_one(db, tmp_path):
    path = tmp_path / "records.jsonl"
    path.write_text(line() + "\n", encoding="utf-8")

    with pytest.raises(CommandError, match="gongkai load-demo"):
        call_command("import_documents", str(path), "--no-progress")


@pytest.mark.skipif(
    not (CORPORA / "lawrefbook_laws.jsonl").is_file(), reason="shared corpora not present next to the repo"
)
def test_first_lines_of_every_shared_corpus_import_without_error(city):
    for path in sorted(CORPORA.glob("*.jsonl")):
        with path.open(encoding="utf-8") as stream:
            report = import_documents(list(islice(stream, 50)), source=path.name)

        assert report.errors == [], path.name
        assert report.created == 50
