"""Filter sets over tenant models."""

import django_filters
from django_scopes import scopes_disabled


class TenantFilterSet(django_filters.FilterSet):
    """A FilterSet whose class creation may inspect scoped models.

    django-filter resolves lookups through ``_default_manager.all().query`` when the
    class is created (no query runs); the scoped manager would refuse that outside a
    request. Filtering itself still happens on the view's scoped queryset.
    """

    area = django_filters.CharFilter(field_name="area__slug", label="area (slug)")

    @classmethod
    def get_filters(cls):
        with scopes_disabled():
            return super().get_filters()
