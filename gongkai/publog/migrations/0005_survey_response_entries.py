"""Survey responses (答卷) become a third subject of the publication log's entries (issue 15).

Existing entries name a record or an interpretation and no response, so they satisfy the widened check. SQLite
rebuilds ``publog_entry`` for these changes, dropping its append-only triggers (0002), so they are made again at
the end, and (on reversing) again after the reverse rebuild. PostgreSQL alters the table in place and keeps them.
"""

import django.db.models.deletion
from django.db import migrations, models

MESSAGE = "publication log is append-only"


def entry_triggers(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "sqlite":
        return
    for event in ("UPDATE", "DELETE"):
        name = f"publog_entry_no_{event.lower()}"
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")
        schema_editor.execute(
            f"CREATE TRIGGER {name} BEFORE {event} ON publog_entry BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
        )


class Migration(migrations.Migration):

    dependencies = [
        ('documents', '0004_audit_action_names'),
        ('publog', '0004_interpretation_entries'),
        ('surveys', '0002_responses_append_only'),
    ]

    operations = [
        # Runs last when reversing, after the reverse rebuild.
        migrations.RunPython(migrations.RunPython.noop, entry_triggers, elidable=False),
        migrations.RemoveConstraint(
            model_name='entry',
            name='publog_entry_one_subject',
        ),
        migrations.AddField(
            model_name='entry',
            name='survey_response',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='surveys.response', verbose_name='答卷'),
        ),
        migrations.AlterField(
            model_name='entry',
            name='action',
            field=models.CharField(choices=[('publish', '发布'), ('revise', '修订'), ('withdraw', '撤回'), ('import', '补录'), ('reimport', '导入更新'), ('submit', '提交答卷')], max_length=16, verbose_name='操作'),
        ),
        migrations.AddConstraint(
            model_name='entry',
            constraint=models.UniqueConstraint(fields=('survey_response',), name='publog_entry_one_per_response'),
        ),
        migrations.AddConstraint(
            model_name='entry',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('document__isnull', False), ('interpretation__isnull', True), ('survey_response__isnull', True)), models.Q(('document__isnull', True), ('interpretation__isnull', False), ('survey_response__isnull', True)), models.Q(('document__isnull', True), ('interpretation__isnull', True), ('survey_response__isnull', False)), _connector='OR'), name='publog_entry_one_subject'),
        ),
        migrations.RunPython(entry_triggers, migrations.RunPython.noop, elidable=False),
    ]
