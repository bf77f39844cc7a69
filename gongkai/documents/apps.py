from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "gongkai.documents"
    label = "documents"

    def ready(self) -> None:
        from gongkai.core import pagecache
        from gongkai.documents import backoffice, syndication, workflow, xxgk_backoffice

        backoffice.register()
        xxgk_backoffice.register()
        syndication.register()
        # Every move may change what the public sees: bump the page cache's generations after commit.
        for machine in (
            workflow.document_machine,
            workflow.interpretation_machine,
            workflow.revision_machine,
        ):
            machine.on_commit("*", pagecache.workflow_hook)
