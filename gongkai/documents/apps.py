from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "gongkai.documents"
    label = "documents"

    def ready(self) -> None:
        from gongkai.core import pagecache
        from gongkai.documents import backoffice, selectors, syndication, workflow, xxgk_backoffice
        from gongkai.documents.models import PUBLIC_STATUSES, InterpretationStatus, RevisionStatus

        backoffice.register()
        xxgk_backoffice.register()
        syndication.register()
        # A move into or out of a public status changes what readers see: bump the page cache after commit.
        for machine, public in (
            (workflow.document_machine, PUBLIC_STATUSES),
            (workflow.interpretation_machine, (InterpretationStatus.PUBLISHED,)),
            (workflow.revision_machine, (RevisionStatus.PUBLISHED,)),
        ):
            machine.on_commit("*", pagecache.workflow_hook(public, selectors.record_pages_showing))
