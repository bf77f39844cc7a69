"""Audit actions on records are named ``<entity>.<verb>`` (``document.publish``, ``document.import``)."""

from django.db import migrations

MOVES = ["submit", "recall", "return", "approve", "publish", "schedule", "unschedule", "revise", "withdraw"]
RENAMED = {
    "create": "document.create",
    "demo.create": "document.create",
    "update": "document.update",
    "revise.fields": "document.revise_fields",
    "attachment.add": "document.attach",
    "interpretation.link": "document.link_interpretation",
    "validity": "document.set_validity",
    "import.create": "document.import",
    "import.update": "document.reimport",
    **{move: f"document.{move}" for move in MOVES},
}


def _rename(apps, mapping):
    AuditEvent = apps.get_model("core", "AuditEvent")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type = ContentType.objects.filter(app_label="documents", model="document").first()
    if content_type is None:
        return
    for old, new in mapping.items():
        AuditEvent.objects.filter(content_type=content_type, action=old).update(action=new)


def forwards(apps, schema_editor):
    _rename(apps, RENAMED)


def backwards(apps, schema_editor):
    # demo.create was folded into document.create and cannot be told apart again; both go back to "create".
    _rename(apps, {new: old for old, new in RENAMED.items() if old != "demo.create"})


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0003_interpretation_workflow_and_revisions"),
        ("core", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
