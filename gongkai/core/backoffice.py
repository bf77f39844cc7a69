"""The back-office shell: the one access rule for staff pages, and the registry through which each app adds
navigation entries, dashboard panels and staff URLs (STYLE §2 "Plugging an app in").

An app registers from its ``AppConfig.ready()`` in a small module of its own (``<app>/backoffice.py``); core
renders the navigation (``staff/base.html``) and the dashboard at ``/staff/`` from what was registered, so no
app edits another app's templates or URLconf to appear in the back office.

Who sees an entry or a panel: any staff member, narrowed by ``perm`` (held in at least one organisation,
answered by ``orgs.scope``) and/or ``visible`` (a predicate taking the user). Hiding a link is a courtesy; the
page it leads to still checks access itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import URLResolver, include, path, reverse
from django.utils.module_loading import import_string
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# The back office is organised by organisation scope, so the shell asks orgs.scope who is staff and who
# holds a permission (an upward import from core); orgs imports this module only from its ready().
from gongkai.orgs.scope import User, holds_anywhere, is_staff_member

Predicate = Callable[[User], bool]


@dataclass(frozen=True)
class NavEntry:
    """A link in the back-office navigation; ``section`` is a URL namespace whose every page marks it current."""

    label: str
    url_name: str
    order: int
    perm: str | None
    visible: Predicate | None
    section: str


@dataclass(frozen=True)
class Panel:
    """A block of the dashboard: ``template`` rendered with what ``context(request)`` returns."""

    template: str
    context: Callable[[HttpRequest], dict[str, Any]]
    order: int
    perm: str | None
    visible: Predicate | None


_nav: dict[str, NavEntry] = {}
_panels: dict[str, Panel] = {}
_urls: list[str] = []


def register() -> None:
    """Core's own entries, called from ``CoreConfig.ready()``: the dashboard first, the Django admin last."""
    nav_register(label=gettext_lazy("工作台"), url_name="staff:dashboard", order=0)
    nav_register(
        label=gettext_lazy("系统管理"), url_name="admin:index", order=1000, visible=lambda user: user.is_staff
    )


def staff_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Logged-in staff only: anonymous users go to the login page, others get 403."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_staff_member(request.user):
            raise PermissionDenied(_("仅限工作人员"))
        return view(request, *args, **kwargs)

    return wrapper


def nav_register(
    *,
    label: str,
    url_name: str,
    order: int = 100,
    perm: str | None = None,
    visible: Predicate | None = None,
    section: str = "",
) -> None:
    """Add (or replace) the navigation entry linking to ``url_name``; ``label`` should be a lazy gettext."""
    _nav[url_name] = NavEntry(label, url_name, order, perm, visible, section)


def nav_unregister(url_name: str) -> None:
    _nav.pop(url_name, None)


def panel_register(
    *,
    template: str,
    context: Callable[[HttpRequest], dict[str, Any]],
    order: int = 100,
    perm: str | None = None,
    visible: Predicate | None = None,
) -> None:
    """Add (or replace) the dashboard panel rendered from ``template``; ``context`` runs only when it is shown."""
    _panels[template] = Panel(template, context, order, perm, visible)


def panel_unregister(template: str) -> None:
    _panels.pop(template, None)


def urls_register(patterns: str) -> None:
    """Mount ``patterns`` (the dotted path of a list of URL patterns) under ``/staff/`` in the ``staff``
    namespace, so their names read ``staff:<name>``. Imported when the URLconf loads, not at registration."""
    if patterns not in _urls:
        _urls.append(patterns)


def urlpatterns() -> list[URLResolver]:
    """The registered staff URL patterns, for ``core/staff_urls.py``."""
    return [path("", include(import_string(patterns))) for patterns in _urls]


def user_holds(user: User, perm: str) -> bool:
    """Does the user hold ``perm`` in at least one active organisation? Answered from the grants that
    ``orgs.scope`` caches on the user, so nav entries and panels asking it cost no query."""
    return holds_anywhere(user, perm)


def _shown_to(user: User, perm: str | None, visible: Predicate | None) -> bool:
    if perm is not None and not user_holds(user, perm):
        return False
    return visible is None or visible(user)


def nav_for(request: HttpRequest) -> list[dict[str, Any]]:
    """The navigation the user may see, in order: label, url, and whether it is the current page."""
    match = request.resolver_match
    items = []
    for entry in sorted(_nav.values(), key=lambda e: (e.order, e.url_name)):
        if not _shown_to(request.user, entry.perm, entry.visible):
            continue
        current = match is not None and (
            match.view_name == entry.url_name or bool(entry.section and entry.section in match.namespaces)
        )
        items.append({"label": entry.label, "url": reverse(entry.url_name), "current": current})
    return items


def panels_for(request: HttpRequest) -> list[SafeString]:
    """The dashboard panels the user may see, in order, each rendered with its own context."""
    return [
        render_to_string(panel.template, panel.context(request), request=request)
        for panel in sorted(_panels.values(), key=lambda p: (p.order, p.template))
        if _shown_to(request.user, panel.perm, panel.visible)
    ]
