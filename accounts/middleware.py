"""A person whose password someone else chose goes to the password change page until they choose their own."""

from django.shortcuts import redirect

# What such a person may still open: the change page itself, signing out, and the public reset pages.
ALLOWED = frozenset({"accounts:password_change", "accounts:logout", "accounts:login", "accounts:password_reset",
                     "accounts:password_reset_done", "accounts:password_reset_confirm",
                     "accounts:password_reset_complete"})


class PasswordChangeRequiredMiddleware:
    """Every other page answers with a redirect to the change page, which says why."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.must_change_password:
            return None
        if request.resolver_match and request.resolver_match.view_name in ALLOWED:
            return None
        return redirect("accounts:password_change")
