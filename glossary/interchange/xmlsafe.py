"""Parsing untrusted XML with defusedxml, keeping the line each element starts on."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import DefusedXMLParser

from ..errors import BadInput


class _LineTarget:
    """A tree builder that remembers the line each element starts on (for error messages)."""

    def __init__(self) -> None:
        self.builder = ET.TreeBuilder()
        self.lines: dict[ET.Element, int] = {}
        self.parser: DefusedXMLParser | None = None

    def start(self, tag, attrs):
        element = self.builder.start(tag, attrs)
        self.lines[element] = self.parser.parser.CurrentLineNumber
        return element

    def end(self, tag):
        return self.builder.end(tag)

    def data(self, text):
        self.builder.data(text)

    def close(self):
        return self.builder.close()


def parse_xml(data: bytes, name: str) -> tuple[ET.Element, dict[ET.Element, int]]:
    """Parse XML bytes, refusing entity declarations and external references.

    Returns:
        The root element and the start line of every element.

    Raises:
        BadInput: Not well-formed (with line and column), or entities/external references present
            (billion laughs, XXE).
    """
    target = _LineTarget()
    parser = DefusedXMLParser(target=target, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    target.parser = parser
    try:
        parser.feed(data)
        root = parser.close()
    except ET.ParseError as exc:
        line, column = getattr(exc, "position", (0, 0))
        reason = str(exc).split(":")[0]
        raise BadInput(f"{name}, line {line}, column {column + 1}: not well-formed XML ({reason})") from None
    except EntitiesForbidden as exc:
        raise BadInput(f"{name}: XML entity declarations are refused (entity {exc.name!r})") from None
    except (ExternalReferenceForbidden, DTDForbidden) as exc:
        raise BadInput(f"{name}: XML external references are refused ({exc.__class__.__name__})") from None
    return root, target.lines


def local(tag: str) -> str:
    """An element's name without its namespace."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""
