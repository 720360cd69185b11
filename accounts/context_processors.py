from accounts.scope import primary_membership


def current_membership(request):
    """The header shows who is signed in, for which agency and unit."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"current_membership": primary_membership(user)}
