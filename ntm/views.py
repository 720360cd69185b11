from django.shortcuts import render

from accounts import scope
from inbox.context_processors import for_request
from reports.views import leader_panel


def home(request):
    """Start page: what waits for the user ("Việc cần làm"), for a leader where the province stands now
    ("Toàn cảnh"), then the way to their part of the map."""
    return render(request, "home.html", {
        "items": for_request(request), "standing": leader_panel(request), "top_units": scope.top_units(request.user),
        "is_admin": scope.is_admin(request.user), "nav": "home",
    })
