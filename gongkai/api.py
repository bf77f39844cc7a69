"""The JSON API under ``/api/v1/`` (django-ninja); OpenAPI at ``/api/v1/openapi.json``."""

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI

from gongkai.core.errors import GongkaiError

api = NinjaAPI(
    title="Gongkai API",
    version="1",
    description="Government information, catalogues and review tools of the Gongkai platform.",
    urls_namespace="api",
)


@api.exception_handler(GongkaiError)
def gongkai_error(request: HttpRequest, exc: GongkaiError) -> HttpResponse:
    return api.create_response(request, exc.as_dict(), status=exc.status)


def _mount() -> None:
    from gongkai.documents.api import catalog_router, documents_router
    from gongkai.review.api import router as review_router

    api.add_router("/documents", documents_router)
    api.add_router("/catalog", catalog_router)
    api.add_router("/review", review_router)


_mount()
