"""edition: archival transcriptions to a validated TEI P5 scholarly edition."""

__version__ = "0.1.0"
