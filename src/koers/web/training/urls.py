from __future__ import annotations

from django.urls import path

from koers.web.training.views import applications, courses, overview, plan, schemes

app_name = "training"
urlpatterns = [
    path("", overview.overview, name="overview"),
    path("aanvragen.csv", overview.export, name="export"),
    path("regelingen/", schemes.schemes, name="schemes"),
    path("regelingen/nieuw/", schemes.scheme_form, name="scheme_create"),
    path("regelingen/<int:pk>/", schemes.scheme_detail, name="scheme_detail"),
    path("regelingen/<int:pk>/wijzigen/", schemes.scheme_form, name="scheme_edit"),
    path("regelingen/<int:pk>/tijdvak/", schemes.window_form, name="window_create"),
    path(
        "regelingen/<int:pk>/tijdvak/<int:window_pk>/",
        schemes.window_form,
        name="window_edit",
    ),
    path("cursussen/", courses.courses, name="courses"),
    path("cursussen/nieuw/", courses.course_form, name="course_create"),
    path("cursussen/importeren/", courses.import_courses, name="course_import"),
    path("cursussen/sjabloon.csv", courses.template, name="course_template"),
    path("cursussen/vaardigheden/", courses.skill_search, name="skill_search"),
    path("cursussen/<int:pk>/", courses.course_form, name="course_edit"),
    path("client/<int:pk>/leerplan/<str:target_id>/", plan.learning_plan, name="plan"),
    path("client/<int:pk>/aanvraag/", applications.create, name="application_create"),
    path("aanvraag/<int:pk>/", applications.detail, name="application"),
    path("aanvraag/<int:pk>/wijzigen/", applications.edit, name="application_edit"),
    path("aanvraag/<int:pk>/status/", applications.change_status, name="application_status"),
]
