"""The course catalogue: every staff member reads it, admins and team leads keep it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from koers.web.accounts.decorators import current_user, staff_required
from koers.web.accounts.permissions import can_keep_catalogue, can_read_training
from koers.web.common.csv_download import csv_attachment
from koers.web.common.csv_files import Problem
from koers.web.common.forms import on_valid_post
from koers.web.common.htmx import HtmxHttpRequest
from koers.web.common.pages import page_of, query_without_page
from koers.web.common.search_text import search_text
from koers.web.training import actions, csv_import
from koers.web.training.forms.catalogue import (
    CourseEditForm,
    CourseFilterForm,
    CourseImportForm,
    EscoSkills,
)
from koers.web.training.models import Course

for_staff = staff_required(can_read_training)
for_keepers = staff_required(can_keep_catalogue)


def _search(courses: QuerySet[Course], form: CourseFilterForm) -> QuerySet[Course]:
    if not form.is_valid():
        return courses
    query, course_form = form.cleaned_data["q"].strip(), form.cleaned_data["form"]
    for word in query.split()[:4]:
        courses = courses.filter(Q(title__icontains=word) | Q(provider__icontains=word))
    return courses.filter(form=course_form) if course_form else courses


@for_staff
def courses(request: HttpRequest) -> TemplateResponse:
    """The catalogue, searched by title or provider; keepers also see courses taken out."""
    may_edit = can_keep_catalogue(current_user(request))
    form = CourseFilterForm(request.GET or None)
    catalogue = Course.objects.all() if may_edit else Course.objects.filter(active=True)
    page = page_of(request, _search(catalogue.order_by("-active", "title", "provider"), form))
    esco = EscoSkills()
    return TemplateResponse(
        request,
        "training/courses.html",
        {
            "form": form,
            "page": page,
            "rows": [(course, esco.labels(course.skills)) for course in page.object_list],
            "query": query_without_page(request),
            "may_edit": may_edit,
        },
    )


@for_keepers
@require_http_methods(["GET", "POST"])
def course_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Add or change a course; "Find" shows matching ESCO skills to check, without saving."""
    course = get_object_or_404(Course, pk=pk) if pk is not None else Course()
    title = _("Change %(name)s") % {"name": course.title} if course.pk else _("New course")
    form = CourseEditForm(request.POST or None, instance=course)
    saved = None
    # Enter in any field presses the form's first button, Find: with nothing to find, save.
    if "find" in request.POST and request.POST.get("skill_query", "").strip():
        form.keep_skill_errors_only()
    else:
        saved = on_valid_post(
            request,
            form,
            lambda: actions.save_course(by=current_user(request), course=form.instance),
        )
    if saved is not None:
        messages.success(request, _("Course saved."))
        return redirect("training:courses")
    return TemplateResponse(
        request,
        "training/course_form.html",
        {"form": form, "title": title, "course": course if course.pk else None},
    )


@for_staff
@require_http_methods(["GET"])
def skill_search(request: HtmxHttpRequest) -> TemplateResponse:
    """ESCO skills and groups by name: suggestions for the course form (htmx), or a page."""
    query = search_text(request.GET.get("q", request.GET.get("skill_query", "")))
    chosen = set(request.GET.getlist("skills"))
    esco = EscoSkills()
    matches = [match for match in esco.search(query) if match.uri not in chosen] if query else []
    template = "training/course_skill_search.html"
    if request.htmx:
        template = "training/_skill_suggestions.html"
    return TemplateResponse(
        request,
        template,
        {"query": query, "matches": matches, "available": esco.available},
    )


@for_keepers
@require_http_methods(["GET", "POST"])
def import_courses(request: HttpRequest) -> HttpResponse:
    """Upload a course file; every problem listed by row and column, or all courses saved."""
    form = CourseImportForm(request.POST or None, request.FILES or None)
    problems: list[Problem] = []
    if request.method == "POST" and form.is_valid():
        try:
            done = csv_import.import_courses(
                by=current_user(request), data=form.cleaned_data["file"].read()
            )
        except csv_import.CourseImportError as error:
            problems = error.problems
        except PermissionDenied:
            raise Http404 from None
        else:
            messages.success(
                request,
                _("Courses imported: %(created)d added, %(updated)d changed, %(same)d the same.")
                % {
                    "created": len(done.created),
                    "updated": len(done.updated),
                    "same": len(done.unchanged),
                },
            )
            return redirect("training:courses")
    return TemplateResponse(
        request,
        "training/course_import.html",
        {"form": form, "problems": problems, "columns": csv_import.COLUMNS},
        status=400 if form.errors or problems else 200,
    )


@for_keepers
def template(request: HttpRequest) -> HttpResponse:
    """The CSV template: the header row and one made-up example row."""
    return csv_attachment("koers-courses-template.csv", csv_import.template_csv())
