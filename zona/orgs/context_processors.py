"""What the main menu may offer: entries a person cannot use are not shown (queried only when
the menu is drawn, for a signed-in person)."""

from __future__ import annotations

from .models import Unit, unit_scope_q
from .permissions import Action, roles_for


def menu(request):
    user = getattr(request, "user", None)

    def may_import_plan() -> bool:
        if user is None or not user.is_authenticated:
            return False
        managed = unit_scope_q(user, prefix="", roles=roles_for(Action.MANAGE_PLAN))
        return Unit.objects.filter(managed).exists()

    return {"may_import_plan": may_import_plan}
