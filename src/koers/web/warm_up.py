"""What a fresh worker would otherwise do on its first requests, done once before the fork.

On first use Django reads the URLconf (and so imports every view, the API and its schemas),
compiles each template, imports the context processors and the message storage, and loads each
language's translations and formats. Under ``koers serve`` that first use was in each worker,
after the fork: ~0.6 s on a worker's first request and ~20 ms more on its first visit to each
page, with 50 coaches queueing behind it (the slow first seconds of ``bench_pages.py``,
docs/benchmarks.md). Done in the master, every worker inherits it.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.forms.renderers import get_default_renderer
from django.template import Engine, TemplateSyntaxError, engines
from django.template.backends.django import DjangoTemplates
from django.urls import get_resolver
from django.utils import translation
from django.utils.formats import get_format_modules
from django.utils.module_loading import import_string


def warm_up() -> int:
    """Read the URLconf, the translations and every template; return the templates read."""
    resolver = get_resolver()
    is_language_prefix_patterns_used(settings.ROOT_URLCONF)
    for language, _name in settings.LANGUAGES:
        # Activating a language loads its catalogue; reversing fills its own table of URLs.
        with translation.override(language):
            resolver.reverse_dict  # noqa: B018  # a cached property, read for its side effect
        get_format_modules(language)
    template_engines = [b.engine for b in engines.all() if isinstance(b, DjangoTemplates)]
    form_engine = getattr(get_default_renderer(), "engine", None)
    if form_engine is not None:
        template_engines.append(form_engine.engine)
    for engine in template_engines:
        engine.template_context_processors  # noqa: B018  # imports them, as reverse_dict above
    import_string(settings.MESSAGE_STORAGE)
    return sum(_read_templates(engine) for engine in template_engines)


def _read_templates(engine: Engine) -> int:
    """Compile every template the engine can find, into its cached loader."""
    count = 0
    for loader in engine.template_loaders:
        for folder in map(Path, getattr(loader, "get_dirs", list)()):
            for path in sorted(p for p in folder.rglob("*") if p.is_file()):
                try:
                    engine.get_template(path.relative_to(folder).as_posix())
                except (TemplateSyntaxError, UnicodeDecodeError):
                    # Not a template of this engine (another library's tags, a binary file):
                    # a page that uses it reports the error itself, as it did before.
                    continue
                count += 1
    return count
