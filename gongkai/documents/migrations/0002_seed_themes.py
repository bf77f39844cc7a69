from django.db import migrations


def seed(apps, schema_editor):
    from gongkai.documents.themes import shipped_themes

    Theme = apps.get_model("documents", "Theme")
    for order, (name, children) in enumerate(shipped_themes()):
        parent, _ = Theme.objects.get_or_create(parent=None, name=name, defaults={"sort_order": order})
        for child_order, child in enumerate(children):
            Theme.objects.get_or_create(parent=parent, name=child, defaults={"sort_order": child_order})


def unseed(apps, schema_editor):
    # Themes may be in use by records; leaving them is the safe reverse.
    pass


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
