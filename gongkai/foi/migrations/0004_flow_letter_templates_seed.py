"""The default reply-letter templates (one per decision type, no organisation) from ``foi.letters``."""

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


class Migration(migrations.Migration):
    dependencies = [("foi", "0003_flow_letters_fees_assignment")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
