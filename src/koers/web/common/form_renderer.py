"""Django's form renderer with its most used templates written out in Python.

Every field on a page passes through four of Django's form templates (the field, its label,
its errors, its widget), and a select or a row of radio buttons adds an include per option.
On the plan editor that was close to half of the page's time. The functions below give the
same text as those templates; tests/web/test_form_renderer.py renders the same forms both
ways and compares them. Any other template, and any option template a widget names for
itself, still goes to Django's templates.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from typing import Any

from django.forms.renderers import DjangoTemplates
from django.http import HttpRequest
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, SafeString, mark_safe
from django.utils.timezone import template_localtime  # type: ignore[attr-defined]  # not in the stubs

WIDGETS = "django/forms/widgets/"
INPUTS = (
    "checkbox",
    "color",
    "date",
    "datetime",
    "email",
    "file",
    "hidden",
    "number",
    "password",
    "search",
    "tel",
    "text",
    "time",
    "url",
)


def _text(value: Any) -> str:
    """``{{ value }}``: localised, then escaped unless it is already safe."""
    if type(value) is str:
        # Most values: plain text (not SafeString, a subclass), which localising leaves as is.
        return html.escape(value)
    value = localize(template_localtime(value))
    if not issubclass(type(value), str):
        value = str(value)
    return conditional_escape(value)


def _string(value: Any) -> str:
    """``{{ value|stringformat:'s' }}``."""
    text = str(value)
    return _text(mark_safe(text) if isinstance(value, SafeData) else text)


def _attrs(attrs: Mapping[str, Any] | None) -> str:
    """``django/forms/widgets/attrs.html`` (and ``django/forms/attrs.html``)."""
    if not attrs:
        return ""
    return "".join(
        f" {_text(name)}" + ("" if value is True else f'="{_string(value)}"')
        for name, value in attrs.items()
        if value is not False
    )


def _input(widget: Mapping[str, Any]) -> str:
    value = widget["value"]
    shown = "" if value is None else f' value="{_string(value)}"'
    return (
        f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"{shown}'
        f"{_attrs(widget['attrs'])}>"
    )


def _input_option(option: Mapping[str, Any]) -> str:
    """``radio_option.html`` and ``checkbox_option.html`` as included in a list of choices."""
    html = _input(option) + "\n"
    if option["wrap_label"]:
        html = f"{_label_opening(option)}{html} {_text(option['label'])}</label>"
    return html + "\n\n"


def _label_opening(option: Mapping[str, Any]) -> str:
    label_id = option["attrs"].get("id")
    return f'<label for="{_text(label_id)}">' if label_id else "<label>"


def _select_option(option: Mapping[str, Any]) -> str:
    return (
        f'<option value="{_string(option["value"])}"{_attrs(option["attrs"])}>'
        f"{_text(option['label'])}</option>\n"
    )


OPTIONS: dict[str, Callable[[Mapping[str, Any]], str]] = {
    WIDGETS + "select_option.html": _select_option,
    WIDGETS + "radio_option.html": _input_option,
    WIDGETS + "checkbox_option.html": _input_option,
}


def _all_options_known(widget: Mapping[str, Any]) -> bool:
    return all(
        option["template_name"] in OPTIONS
        for _group, options, _index in widget["optgroups"]
        for option in options
    )


def _select(context: Mapping[str, Any]) -> str | None:
    widget = context["widget"]
    if not _all_options_known(widget):
        return None
    parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group, options, _index in widget["optgroups"]:
        if group:
            parts.append(f'\n  <optgroup label="{_text(group)}">')
        parts.extend("\n  " + OPTIONS[option["template_name"]](option) for option in options)
        if group:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def _multiple_input(context: Mapping[str, Any]) -> str | None:
    widget = context["widget"]
    if not _all_options_known(widget):
        return None
    element_id = widget["attrs"].get("id")
    css_class = widget["attrs"].get("class")
    parts = [
        "<div"
        + (f' id="{_text(element_id)}"' if element_id else "")
        + (f' class="{_text(css_class)}"' if css_class else "")
        + ">"
    ]
    for group, options, _index in widget["optgroups"]:
        if group:
            parts.append(f"\n  <div><label>{_text(group)}</label>")
        parts.extend(
            f"<div>\n    {OPTIONS[option['template_name']](option)}</div>" for option in options
        )
        if group:
            parts.append("\n  </div>")
    parts.append("\n</div>")
    return "".join(parts)


def grouped_radio_html(widget: Mapping[str, Any]) -> SafeString:
    """Radio buttons in groups, each group a fieldset with its name as the legend: a
    direction's gap can hold forty skills, so this too is written out in Python."""
    element_id = widget["attrs"].get("id")
    parts = ["<div" + (f' id="{_text(element_id)}"' if element_id else "") + ">"]
    for group, options, _index in widget["optgroups"]:
        if group:
            parts.append(f'<fieldset class="choice-group"><legend>{_text(group)}</legend>')
        parts.extend(
            f"<div>\n    {_label_opening(option)}{_input(option)} {_text(option['label'])}"
            "</label></div>"
            for option in options
        )
        if group:
            parts.append("</fieldset>")
    parts.append("\n</div>")
    return SafeString("".join(parts))


