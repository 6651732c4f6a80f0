from __future__ import annotations

from django.urls import path

from koers.web.plans import print_views

app_name = "plans"
urlpatterns = [
    path("<int:pk>/plan/afdruk/", print_views.client_copy, name="client_copy"),
    path("<int:pk>/plan/afdruk.pdf", print_views.client_copy_pdf_file, name="client_copy_pdf"),
]
