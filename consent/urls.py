from django.urls import path

from consent.views import consents, disclosures, subjects

app_name = "consent"

urlpatterns = [
    path("", subjects.subject_list, name="subject_list"),
    path("new/", subjects.subject_create, name="subject_create"),
    path("tasks/", subjects.task_list, name="task_list"),
    path("tasks/<int:pk>/done/", subjects.task_complete, name="task_complete"),
    path("subjects/<int:pk>/", subjects.subject_detail, name="subject_detail"),
    path(
        "subjects/<int:pk>/purpose/", subjects.subject_purpose, name="subject_purpose"
    ),
    path(
        "subjects/<int:pk>/guardians/", subjects.guardian_create, name="guardian_create"
    ),
    path("subjects/<int:pk>/close/", subjects.subject_close, name="subject_close"),
    path("subjects/<int:pk>/access/", subjects.subject_access, name="subject_access"),
    path(
        "subjects/<int:pk>/access/<int:user_id>/revoke/",
        subjects.subject_access_revoke,
        name="subject_access_revoke",
    ),
    path("subjects/<int:pk>/report/", subjects.subject_report, name="subject_report"),
    path(
        "subjects/<int:pk>/consents/new/",
        consents.consent_create,
        name="consent_create",
    ),
    path(
        "subjects/<int:pk>/disclosures/new/",
        disclosures.disclosure_create,
        name="disclosure_create",
    ),
    path("consents/<int:pk>/", consents.consent_detail, name="consent_detail"),
    path(
        "consents/<int:pk>/guardians/",
        consents.consent_guardian_add,
        name="consent_guardian_add",
    ),
    path(
        "consents/<int:pk>/written/", consents.consent_written, name="consent_written"
    ),
    path(
        "consents/<int:pk>/withdraw/",
        consents.consent_withdraw,
        name="consent_withdraw",
    ),
    path(
        "disclosures/<int:pk>/", disclosures.disclosure_detail, name="disclosure_detail"
    ),
    path(
        "disclosures/<int:pk>/approve/",
        disclosures.disclosure_approve,
        name="disclosure_approve",
    ),
    path(
        "disclosures/<int:pk>/disclose/",
        disclosures.disclosure_disclose,
        name="disclosure_disclose",
    ),
    path(
        "disclosures/<int:pk>/cancel/",
        disclosures.disclosure_cancel,
        name="disclosure_cancel",
    ),
]
