"""The service directory's filters: a GET form over the services of `pages/models/services.py`."""

from django import forms
from django.utils.translation import gettext_lazy as _

from pages.models.services import TargetGroup
from pages.vocabulary import Region


class ServiceFilterForm(forms.Form):
    """The directory's filters, sent with GET. An unknown value is reported and ignored."""

    region = forms.ChoiceField(
        label=_("Region"),
        required=False,
        # Services for the whole country are shown under every region, so it is no choice of its own.
        choices=[("", _("All regions")), *[choice for choice in Region.choices if choice[0] != Region.WHOLE_COUNTRY]],
        error_messages={"invalid_choice": _("Choose a region from the list.")},
    )
    group = forms.ChoiceField(
        label=_("Who the help is for"),
        required=False,
        choices=[("", _("Everyone")), *TargetGroup.choices],
        error_messages={"invalid_choice": _("Choose a group from the list.")},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "directory-%s")
        super().__init__(*args, **kwargs)

    def describe_errors(self) -> None:
        """Link each input to its error for screen readers (the error's id comes from the template)."""
        for name, field in self.fields.items():
            bound = self[name]
            if self.is_bound and bound.errors:
                field.widget.attrs["aria-invalid"] = "true"
                field.widget.attrs["aria-describedby"] = f"{bound.auto_id}-error"

    def filtered(self, services):
        """`services` narrowed by the valid filters. A region also finds services for the whole country."""
        if not self.is_bound:
            return services
        self.is_valid()  # keeps the valid values in cleaned_data and reports the others
        values = self.cleaned_data
        if region := values.get("region"):
            services = services.filter(regions__in=[region, Region.WHOLE_COUNTRY])
        if group := values.get("group"):
            services = services.filter(target_groups=group)
        return services.distinct()

    @property
    def is_filtering(self) -> bool:
        """Whether the visitor asked for any filter (even one that was not valid)."""
        return self.is_bound and any(self.data.get(name) for name in self.fields)


def services_for_listing(services):
    """Services with their target groups and regions: three queries, whatever their number."""
    return services.prefetch_related("target_groups", "regions")
