"""edXML packets (being written)."""
