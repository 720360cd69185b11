from django.shortcuts import render

from accounts import scope


def home(request):
    """Start page: who the user is, where they work, and the way to their part of the map."""
    return render(request, "home.html", {"top_units": scope.top_units(request.user), "is_admin": scope.is_admin(request.user)})
