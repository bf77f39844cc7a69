"""The default reply-letter templates (one per decision type, no organisation) from ``foi.letters``, and the
keywords of applications filed before they were stored (``foi.similar``)."""

from django.db import migrations


def seed(apps, schema_editor):
    from gongkai.foi.letters import DEFAULT_TEMPLATES, DEFAULT_TITLE, LEGAL_BASIS

    LetterTemplate = apps.get_model("foi", "LetterTemplate")
    for decision, body in DEFAULT_TEMPLATES.items():
        LetterTemplate.objects.get_or_create(
            decision=str(decision),
            organisation=None,
            defaults={"title": DEFAULT_TITLE, "body": body, "legal_basis": LEGAL_BASIS[decision]},
        )


def backfill_keywords(apps, schema_editor):
    from gongkai.foi.similar import keywords

    FoiApplication = apps.get_model("foi", "FoiApplication")
    batch = []
    for application in FoiApplication.objects.filter(keywords="").only("id", "description").iterator(2000):
        application.keywords = " ".join(keywords(application.description))
        batch.append(application)
        if len(batch) == 2000:
            FoiApplication.objects.bulk_update(batch, ["keywords"])
            batch = []
    FoiApplication.objects.bulk_update(batch, ["keywords"])


class Migration(migrations.Migration):
    dependencies = [("foi", "0003_flow_letters_fees_assignment")]

    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
        migrations.RunPython(backfill_keywords, migrations.RunPython.noop),
    ]
