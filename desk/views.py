"""The fact-check desk's pages. Thin: forms shape the input, `articles.factchecking` makes the changes.

Every change is a POST that redirects back (POST/redirect/GET). When the input is wrong the item's page is
shown again with the form as it was typed and the errors next to the fields, and nothing is saved.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from articles import factchecking, marking, remembering, rights, workflow
from articles.models import Article, Citation, Removal
from newsroom.names import display_name

from . import cards, links, queue
from .forms import (
    FIELD_FOR_CODE,
    AssignForm,
    AttachForm,
    BulkForm,
    DueForm,
    NewSourceForm,
    QueueFilterForm,
    VerdictForm,
)

PER_PAGE = 20


def desk_view(view):
    """Anonymous people go to the login page; people who may not work the desk get a 403."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not rights.works_desk(request.user):
            raise PermissionDenied("The fact-check desk is for fact-checkers and editors.")
        return view(request, *args, **kwargs)

    return wrapped


def _words(item, limit: int = 60) -> str:
    return item.exact if len(item.exact) <= limit else item.exact[: limit - 1] + "…"


def _forms(card, users) -> dict:
    item = card.item
    auto = f"id_{card.anchor}_%s"
    return {
        "assign": AssignForm(
            users=users, initial={"assignee": item.assignee_id}, auto_id=auto.replace("%s", "assign_%s")
        ),
        "due": DueForm(initial={"due_on": item.due_on}, auto_id=auto.replace("%s", "due_%s")),
        "verdict": VerdictForm.for_item(item, auto_id=auto.replace("%s", "verdict_%s")),
        "attach": AttachForm(list_id=f"sources-{card.anchor}", auto_id=auto.replace("%s", "attach_%s")),
        "new_source": NewSourceForm(auto_id=auto.replace("%s", "new_%s")),
    }


def _cards(items, users) -> list:
    result = cards.build(items)
    for card in result:
        card.forms = _forms(card, users)
    return result


COUNT_LINKS = [
    ("unsourced", "need a source", {"status": "unsourced"}),
    ("orphaned", "orphaned", {"status": "orphaned"}),
    ("disputed", "disputed", {"status": "disputed"}),
    ("needs_recheck", "need re-check", {"status": "needs_recheck"}),
    ("mine", "mine", {"assignee": "me"}),
    ("overdue", "overdue", {"overdue": "1"}),
]


@require_GET
@desk_view
def queue_page(request):
    generation = remembering.current_generation()  # what the desk remembers is read under this one
    users = queue.desk_users(generation=generation)
    selected = request.GET.get("article", "")
    articles = queue.article_choices(int(selected) if selected.isdigit() else None, generation=generation)
    form = QueueFilterForm(request.GET or None, articles=articles, users=users)
    filters = form.filters()
    counts = queue.counts(user=request.user, generation=generation)
    may_sign_off = request.user.has_perm(workflow.SIGN_OFF)
    rows = queue.rows(filters, user=request.user, generation=generation)
    if filters == queue.Filters():
        rows.known_counts(counts["total"], counts["overdue"])  # counted with the others: not again
    paginator = Paginator(rows, PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "desk/queue.html",
        {
            "form": form,
            "filtered": filters != queue.Filters(),
            "page": page,
            # The actions' forms are on each item's page: a queue card links there (and desk.js puts
            # the item's full card in place when an action is opened), so a page renders no forms.
            # Built (or read) only when the cards' HTML is not remembered (`{% desk_cards %}`).
            "cards": SimpleLazyObject(lambda: cards.remembered(page.object_list, generation=generation)),
            "counts": counts,
            "removals": queue.removals_to_confirm(generation=generation),
            "desk_users": users,
            "verdicts": [(status.value, status.label) for status in factchecking.VERDICTS],
            # Read only when their HTML is not remembered (`{% desk_sign_offs %}`).
            "sign_offs": SimpleLazyObject(lambda: queue.awaiting_sign_off(generation=generation))
            if may_sign_off
            else None,
            "count_links": [
                (key, label, f"?{urlencode(query)}", counts[key]) for key, label, query in COUNT_LINKS
            ],
            "nav": "mine" if filters.assignee == "me" else "queue",
            "next_url": request.get_full_path(),
            "generation": generation,  # the cards' HTML is remembered under it too
        },
    )


def _load(kind, pk):
    try:
        return queue.load_one(kind, pk)
    except queue.MODELS[kind].DoesNotExist:
        raise Http404("No such item.") from None


