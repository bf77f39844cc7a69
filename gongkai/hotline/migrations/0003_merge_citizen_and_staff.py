# Merges the citizen pages (photos, access) with the staff tools (dispatch, knowledge base, hot topics).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('hotline', '0002_citizen_photos_access'),
        ('hotline', '0002_staff_dispatch_knowledge_hotspots'),
    ]

    operations = [
    ]
