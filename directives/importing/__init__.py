"""Import existing official documents: file → text (``extract``) → metadata (``parser``).

Self-contained on purpose (no Django imports), so the parser can be tested and reused without
settings — the management command ``parse_document`` and the import view are thin shells over it.
"""

from directives.importing.errors import ImportRefused
from directives.importing.extract import DEFAULT_MAX_BYTES, extract_text
from directives.importing.parser import ParsedDocument, parse_document

__all__ = ["DEFAULT_MAX_BYTES", "ImportRefused", "ParsedDocument", "extract_text", "parse_document"]
