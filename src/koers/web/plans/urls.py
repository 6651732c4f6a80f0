"""The plan under a client (``clienten/<pk>/plan/``): the editor, one POST per change, the
versions, the client's copy (page and PDF), and sharing: the client's private link and sending
the plan to the commissioning party."""

from __future__ import annotations

from django.urls import path

from koers.web.plans.views import changes, client_copy, editor, links, sharing, versions

app_name = "plans"
urlpatterns = [
    path("<int:pk>/plan/", editor.editor, name="plan"),
    path("<int:pk>/plan/starten/", editor.start, name="start"),
    path("<int:pk>/plan/waar-ik-sta/", changes.texts, {"part": "standing"}, name="standing"),
    path("<int:pk>/plan/belangrijk/", changes.texts, {"part": "reflection"}, name="reflection"),
    path("<int:pk>/plan/belangrijk/code/", changes.reflection_code, name="reflection_code"),
    path("<int:pk>/plan/notities/", changes.texts, {"part": "notes"}, name="notes"),
    path("<int:pk>/plan/beroep/", changes.add_occupation, name="add_occupation"),
    path("<int:pk>/plan/vaardigheid/", changes.add_skill, name="add_skill"),
    path("<int:pk>/plan/richting/", changes.add_direction, name="add_direction"),
    path("<int:pk>/plan/leerstap/", changes.add_step, name="add_step"),
    path("<int:pk>/plan/leerstap/koppelen/", changes.link_step, name="link_step"),
    path("<int:pk>/plan/afspraak/", changes.add_action, name="add_action"),
    path("<int:pk>/plan/afspraak/gedaan/", changes.action_done, name="action_done"),
    path("<int:pk>/plan/verwijderen/", changes.remove, name="remove"),
    path("<int:pk>/plan/versies/", versions.versions, name="versions"),
    path("<int:pk>/plan/versies/<int:number>/", versions.version, name="version"),
    path("<int:pk>/plan/afdruk/", client_copy.client_copy, name="client_copy"),
    path("<int:pk>/plan/afdruk.pdf", client_copy.client_copy_pdf_file, name="client_copy_pdf"),
    path("<int:pk>/plan/delen/", sharing.sharing_view, name="sharing"),
    path("<int:pk>/plan/versturen/", sharing.share, name="share"),
    path("<int:pk>/plan/link/", links.create, name="create_link"),
    path("<int:pk>/plan/link/intrekken/", links.revoke, name="revoke_link"),
]
