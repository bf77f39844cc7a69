from ninja import Router

documents_router = Router(tags=["documents"])
catalog_router = Router(tags=["catalog"])
