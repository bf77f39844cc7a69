from django.apps import AppConfig


class PublogConfig(AppConfig):
    name = "gongkai.publog"
    label = "publog"
    verbose_name = "公开记录"

    def ready(self) -> None:
        from gongkai.documents import workflow
        from gongkai.documents.importer import writer
        from gongkai.publog import services

        # In the move's transaction, not on commit: a move never exists without its entry, nor an entry without
        # its move (publog/services.py).
        for action in ("publish", "revise", "withdraw"):
            workflow.document_machine.in_transaction(action, services.workflow_effect)
        for action in ("publish", "withdraw"):
            workflow.interpretation_machine.in_transaction(action, services.interpretation_workflow_effect)
        # A bulk import writes public records outside the workflow; its hook runs after the import committed.
        writer.on_import(services.records_imported)
