"""Running the XSLT 3.0 stylesheets with saxonche: compiled once per process, reused."""

from __future__ import annotations

from pathlib import Path

from saxonche import PySaxonApiError, PySaxonProcessor, PyXdmNode, PyXsltExecutable

from .errors import EditionError
from .resources import XSLT_DIR

STYLESHEETS = ("html", "print", "text")


class PublishError(EditionError):
    """A stylesheet failed (a bug, or a parameter with a value it refuses)."""


class Stylesheets:
    """The output stylesheets, compiled once, with the edition's parameters set."""

    def __init__(self, names: tuple[str, ...], params: dict[str, str], persons: bytes | None):
        self.processor = PySaxonProcessor(license=False)
        self.compiler = self.processor.new_xslt30_processor()
        self.params = params
        self.persons = self.parse(persons) if persons is not None else None
        self.executables: dict[str, PyXsltExecutable] = {}
        for name in names:
            self.executable(name)

    def executable(self, name: str) -> PyXsltExecutable:
        """xslt/NAME.xsl, compiled the first time it is asked for, with the parameters set."""
        if name not in self.executables:
            try:
                source = str(XSLT_DIR / f"{name}.xsl")
                exe = self.compiler.compile_stylesheet(stylesheet_file=source)
            except PySaxonApiError as exc:
                raise PublishError(f"xslt/{name}.xsl does not compile: {exc}") from None
            for key, value in self.params.items():
                exe.set_parameter(key, self.processor.make_string_value(value))
            if self.persons is not None:
                exe.set_parameter("persons", self.persons)
            self.executables[name] = exe
        return self.executables[name]

    def parse(self, data: bytes) -> PyXdmNode:
        """Parse once for every stylesheet (only TEI that passed validation gets here)."""
        return self.processor.parse_xml(xml_text=data.decode("utf-8"))

    def parse_file(self, path: Path) -> PyXdmNode:
        """Parse a file the build wrote itself (no copy of it held in Python)."""
        return self.processor.parse_xml(xml_file_name=str(path))

    def run(self, name: str, node: PyXdmNode, **params: str) -> str:
        """The page made from node, serialized as the stylesheet says (HTML, text)."""
        return self._run(name, node, params, lambda exe: exe.transform_to_string(xdm_node=node))

    def run_xml(self, name: str, node: PyXdmNode, **params: str) -> str:
        """What the stylesheet makes of node, serialized as XML, for the build to read."""
        return self._run(name, node, params, lambda exe: exe.transform_to_value(xdm_node=node))

    def _run(self, name: str, node: PyXdmNode, params: dict[str, str], how) -> str:
        exe = self.executable(name)
        for key, value in params.items():
            exe.set_parameter(key, self.processor.make_string_value(value))
        try:
            result = how(exe)
        except PySaxonApiError as exc:
            raise PublishError(f"xslt/{name}.xsl failed: {exc}") from None
        if result is None:
            raise PublishError(f"xslt/{name}.xsl produced nothing")
        return str(result)
