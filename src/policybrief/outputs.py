"""What a brief notebook's outputs carry so that JupyterLab, the HTML page and the PDF each show them well.

Charts travel as a Vega-Lite spec plus an SVG copy (policybrief.charts). Sections travel as HTML, and
JupyterLab loads none of the brief's stylesheets; in an untrusted notebook (which a published brief is) its
sanitiser also drops <style> elements but keeps style attributes. So `inline_styles` writes the brief.css
rules that match each element of a section into its style attribute, ahead of a marker, and the exporters,
which link the real stylesheets, take them out again with `strip_inline_styles`.
"""

from __future__ import annotations

import functools
import html as html_lib
import re
from importlib.resources import files

import cssselect2
import lxml.html
import tinycss2

# The Vega-Lite mimetype that JupyterLab 4 draws natively, offline and in untrusted notebooks.
VEGALITE_MIMETYPE = "application/vnd.vegalite.v5+json"
# Ends the declarations inline_styles adds; whatever follows it in a style attribute was there before.
MARKER = "/*policybrief-lab*/"
# JupyterLab's own output styles right-align and centre table cells and tables; the brief's do not.
LAB_RESET = "table { margin-left: 0; margin-right: 0; } th, td { text-align: left; vertical-align: top; }"
_STYLE_ATTR = re.compile(r'\sstyle="([^"]*)"')
_VAR = re.compile(r"var\(\s*(--[\w-]+)\s*\)")


def inline_styles(html: str) -> str:
    """The section HTML with each element's matching brief.css declarations in its style attribute."""
    if not html.strip():
        return html
    container = lxml.html.fragment_fromstring(html, create_parent="div")
    matcher = _matcher()
    for wrapper in cssselect2.ElementWrapper.from_html_root(container).iter_subtree():
        element = wrapper.etree_element
        if element is container:
            continue
        # Source order within equal specificity, as the cascade orders them; later declarations win.
        matches = sorted(matcher.match(wrapper), key=lambda m: (m[0], m[1]))
        declarations = "".join(payload for *_, payload in matches)
        if declarations:
            element.set("style", declarations + MARKER + (element.get("style") or ""))
    head = html_lib.escape(container.text, quote=False) if container.text else ""
    return head + "".join(lxml.html.tostring(child, encoding="unicode") for child in container)


def strip_inline_styles(html: str) -> str:
    """Undoes inline_styles: only the style attributes the HTML had before remain."""
    if MARKER not in html:
        return html

    def restore(match: re.Match) -> str:
        before, marker, after = match.group(1).partition(MARKER)
        kept = after if marker else before
        return f' style="{kept}"' if kept.strip() else ""

    return _STYLE_ATTR.sub(restore, html)


@functools.cache
def _matcher() -> cssselect2.Matcher:
    """brief.css as a matcher whose payloads are declarations ready for a style attribute.

    Rules inside at-rules (print) are left out, and custom properties are resolved, since the sanitiser
    only keeps plain values. LAB_RESET comes first so that any rule of the brief's overrides it."""
    css = (files("policybrief") / "templates" / "policybrief" / "brief.css").read_text(encoding="utf-8")
    rules = [
        rule
        for rule in tinycss2.parse_stylesheet(LAB_RESET + "\n" + css, skip_comments=True, skip_whitespace=True)
        if rule.type == "qualified-rule"
    ]
    variables: dict[str, str] = {}
    for rule in rules:
        if tinycss2.serialize(rule.prelude).strip() == ":root":
            variables.update((d.name, tinycss2.serialize(d.value).strip()) for d in _declarations(rule))
    matcher = cssselect2.Matcher()
    for rule in rules:
        declarations = "".join(
            f"{d.name}: {_value(d, variables)};"
            for d in _declarations(rule)
            # Lab's own typeface suits a notebook; the brief's font stacks would only repeat on every cell.
            if not d.name.startswith("--") and d.name != "font-family"
        )
        if not declarations:
            continue
        try:
            selectors = cssselect2.compile_selector_list(rule.prelude)
        except cssselect2.SelectorError:  # a selector the matcher cannot read styles nothing in Lab
            continue
        for selector in selectors:
            if selector.pseudo_element is None:
                matcher.add_selector(selector, declarations)
    return matcher


def _value(declaration, variables: dict[str, str]) -> str:
    value = _VAR.sub(lambda m: variables.get(m.group(1), ""), tinycss2.serialize(declaration.value).strip())
    # Double quotes would make lxml quote the attribute with single ones, which strip_inline_styles skips.
    return value.replace('"', "'")


def _declarations(rule) -> list:
    return [
        d
        for d in tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True)
        if d.type == "declaration"
    ]
