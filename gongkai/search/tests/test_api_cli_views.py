"""The API, the command line and the pages promise the same search, as the public sees it."""

from __future__ import annotations

import io
import json

from django.core.management import call_command


def test_api_answers_the_documented_shape(client, library):
    response = client.get("/api/v1/search", {"q": "国办发[2019]54号", "page_size": 5})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"count", "results", "facets", "suggestion"}
    first = body["results"][0]
    assert set(first) == {
        "id",
        "external_id",
        "title",
        "doc_number",
        "issuer",
        "published_on",
        "url",
        "snippet",
        "score",
    }
    assert first["id"] == library["office"].pk
    assert first["doc_number"] == "国办发〔2019〕54号"
    assert body["facets"]["year"]


def test_api_filters_by_facet(client, library):
    body = client.get("/api/v1/search", {"q": "通知", "year": 2026}).json()
    assert [r["id"] for r in body["results"]] == [library["exam"].pk]


def test_api_never_shows_drafts_even_to_signed_in_staff(client, library, editor_in_dept):
    client.force_login(editor_in_dept)
    body = client.get("/api/v1/search", {"q": "学校食堂"}).json()
    assert library["draft"].pk not in [r["id"] for r in body["results"]]
    assert body["count"] == 3


def test_api_rejects_a_bad_sort_with_a_code(client, library):
    response = client.get("/api/v1/search", {"q": "通知", "sort": "random"})
    assert response.status_code == 400
    assert response.json()["code"] == "search.bad_sort"


def test_api_rejects_too_large_page_size(client, library):
    response = client.get("/api/v1/search", {"q": "通知", "page_size": 1000})
    assert response.status_code == 422


def test_cli_json_prints_the_api_shape(library, capsys):
    call_command("search", "--json", "营商环境")
    body = json.loads(capsys.readouterr().out)
    assert body["results"][0]["id"] == library["office"].pk


def test_cli_jsonl_reads_queries_from_stdin(library, capsys, monkeypatch):
    library["office"].external_id = "gov/54"
    library["office"].save(update_fields=["external_id"])
    from gongkai.search.services import index_object

    index_object("document", library["office"].pk)
    monkeypatch.setattr("sys.stdin", io.StringIO("国办发〔2019〕54号\n学校食堂\n"))
    call_command("search", "--jsonl")
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert lines[0]["q"] == "国办发〔2019〕54号"
    assert lines[0]["ids"][0] == "gov/54"
    assert library["draft"].pk not in lines[1]["ids"]


def test_cli_prints_ranked_titles(library, capsys):
    call_command("search", "学校食堂管理")
    out = capsys.readouterr().out
    assert "沈阳市教育局关于学校食堂管理的规定" in out
    assert "results" in out


def test_results_page_shows_hits_facets_and_marks(client, library):
    response = client.get("/search/", {"q": "营商环境"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<mark>营商环境</mark>" in html
    assert "国办发〔2019〕54号" in html
    assert "发布机构" in html


def test_results_page_has_an_empty_state(client, library):
    html = client.get("/search/", {"q": "火箭发射场"}).content.decode()
    assert "没有找到与“火箭发射场”相关的内容" in html


def test_results_page_reports_a_bad_date_range(client, library):
    html = client.get(
        "/search/", {"q": "通知", "date_from": "2026-01-02", "date_to": "2026-01-01"}
    ).content.decode()
    assert "结束日期不能早于开始日期" in html


def test_every_portal_page_has_the_search_box(client, library):
    html = client.get("/").content.decode()
    assert 'action="/search/"' in html


def test_staff_search_page_shows_own_drafts(client, library, editor_in_dept):
    client.force_login(editor_in_dept)
    html = client.get("/staff/search/", {"q": "学校食堂"}).content.decode()
    assert "秘密草稿" in html
    assert "补助资金的草稿" not in html


def test_vocabulary_page_is_for_administrators_only(client, library, editor_in_dept):
    client.force_login(editor_in_dept)
    assert client.get("/staff/search/terms/").status_code == 403
