"""mkdocs hook: links in files the site includes from outside docs/ point where the site has them.

README.md (the home page) links to ``docs/guide.md`` and ``benchmarks/README.md``; benchmarks/README.md (the page
"How they are measured") links to ``../docs/performance.md``; docs/performance.md links to
``../benchmarks/README.md``. Those links are right on GitHub, where the files are read in place. On the site every
page is a file of docs/, so after pymdownx.snippets has included the text, this preprocessor rewrites them:
``docs/X.md`` and ``../docs/X.md`` to ``X.md``; ``benchmarks/README.md`` (with or without ``../``) to the page
that includes it, ``benchmarks.md``, and ``CHANGELOG.md`` to ``changelog.md``. Links to anything else are left to
mkdocs' own (strict) checks.

The docstrings (rendered by mkdocstrings through the same Markdown) are numpydoc written for Sphinx and for
``--doctest-modules``: a Sphinx role (``:meth:`Case.status <slaclock.Case.status>```) becomes code
(`` `Case.status` ``), and a doctest outside an Examples section (``>>>`` lines, which Markdown would read as
quotes) becomes a ```` ```pycon ```` block. Text inside fences is left alone.

It also names the includes' folder absolutely (the top of the repository, where mkdocs.yml is), so that
``mkdocs build -f path/to/mkdocs.yml`` works from any folder, not only from the top.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

_LINK = re.compile(r"\]\((?:\.\./)?(?:docs/([^)#\s]+\.md)|(benchmarks/README\.md)|(CHANGELOG\.md))")
_PAGE = {2: "benchmarks.md", 3: "changelog.md"}


_ROLE = re.compile(r":(?:py:)?(?:meth|func|class|attr|mod|data|exc|obj|const|ref):`~?([^`<]+?)(?:\s*<[^>`]*>)?`")
_FENCE = re.compile(r"^\s*(```|~~~)")


class _SiteLinks(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        return self._doctests(_roles(lines))

    def _doctests(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        fenced = doctest = False
        for line in lines:
            if _FENCE.match(line):
                fenced = not fenced
            elif not fenced:
                line = _LINK.sub(_page, line)
                if line.startswith(">>> ") and not doctest:
                    out.extend(["", "```pycon"])
                    doctest = True
                elif doctest and not line.strip():
                    out.append("```")
                    doctest = False
            out.append(line)
        if doctest:
            out.append("```")
        return out


def _page(m: re.Match[str]) -> str:
    return f"]({m.group(1) or _PAGE[m.lastindex or 0]}"


def _roles(lines: list[str]) -> list[str]:
    """The Sphinx roles outside fences as code; a role may wrap onto the next line."""
    out: list[str] = []
    text: list[str] = []
    fenced = False
    for line in [*lines, "```"]:  # a closing fence flushes the last text
        if _FENCE.match(line):
            if not fenced:
                out.extend(_ROLE.sub(lambda m: f"`{' '.join(m.group(1).split())}`", "\n".join(text)).split("\n"))
                text = []
            fenced = not fenced
            out.append(line)
        elif fenced:
            out.append(line)
        else:
            text.append(line)
    return out[:-1]


class _SiteLinksExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's name)
        md.preprocessors.register(_SiteLinks(md), "slaclock_site_links", 31)  # after snippets (32)


def on_config(config: Any) -> Any:
    config.markdown_extensions.append(_SiteLinksExtension())
    top = str(Path(config.config_file_path).resolve().parent)
    config.mdx_configs.setdefault("pymdownx.snippets", {})["base_path"] = [top]
    return config