def _textarea(context: Mapping[str, Any]) -> str:
    widget = context["widget"]
    value = widget["value"]
    return (
        f'<textarea name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>\n'
        f"{_text(value) if value else ''}</textarea>"
    )


def _field(context: Mapping[str, Any]) -> str:
    field = context["field"]
    if field.use_fieldset:
        described = field.aria_describedby
        described_by = f' aria-describedby="{_text(described)}"' if described else ""
        head = f"\n  <fieldset{described_by}>\n  {field.legend_tag() if field.label else ''}\n"
    else:
        head = f"\n  {field.label_tag() if field.label else ''}\n"
    help_text = ""
    if field.help_text:
        help_id = f' id="{_text(field.auto_id)}_helptext"' if field.auto_id else ""
        help_text = f'<div class="helptext"{help_id}>{field.help_text}</div>'
    closing = "</fieldset>" if field.use_fieldset else ""
    return f"{head}\n{help_text}\n{_text(field.errors)}\n{_text(field)}{closing}"


def _label(context: Mapping[str, Any]) -> str:
    label = _text(context["label"])
    if not context["use_tag"]:
        return label
    tag = _text(context["tag"])
    return f"<{tag}{_attrs(context['attrs'])}>{label}</{tag}>"


def _errors(context: Mapping[str, Any]) -> str:
    errors = context["errors"]
    if not errors:
        return ""
    field_id = getattr(errors, "field_id", None)
    error_id = f' id="{_text(field_id)}_error"' if field_id else ""
    items = "".join(f"<li>{_text(error)}</li>" for error in errors)
    return f'<ul class="{_text(context["error_class"])}"{error_id}>{items}</ul>'


FAST: dict[str, Callable[[Mapping[str, Any]], str | None]] = {
    "django/forms/field.html": _field,
    "django/forms/label.html": _label,
    "django/forms/errors/list/default.html": _errors,
    "django/forms/errors/list/ul.html": _errors,
    WIDGETS + "select.html": _select,
    WIDGETS + "radio.html": _multiple_input,
    WIDGETS + "checkbox_select.html": _multiple_input,
    WIDGETS + "textarea.html": _textarea,
    **{f"{WIDGETS}{name}.html": lambda context: _input(context["widget"]) for name in INPUTS},
}


class FormRenderer(DjangoTemplates):
    """Django's default form renderer, with the templates in ``FAST`` rendered in Python."""

    def render(
        self, template_name: str, context: dict[str, Any], request: HttpRequest | None = None
    ) -> str:
        fast = FAST.get(template_name)
        html = fast(context) if fast is not None else None
        if html is None:
            return str(super().render(template_name, context, request))
        return SafeString(html.strip())
