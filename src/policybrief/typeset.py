"""The brief's PDF: its HTML (as policybrief.export renders it, charts as static SVG) typeset by Typst.

The content is written once, as HTML, by policybrief.present. This module reads that HTML, a small known
subset with pb-* classes, and writes a Typst document in which each element becomes a call of a function of
templates/policybrief/brief.typ, which holds the layout. Article text is untrusted: it reaches Typst only as
string literals, which Typst never reads as markup or code, and images only as data in `sys.inputs`. The
compiler sees the template folder and nothing else on disk, loads no package and fetches nothing.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import functools
import json
import logging
import re
import textwrap
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates" / "policybrief"
TEMPLATE = "brief.typ"
PAPERS = {"a4": "a4", "letter": "us-letter"}
# Debian's fonts-liberation and fonts-dejavu-core (Makefile: system-libs). Typst's own fonts stand in for
# them where they are missing; the machine's other fonts are left out, so a brief looks the same everywhere.
FONT_DIRS = ("/usr/share/fonts/truetype/liberation", "/usr/share/fonts/truetype/dejavu")
RUNNING_TITLE_CHARS = 90
# What the page template embeds: chart SVG, and PNG or JPEG from other outputs.
IMAGE_TYPES = ("image/svg+xml", "image/png", "image/jpeg")

logger = logging.getLogger(__name__)
# Compilers not in use, each with the fonts it was made with (list.pop and list.append are atomic).
_IDLE: list[tuple[object, object]] = []

VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SKIPPED_TAGS = {"script", "style", "template", "noscript", "head"}
BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "body", "dd", "div", "dl", "dt", "figcaption", "figure", "footer",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}
# Spans that brief.css displays as blocks.
BLOCK_CLASSES = {"pb-aliases", "pb-position"}

# Classes that map straight to a template function of the same name, which takes the element's content.
CLASS_FUNCTIONS = {
    "pb-titleblock", "pb-kicker", "pb-title", "pb-engine-note", "pb-bluf", "pb-sourcing-box", "pb-label",
    "pb-development", "pb-others", "pb-when", "pb-cites", "pb-central", "pb-aliases", "pb-position",
    "pb-annex-part", "pb-sid", "pb-removed", "pb-muted", "pb-failed",
}
# Classes whose function also takes the variant that a second class names ("pb-conf pb-conf-low" -> "low").
VARIANT_CLASSES = {"pb-conf": "pb-conf-", "pb-badge": "pb-risk-", "pb-stance": "pb-stance-", "pb-side": "pb-side-"}
TAG_FUNCTIONS = {
    "h1": "pb-h1", "h2": "pb-h2", "h3": "pb-h3", "h4": "pb-h4", "h5": "pb-h4", "h6": "pb-h4", "p": "pb-p",
    "strong": "pb-strong", "b": "pb-strong", "em": "pb-em", "i": "pb-em", "code": "pb-code", "q": "pb-q",
}
# Control characters have no place in a brief, and a lone surrogate cannot be encoded for the compiler.
_LITERAL = {c: None for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)}
_LITERAL.update({0x7F: None, ord("\\"): "\\\\", ord('"'): '\\"', 0x09: " ", 0x0A: " ", 0x0D: " "})
_LITERAL.update({c: "\ufffd" for c in range(0xD800, 0xE000)})
_SPACE = re.compile(r"[ \t\n\r\f]+")
_WIDTH = re.compile(r"(?:^|;)\s*width\s*:\s*([0-9]+(?:\.[0-9]+)?)%")


@dataclass
class TypstDocument:
    """A brief ready for the compiler: the Typst source and the images it reads from `sys.inputs`."""

    source: str
    inputs: dict[str, str] = field(default_factory=dict)


def html_to_pdf(html: str, paper: str = "A4") -> bytes:
    """Typeset brief HTML as a PDF with `paper` ("A4" or "Letter") pages."""
    document = to_typst(html, paper)
    fonts = _fonts()
    # A compiler keeps the fonts it has loaded, which makes a PDF about three times faster than with a new
    # one, but it compiles one document at a time: each export takes an idle one, or makes one.
    try:
        used_fonts, compiler = _IDLE.pop()
    except IndexError:
        used_fonts, compiler = fonts, None
    if compiler is None or used_fonts is not fonts:
        import typst

        compiler = typst.Compiler(root=str(TEMPLATE_DIR), font_paths=fonts)
    try:
        pdf, warnings = compiler.compile_with_warnings(input=document.source.encode("utf-8"),
                                                      sys_inputs=document.inputs)
    finally:
        _IDLE.append((fonts, compiler))
    for warning in warnings:
        logger.debug("typst: %s", warning.message)
    return pdf


def to_typst(html: str, paper: str = "A4") -> TypstDocument:
    """The Typst document for brief HTML (see the module's docstring)."""
    try:
        paper_name = PAPERS[paper.casefold()]
    except KeyError:
        raise ValueError(f"unknown paper size {paper!r}") from None
    page = _parse(html)
    body = page.find(lambda n: n.tag == "main" and "pb-brief" in n.classes) or page.find(lambda n: n.tag == "body")
    body = body or page
    _normalise_space(body)
    writer = _Writer(ids={n.attrs["id"] for n in body.iter() if n.attrs.get("id")})
    title = _plain(page.find(lambda n: n.tag == "title")) or "Policy brief"
    meta = page.find(lambda n: n.tag == "meta" and n.attrs.get("name") == "description")
    description = " ".join((meta.attrs.get("content") or "").split()) if meta else ""
    running = textwrap.shorten(title, width=RUNNING_TITLE_CHARS, placeholder=" …")
    source = (
        f'#import "{TEMPLATE}": *\n'
        f"#show: pb-brief.with(title: {_literal(title)}, "
        f"description: {_literal(description) if description else 'none'}, "
        f"running: {_literal(running)}, paper: {_literal(paper_name)})\n"
        + writer.blocks(body.children)
    )
    return TypstDocument(source, writer.inputs)


def warm_up() -> None:
    """Make a compiler and load the faces a brief uses, so that the first PDF of a process is as fast as the next."""
    html_to_pdf("<title>Policy brief</title><main class='pb-brief'><section class='pb-section' id='sec-x'>"
                "<h2>Policy brief</h2><p>Policy <strong>brief</strong> <em>brief</em></p></section></main>")


@functools.cache
def _fonts():
    import typst

    return typst.Fonts(include_system_fonts=False, include_embedded_fonts=True,
                       font_paths=[d for d in FONT_DIRS if Path(d).is_dir()])


# ---------------------------------------------------------------- the HTML as a tree


class _Text:
    __slots__ = ("value",)

    def __init__(self, value: str) -> None:
        self.value = value


@dataclass(eq=False)
class _Node:
    tag: str
    attrs: dict[str, str]
    children: list[_Node | _Text] = field(default_factory=list)

    @property
    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()

    @property
    def elements(self) -> list[_Node]:
        return [c for c in self.children if isinstance(c, _Node)]

    def iter(self):
        yield self
        for child in self.elements:
            yield from child.iter()

    def find(self, match) -> _Node | None:
        return next((n for n in self.iter() if match(n)), None)

    def child(self, match) -> _Node | None:
        return next((n for n in self.elements if match(n)), None)


class _TreeBuilder(HTMLParser):
    """A forgiving tree: unclosed elements close with their parent, stray end tags are ignored."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("#document", {})
        self._stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = _Node(tag, {k: v or "" for k, v in attrs})
        self._stack[-1].children.append(node)
        if tag not in VOID_TAGS:
            self._stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self._stack[-1].children.append(_Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag):
        for depth in range(len(self._stack) - 1, 0, -1):
            if self._stack[depth].tag == tag:
                del self._stack[depth:]
                return

    def handle_data(self, data):
        self._stack[-1].children.append(_Text(data))


def _parse(html: str) -> _Node:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def _plain(node: _Node | None) -> str:
    if node is None:
        return ""
    return " ".join("".join(t.value for t in _texts(node)).split())


def _texts(node: _Node):
    for child in node.children:
        if isinstance(child, _Text):
            yield child
        elif child.tag not in SKIPPED_TAGS:
            yield from _texts(child)


def _is_block(node: _Node) -> bool:
    return node.tag in BLOCK_TAGS or not BLOCK_CLASSES.isdisjoint(node.classes)


def _normalise_space(root: _Node) -> None:
    """Collapses white space as a browser does: runs of it become one space, none at the start or end of a
    line of inline content, and none between blocks. <pre> keeps its own."""
    last: list[_Text | None] = [None]

    def end_line():
        if last[0] is not None:
            last[0].value = last[0].value.rstrip(" ")
        last[0] = None

    def walk(node: _Node):
        for child in node.children:
            if isinstance(child, _Text):
                text = _SPACE.sub(" ", child.value)
                if last[0] is None or last[0].value.endswith(" "):
                    text = text.lstrip(" ")
                child.value = text
                if text:
                    last[0] = child
            elif child.tag == "pre":
                end_line()
            elif child.tag not in SKIPPED_TAGS:
                block = _is_block(child)
                if block:
                    end_line()
                walk(child)
                if block:
                    end_line()

    walk(root)
    end_line()


# ---------------------------------------------------------------- the tree as Typst


def _literal(text: str) -> str:
    """A Typst string literal: its content is text, whatever characters it holds."""
    return '"' + text.translate(_LITERAL) + '"'


class _Writer:
    """Writes Typst markup made only of `#` calls and string literals, so nothing between them is parsed."""

    def __init__(self, ids: set[str]) -> None:
        self.ids = ids
        self.inputs: dict[str, str] = {}
        self._image_keys: dict[str, str | None] = {}
        self._after_annex = False
        # A list without a class of its own takes its style from the group it is in (a stance, a side).
        self._list_style = ""

    def blocks(self, nodes: list[_Node | _Text]) -> str:
        """The top level: one line per block; consecutive charts form rows."""
        lines, charts = [], []
        for node in nodes:
            if isinstance(node, _Text) and not node.value:
                continue
            if isinstance(node, _Node) and self._is_chart(node):
                charts.append(node)
                continue
            if charts:
                lines.append(self._charts(charts))
                charts = []
            code = self.node(node)
            if code:
                lines.append(code)
            if isinstance(node, _Node) and node.attrs.get("id") == "sec-annex":
                self._after_annex = True
        if charts:
            lines.append(self._charts(charts))
        return "\n".join(lines) + "\n"

    def content(self, nodes: list[_Node | _Text]) -> str:
        return "[" + "".join(self.node(n) for n in nodes) + "]"

    def node(self, node: _Node | _Text) -> str:
        if isinstance(node, _Text):
            return "#" + _literal(node.value) if node.value else ""
        if node.tag in SKIPPED_TAGS:
            return ""
        classes = node.classes
        for cls in classes:
            handler = self._CLASS_HANDLERS.get(cls)
            if handler:
                return handler(self, node, cls)
            if cls in VARIANT_CLASSES:
                variant = next((c[len(VARIANT_CLASSES[cls]):] for c in classes
                                if c.startswith(VARIANT_CLASSES[cls])), "")
                outer, self._list_style = self._list_style, cls
                body = self.content(node.children)
                self._list_style = outer
                return f"#{cls}({_literal(variant)}, {body})"
            if cls in CLASS_FUNCTIONS:
                return f"#{cls}({self.content(node.children)})"
        handler = self._TAG_HANDLERS.get(node.tag)
        if handler:
            return handler(self, node)
        if node.tag in TAG_FUNCTIONS:
            return f"#{TAG_FUNCTIONS[node.tag]}({self.content(node.children)})"
        if node.tag in BLOCK_TAGS:
            return f"#pb-div({self.content(node.children)})"
        # Anything else (span, abbr, ...) is its content.
        return "".join(self.node(n) for n in node.children)

    # -- structures

    def _section(self, node: _Node, cls: str) -> str:
        key = node.attrs.get("id", "").removeprefix("sec-")
        return f"#pb-section({_literal(key)}, {self.content(node.children)})"

    def _list(self, node: _Node) -> str:
        style = next((c for c in node.classes if c.startswith("pb-")), self._list_style)
        items = [self._item(li) for li in node.elements if li.tag == "li"]
        numbered = ", numbered: true" if node.tag == "ol" else ""
        return f"#pb-list({_literal(style)}{numbered}, {', '.join(items)})" if items else ""

    def _item(self, li: _Node) -> str:
        cls = next((c for c in li.classes if c in CLASS_FUNCTIONS), None)
        return f"[#{cls}({self.content(li.children)})]" if cls else self.content(li.children)

    def _meta(self, node: _Node, cls: str = "pb-meta") -> str:
        items = []
        for item in node.elements:
            term = item.child(lambda n: n.tag == "dt")
            value = item.child(lambda n: n.tag == "dd")
            if term is not None and value is not None:
                items.append(f"[#pb-meta-item({self.content(term.children)}, {self.content(value.children)})]")
        return f"#pb-meta({', '.join(items)})" if items else ""

    def _columns(self, node: _Node, cls: str) -> str:
        """pb-stances, pb-sides and pb-cited: each child one argument, for the template to set side by side."""
        cells = ", ".join("[" + self.node(child) + "]" for child in node.elements)
        return f"#{cls}({cells})" if cells else ""

    def _table(self, node: _Node, cls: str = "pb-table") -> str:
        cls = next((c for c in node.classes if c.startswith("pb-") and c != "pb-table"), "")
        rows = [tr for tr in node.iter() if tr.tag == "tr"]
        if not rows:
            return ""
        header_row = rows[0] if rows[0].child(lambda n: n.tag == "th") else None
        body_rows = rows[1:] if header_row else rows
        width = max(len(r.elements) for r in rows)

        def cells(row: _Node) -> str:
            values = [self.content(c.children) for c in row.elements if c.tag in ("td", "th")]
            values += ["[]"] * (width - len(values))
            return "(" + ", ".join(values) + ",)"

        header = cells(header_row) if header_row else "(" + "[], " * width + ")"
        body = "".join(", " + cells(r) for r in body_rows)
        return f"#pb-table({_literal(cls)}, {header}{body})"

    def _frames(self, node: _Node, cls: str) -> str:
        frames = []
        for frame in node.elements:
            key = next((c.removeprefix("pb-frame-") for c in frame.classes
                        if c.startswith("pb-frame-")), "")
            label = frame.find(lambda n: "pb-frame-label" in n.classes)
            fill = frame.find(lambda n: "pb-frame-fill" in n.classes)
            count = frame.find(lambda n: "pb-frame-count" in n.classes)
            width = _WIDTH.search(fill.attrs.get("style", "")) if fill else None
            share = min(100.0, float(width.group(1))) if width else 0.0
            frames.append(f"pb-frame({_literal(key)}, {self.content(label.children if label else [])}, {share:g}, "
                          f"{self.content(count.children if count else [])})")
        return f"#pb-frames({', '.join(frames)})" if frames else ""

    def _cite(self, node: _Node, cls: str) -> str:
        href = node.attrs.get("href", "") if node.tag == "a" else ""
        # A link to a sentence the page does not hold would stop the compiler; it shows unlinked instead.
        target = href[1:] if href.startswith("#") and href[1:] in self.ids else None
        missing = ", missing: true" if "pb-cite-missing" in node.classes else ""
        return f"#pb-cite({_literal(target) if target else 'none'}{missing}, {self.content(node.children)})"

    def _source(self, node: _Node, cls: str) -> str:
        anchor = node.attrs.get("id")
        if not anchor:
            return f"#pb-p({self.content(node.children)})"
        return f"#pb-source({_literal(anchor)}, {self.content(node.children)})"

    def _link(self, node: _Node) -> str:
        href = node.attrs.get("href", "")
        if href.startswith("#") and href[1:] in self.ids:
            return f"#link(label({_literal(href[1:])}), {self.content(node.children)})"
        if re.match(r"(?i)(https?|mailto):", href):
            return f"#pb-link({_literal(href)}, {self.content(node.children)})"
        return "".join(self.node(n) for n in node.children)

    def _pre(self, node: _Node, cls: str = "pb-text") -> str:
        lines = "".join(t.value for t in _texts(node)).strip("\n").split("\n")
        return f"#pb-pre({', '.join(_literal(line) for line in lines)})"

    # -- images

    def _is_chart(self, node: _Node) -> bool:
        return (node.tag == "figure" and "pb-chart" in node.classes) or (node.tag == "img" and self._image(node))

    def _charts(self, nodes: list[_Node]) -> str:
        figures = []
        for node in nodes:
            img = node if node.tag == "img" else node.find(lambda n: n.tag == "img")
            key = self._image(img) if img is not None else None
            if key is None:
                continue
            caption = node.child(lambda n: n.tag == "figcaption")
            alt = img.attrs.get("alt") or _plain(caption) or "Figure"
            figures.append(f"pb-figure.with({_literal(key)}, {_literal(alt)}, "
                           f"{self.content(caption.children) if caption else '[]'})")
        if not figures:
            return ""
        wide = "true" if self._after_annex or any(n.tag == "img" for n in nodes) else "false"
        return f"#pb-charts(wide: {wide}, {', '.join(figures)})"

    def _image(self, img: _Node) -> str | None:
        """The sys.inputs key of an image given as a data: URL (the only kind a brief holds), else None."""
        src = img.attrs.get("src", "")
        if src not in self._image_keys:
            self._image_keys[src] = self._add_image(src)
        return self._image_keys[src]

    def _add_image(self, src: str) -> str | None:
        match = re.match(r"data:([\w/+.-]+);base64,", src, flags=re.I)
        if not match or match.group(1).lower() not in IMAGE_TYPES:
            return None
        try:
            data = base64.b64decode(src[match.end():])
        except (binascii.Error, ValueError):
            return None
        number = len(self.inputs) + 1
        # sys.inputs holds strings. An SVG is text and travels as itself; other bytes travel as a JSON array of
        # numbers, which Typst turns back into bytes, and which for a map's SVG took longer than its layout.
        if match.group(1).lower() == "image/svg+xml":
            with contextlib.suppress(UnicodeDecodeError):
                self.inputs[f"svg-{number}"] = data.decode("utf-8")
                return f"svg-{number}"
        self.inputs[f"image-{number}"] = json.dumps(list(data), separators=(",", ":"))
        return f"image-{number}"

    _CLASS_HANDLERS = {
        "pb-section": _section,
        "pb-meta": _meta,
        "pb-stances": _columns,
        "pb-sides": _columns,
        "pb-cited": _columns,
        "pb-table": _table,
        "pb-frames": _frames,
        "pb-cite": _cite,
        "pb-source": _source,
        "pb-text": _pre,
    }
    _TAG_HANDLERS = {
        "ul": _list,
        "ol": _list,
        "dl": _meta,
        "table": _table,
        "a": _link,
        "pre": _pre,
        "br": lambda self, node: "#pb-br()",
        "img": lambda self, node: self._charts([node]),
        "figure": lambda self, node: self._charts([node]) if self._is_chart(node) else
        f"#pb-div({self.content(node.children)})",
    }
