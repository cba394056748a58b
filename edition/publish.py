"""Running the XSLT 3.0 stylesheets with saxonche: compiled once per process, reused."""

from __future__ import annotations

from pathlib import Path

from saxonche import PySaxonApiError, PySaxonProcessor, PyXdmNode

from .errors import EditionError
from .resources import XSLT_DIR

STYLESHEETS = ("html", "print", "text")


class PublishError(EditionError):
    """A stylesheet failed (a bug, or a parameter with a value it refuses)."""


class Stylesheets:
    """The output stylesheets, compiled once, with the edition's parameters set."""

    def __init__(self, names: tuple[str, ...], params: dict[str, str], persons: bytes | None):
        self.processor = PySaxonProcessor(license=False)
        compiler = self.processor.new_xslt30_processor()
        self.executables = {}
        persons_node = self.parse(persons) if persons is not None else None
        for name in names:
            try:
                exe = compiler.compile_stylesheet(stylesheet_file=str(XSLT_DIR / f"{name}.xsl"))
            except PySaxonApiError as exc:
                raise PublishError(f"xslt/{name}.xsl does not compile: {exc}") from None
            for key, value in params.items():
                exe.set_parameter(key, self.processor.make_string_value(value))
            if persons_node is not None:
                exe.set_parameter("persons", persons_node)
            self.executables[name] = exe

    def parse(self, data: bytes) -> PyXdmNode:
        """Parse once for every stylesheet (only TEI that passed validation gets here)."""
        return self.processor.parse_xml(xml_text=data.decode("utf-8"))

    def parse_file(self, path: Path) -> PyXdmNode:
        """Parse a file the build wrote itself (no copy of it held in Python)."""
        return self.processor.parse_xml(xml_file_name=str(path))

    def run(self, name: str, node: PyXdmNode, **params: str) -> str:
        exe = self.executables[name]
        for key, value in params.items():
            exe.set_parameter(key, self.processor.make_string_value(value))
        try:
            result = exe.transform_to_string(xdm_node=node)
        except PySaxonApiError as exc:
            raise PublishError(f"xslt/{name}.xsl failed: {exc}") from None
        if result is None:
            raise PublishError(f"xslt/{name}.xsl produced nothing")
        return result
