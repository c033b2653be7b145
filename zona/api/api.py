"""Zona's JSON API (django-ninja): the same selectors, access rule and services as the pages,
never around them. A personal access token (`Authorization: Bearer zona_…`) acts as its owner:
it reads what its owner may read over the hierarchy and changes what its owner may change.
Lists are paginated (`limit`, `offset`) and filtered by unit and period; each token has its own
rate limit (`ZONA_API_RATE`). Of the WBS only the aggregate counts leave."""

from ninja import NinjaAPI, Router, Schema
from ninja.pagination import paginate

from .common import Pages, TokenAuth, TokenThrottle, unit_scope, user
from .registry import app_routers


class ZonaAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation) -> str:
        """`zona_api_api_<function>`, the ids the document had when every endpoint sat in this
        module: kept wherever an endpoint's code lives, so clients generated from the document
        keep working (the exports keep their `zona_api_exports_…` ids, given where they are)."""
        return "zona_api_api_" + operation.view_func.__name__


api = ZonaAPI(
    title="Zona API",
    version="1",
    description=__doc__,
    auth=TokenAuth(),
    throttle=[TokenThrottle()],
    urls_namespace="api",
)


# -- the token's own: who it acts as, and the units it sees -----------------------------------------


class Me(Schema):
    username: str
    units: list[dict]


@api.get("/me", response=Me, tags=["units"], summary="Who the token acts as, and where")
def me(request):
    owner = user(request)
    return {
        "username": owner.get_username(),
        "units": [
            {"unit": a.unit.code, "role": a.role, "below": a.include_descendants}
            for a in owner.roles.select_related("unit")
        ],
    }


class UnitOut(Schema):
    code: str
    name: str
    level: str
    parent: str | None = None

    @staticmethod
    def resolve_parent(obj) -> str | None:
        return obj.parent.code if obj.parent_id else None


units_router = Router(tags=["units"])


@units_router.get("", response=list[UnitOut], summary="Units the token sees")
@paginate(Pages)
def units(request, unit: str | None = None, level: str | None = None):
    found = unit_scope(request, unit).select_related("parent").order_by("path")
    return found.filter(level=level) if level else found


api.add_router("/units", units_router)
for router in app_routers():  # each app's api.py (zona/api/registry.py)
    api.add_router("", router)
