"""Admin forms of page types whose checks need more than one field or row."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm


class StatisticsPageForm(WagtailAdminPageForm):
    """Checks across the rows of a statistics page: each period once, each form of exploitation once
    per period, and no form of exploitation with more new clients than the period had."""

    def clean(self):
        cleaned_data = super().clean()
        new_clients = {}
        for form in self._kept_rows("figures"):
            key = (form.cleaned_data["year"], form.cleaned_data["period"])
            if key in new_clients:
                form.add_error("period", _("This year and period are already entered above. Enter each period once."))
            else:
                new_clients[key] = form.cleaned_data.get("new_clients")
        seen = set()
        for form in self._kept_rows("exploitation_figures"):
            key = (form.cleaned_data["year"], form.cleaned_data["period"])
            kind = form.cleaned_data.get("kind")
            number = form.cleaned_data.get("new_clients")
            limit = new_clients.get(key)
            if (*key, kind) in seen:
                form.add_error("kind", _("This form of exploitation is already entered for this year and period."))
            elif limit is not None and number is not None and number > limit:
                form.add_error(
                    "new_clients",
                    _("This is more than the %(number)s new clients entered for the same period above.")
                    % {"number": limit},
                )
            seen.add((*key, kind))
        return cleaned_data

    def _kept_rows(self, relation: str) -> list:
        """The valid rows of an inline panel that are filled in and not marked for deletion."""
        formset = self.formsets.get(relation)
        if formset is None:
            return []
        return [
            form for form in formset.forms
            if form.is_valid() and form.cleaned_data.get("year") is not None
            and not (formset.can_delete and form.cleaned_data.get("DELETE"))
        ]
