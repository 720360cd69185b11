from accounts import scope
from accounts.rules import Permission


def current_membership(request):
    """The header shows who is signed in, for which agency and unit, and the menus they may open."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "current_membership": scope.primary_membership(user),
        "perms_nav": {
            "manage_accounts": scope.may(user, Permission.MANAGE_ACCOUNTS),
            "view_audit": scope.may(user, Permission.VIEW_AUDIT),
            "commune_groups_province": next(
                (unit.pk for unit in scope.scope_roots(user, Permission.EDIT_UNIT_ATTRIBUTES) if unit.level == "province"), None),
        },
    }