def _wants_card(request) -> str:
    """desk.js asks for the item's card alone ("card", or "single" on an item's page) to put it in
    place of the old one: after an action, or to open an action's form on a queue card. Without
    JavaScript every action is a POST, a redirect and a whole page."""
    return request.headers.get("X-Desk-Card", "")


def _render_item(
    request, item, *, form_name=None, form=None, open_form="", find="", next_url="", status=200
):
    users = queue.desk_users()
    [card] = _cards([item], users)
    if open_form in card.forms:
        card.open_form = open_form
    if form is not None:
        card.forms[form_name] = form
        card.open_form = form_name
    find = find.strip()
    wanted = _wants_card(request)
    return render(
        request,
        "desk/_card_response.html" if wanted else "desk/item.html",
        {
            "card": card,
            "single": wanted == "single",
            "find": find,
            "picks": list(queue.search_sources(find)) if find else [],
            "next_url": next_url or card.url,
        },
        status=400 if wanted and form is not None else status,
    )


def _done(request, item):
    """After an action: the updated card for desk.js, or back to where the form was (POST/redirect/GET)."""
    if _wants_card(request):
        fresh = _load(item._meta.model_name, item.pk)
        return _render_item(request, fresh, next_url=_next(request, item).split("#")[0])
    return redirect(_next(request, item))


@require_GET
@vary_on_headers("X-Desk-Card")
@desk_view
def item_page(request, kind, pk):
    """The item with every action's form; `?open=attach` (or another action) shows that one unfolded."""
    return _render_item(
        request,
        _load(kind, pk),
        open_form=request.GET.get("open", ""),
        find=request.GET.get("find", ""),
        next_url=_safe(request, request.GET.get("next", "")),
    )


@require_GET
@desk_view
def sources_json(request):
    """Search-as-you-type for the attach field: {"results": [{"id", "label"}]}."""
    words = request.GET.get("q", "").strip()
    found = queue.search_sources(words) if len(words) >= 2 else []
    return JsonResponse({"results": [{"id": s.pk, "label": str(s)} for s in found]})


# --- actions ------------------------------------------------------------------------------------


def _safe(request, target: str) -> str:
    """`target` when it is a page of this site, else "" (no open redirect)."""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


def _back(request, default: str) -> str:
    """The form's `next` page when it is on this site, else `default`."""
    return _safe(request, request.POST.get("next", "")) or default


def _next(request, item) -> str:
    return _back(request, links.item_url(item))


def _refused(request, item, form_name, form, error: ValidationError | None = None, **extra):
    """Show the item again with the form as typed and its errors; nothing was saved."""
    if error is not None:
        if hasattr(error, "error_dict"):
            form.add_error(None, error)
        else:
            for single in error.error_list:
                form.add_error(FIELD_FOR_CODE.get(single.code), single)
    messages.error(request, "Nothing was saved: see the message next to the form below.")
    return _render_item(
        request,
        _load(item._meta.model_name, item.pk),
        form_name=form_name,
        form=form,
        next_url=_next(request, item).split("#")[0],  # the form adds the item's own anchor
        **extra,
    )


def _action_item(kind, pk):
    return get_object_or_404(queue.MODELS[kind].objects.select_related("article"), pk=pk)


@require_POST
@desk_view
def assign(request, kind, pk):
    item = _action_item(kind, pk)
    form = AssignForm(request.POST, users=queue.desk_users())
    if not form.is_valid():
        return _refused(request, item, "assign", form)
    assignee = form.cleaned_data["assignee"]
    try:
        link = request.build_absolute_uri(links.item_url(item))
        factchecking.assign(item, assignee, user=request.user, link=link)
    except ValidationError as error:
        return _refused(request, item, "assign", form, error)
    if assignee is None:
        messages.success(request, f"“{_words(item)}” is assigned to nobody now.")
    elif assignee == request.user:
        messages.success(request, f"“{_words(item)}” is yours.")
    else:
        name = display_name(assignee)
        messages.success(request, f"“{_words(item)}” is assigned to {name}; they have been emailed.")
    return _done(request, item)


@require_POST
@desk_view
def set_due(request, kind, pk):
    item = _action_item(kind, pk)
    form = DueForm(request.POST)
    if form.is_valid():
        try:
            factchecking.set_due(item, form.cleaned_data["due_on"], user=request.user)
        except ValidationError as error:
            return _refused(request, item, "due", form, error)
        due = form.cleaned_data["due_on"]
        text = f"due on {due:%d %b %Y}" if due else "no longer has a due date"
        messages.success(request, f"“{_words(item)}” is {text}.")
        return _done(request, item)
    return _refused(request, item, "due", form)


