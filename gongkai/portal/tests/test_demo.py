"""Demo data: a fresh installation gets a working city, and loading it again changes nothing."""

import pytest

from gongkai.documents.models import Document, Status
from gongkai.orgs.models import Organisation
from gongkai.portal.demo import DEMO_PASSWORD, demo_uscc, load_demo

pytestmark = pytest.mark.django_db


def test_loading_demo_twice_creates_nothing_new():
    load_demo()
    counts = (Organisation.objects.count(), Document.objects.count())
    assert load_demo().documents == 0
    assert (Organisation.objects.count(), Document.objects.count()) == counts


def test_demo_has_published_records_and_pending_ones_for_the_timer():
    load_demo()
    assert Document.objects.filter(status=Status.PUBLISHED).exists()
    assert Document.objects.filter(status__in=[Status.DRAFT, Status.SUBMITTED, Status.APPROVED]).exists()


def test_demo_editor_can_log_in(client):
    load_demo()
    response = client.post("/accounts/login/", {"username": "edu_editor", "password": DEMO_PASSWORD})
    assert response.status_code == 302


def test_demo_codes_carry_a_valid_credit_code_check_character():
    from gongkai.core.identifiers import is_valid_uscc

    assert is_valid_uscc(demo_uscc("11", 100))


def test_demo_shows_every_kind_of_content_published_through_the_workflow():
    from gongkai.core.models import AuditEvent
    from gongkai.documents.models import Attachment, Interpretation, InterpretationStatus
    from gongkai.portal.demo import SHOWCASE_TITLE

    load_demo()
    showcase = Document.objects.get(title=SHOWCASE_TITLE)
    assert showcase.status == Status.PUBLISHED
    assert Attachment.objects.filter(document=showcase).count() == 2
    forms = set(
        Interpretation.objects.filter(documents=showcase, status=InterpretationStatus.PUBLISHED).values_list(
            "form", flat=True
        )
    )
    assert forms == {"graphic", "qa"}
    graphic = Interpretation.objects.get(documents=showcase, form="graphic")
    assert graphic.image.read(8) == b"\x89PNG\r\n\x1a\n"
    moves = set(AuditEvent.objects.filter(object_id=str(showcase.pk)).values_list("action", flat=True))
    assert {"document.submit", "document.approve", "document.publish"} <= moves


def test_demo_fills_the_disclosure_columns(client):
    from gongkai.documents import xxgk

    load_demo()
    assert list(xxgk.category_document_ids(xxgk.RULES_CATEGORIES))
    assert xxgk.annual_reports()
    office = Organisation.objects.get(name="沈阳市人民政府办公厅")
    assert xxgk.guide_missing(office) == []
    response = client.get(f"/xxgk/org/{office.code}/guide/")
    assert "政务公开办公室" in response.content.decode()


def test_gongkai_verify_passes_after_loading_the_demo(settings, tmp_path):
    from django.core.management import call_command

    from gongkai.publog import keys
    from gongkai.publog.models import Entry

    settings.PUBLOG_KEY_PATH = tmp_path / "publication-ed25519.pem"
    keys.key_create()
    load_demo()
    call_command("sign_tree_head")

    call_command("verify")  # raises CommandError naming the first break

    assert (
        Entry.objects.filter(document__isnull=False).count()
        == Document.objects.filter(status=Status.PUBLISHED).count()
    )
    load_demo()
    call_command("verify")
