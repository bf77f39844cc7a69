"""Seed the decision → table-三 row mapping from SPEC R2.4 (reversible: the seeded rows are removed)."""

from django.db import migrations

# (decision, report row, is_default). R1.12-5 → （四）1 and R1.12-7 → （三）8 follow common practice ([U] in R2.4).
MAPPING = [
    ("already_public", "1", True),
    ("disclose", "1", True),
    ("partial", "2", True),
    *[("withhold", f"3.{n}", False) for n in range(1, 9)],
    ("not_exist", "4.1", True),
    ("unavailable", "4.1", False),
    ("unavailable", "4.2", False),
    ("unavailable", "4.3", False),
    ("not_responsible", "4.1", True),
    ("repeat", "5.2", True),
    ("special_law", "3.8", True),
    ("not_processed", "5.1", False),
    ("not_processed", "5.3", False),
    ("not_processed", "5.4", False),
    ("not_processed", "5.5", False),
    ("other", "6.3", True),
]


def seed(apps, schema_editor):
    ReportMapping = apps.get_model("foi", "ReportMapping")
    for decision, row, default in MAPPING:
        ReportMapping.objects.get_or_create(decision=decision, report_row=row, defaults={"is_default": default})


def unseed(apps, schema_editor):
    ReportMapping = apps.get_model("foi", "ReportMapping")
    for decision, row, _default in MAPPING:
        ReportMapping.objects.filter(decision=decision, report_row=row).delete()


class Migration(migrations.Migration):
    dependencies = [("foi", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