@require_POST
@desk_view
def set_verdict(request, kind, pk):
    item = _action_item(kind, pk)
    form = VerdictForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            factchecking.set_verdict(
                item, data["status"], user=request.user, reason=data["reason"], note=data["note"]
            )
        except ValidationError as error:
            return _refused(request, item, "verdict", form, error)
        messages.success(request, f"“{_words(item)}”: {item.get_check_status_display().lower()}.")
        return _done(request, item)
    return _refused(request, item, "verdict", form)


@require_POST
@desk_view
def attach(request, kind, pk):
    item = _action_item(kind, pk)
    form = AttachForm(request.POST, list_id=f"sources-{kind}-{pk}")
    if form.is_valid():
        data = form.cleaned_data
        try:
            citation = factchecking.attach_source(
                item,
                data["source_obj"],
                user=request.user,
                locator=data["locator"],
                passage=data["passage"],
            )
        except ValidationError as error:
            return _refused(request, item, "attach", form, error)
        messages.success(request, f"“{_words(item)}” now cites {citation.source}.")
        return _done(request, item)
    # Several sources match the words typed: show them to pick from (the no-JavaScript path).
    return _refused(request, item, "attach", form, find=request.POST.get("find", ""))


@require_POST
@desk_view
def new_source(request, kind, pk):
    item = _action_item(kind, pk)
    form = NewSourceForm(request.POST)
    if form.is_valid():
        try:
            citation = factchecking.attach_new_source(
                item, form.source_data(), user=request.user, locator=form.cleaned_data["locator"]
            )
        except ValidationError as error:
            return _refused(request, item, "new_source", form, error)
        messages.success(request, f"Added {citation.source} to the library; “{_words(item)}” cites it.")
        return _done(request, item)
    return _refused(request, item, "new_source", form)


@require_POST
@desk_view
def remove_citation(request, kind, pk, citation):
    item = _action_item(kind, pk)
    found = get_object_or_404(
        Citation.objects.select_related("source"), pk=citation, **{item.citation_field: item}
    )
    try:
        factchecking.remove_citation(found, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"“{_words(item)}” no longer cites {found.source}.")
    return _done(request, item)


@require_POST
@desk_view
def decide_removal(request, pk, decision):
    """Confirm a removal, or put the claim or quotation back (`articles.marking`)."""
    removal = get_object_or_404(Removal.objects.select_related("article"), pk=pk)
    decide = marking.confirm if decision == "confirm" else marking.reinstate
    try:
        decide(removal, user=request.user, note=request.POST.get("note", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        done = "confirmed" if decision == "confirm" else "reinstated"
        messages.success(request, f"{removal}: {done}.")
    return redirect(_back(request, reverse("desk:queue")))


@require_POST
@desk_view
def sign_off(request, pk):
    """Fact-check done: the article moves to “ready” (`workflow.move` checks the right to sign off)."""
    article = get_object_or_404(Article, pk=pk)
    try:
        workflow.move(article, "sign_off", user=request.user, comment=request.POST.get("comment", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"“{article}” is signed off: ready to publish.")
    return redirect(reverse("desk:queue"))


@require_POST
@desk_view
def bulk(request):
    """Assign the ticked items, or give them one verdict: each through `articles.factchecking`."""
    form = BulkForm(request.POST, users=queue.desk_users())
    back = _back(request, reverse("desk:queue"))
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect(back)
    data, done = form.cleaned_data, 0
    for kind, pk in data["keys"]:
        item = queue.MODELS[kind].objects.select_related("article").filter(pk=pk).first()
        if item is None:
            continue
        try:
            if data["action"] == "assign":
                link = request.build_absolute_uri(links.item_url(item))
                factchecking.assign(item, data["assignee"], user=request.user, link=link)
            else:
                factchecking.set_verdict(item, data["status"], user=request.user, reason=data["reason"])
        except ValidationError as error:
            messages.error(request, f"“{_words(item)}”: {' '.join(error.messages)}")
        else:
            done += 1
    if done:
        what = "assigned" if data["action"] == "assign" else "given the verdict"
        messages.success(request, f"{done} item{'s' if done != 1 else ''} {what}.")
    return redirect(back)
