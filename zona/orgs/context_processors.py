"""What the main menu may offer: entries a person cannot use are not shown (queried only when
the menu is drawn, for a signed-in person)."""

from __future__ import annotations

from django.utils.functional import SimpleLazyObject

from .models import Role, Unit, _assignments, unit_scope_q
from .permissions import ALLOWED, Action, roles_for

# Menu entries shown only to holders (on some unit) of one of these actions' roles; the rest
# (work plans, LKE, services, integrity, registers, notifications, exports) are for every role.
MENU_ACTIONS: dict[str, tuple[Action, ...]] = {
    "my_tasks": (Action.REPORT,),
    "complaints": (Action.HANDLE_COMPLAINT, Action.HANDLE_INTEGRITY_COMPLAINT),
    "ppid": (Action.HANDLE_PPID, Action.ANSWER_OBJECTION),
}


def menu_entries(user) -> dict[str, bool]:
    """For each entry of MENU_ACTIONS, whether the person holds a role that uses it on some unit
    (the roles the request has already read, or one query)."""
    held = set(Role.values) if user.is_superuser else {role for *_rest, role, _down in _assignments(user)}
    return {
        entry: any(held & ALLOWED[action] for action in actions) for entry, actions in MENU_ACTIONS.items()
    }


def menu(request):
    user = getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated

    def may_import_plan() -> bool:
        if not signed_in:
            return False
        managed = unit_scope_q(user, prefix="", roles=roles_for(Action.MANAGE_PLAN))
        return Unit.objects.filter(managed).exists()

    entries = SimpleLazyObject(
        lambda: menu_entries(user) if signed_in else dict.fromkeys(MENU_ACTIONS, False)
    )
    return {"may_import_plan": may_import_plan, "menu_may": entries}
