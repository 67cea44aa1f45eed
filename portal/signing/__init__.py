"""Digital signatures (ký số, Nghị định 30/2020 Art. 5, 13–18, 21, 32): certificates and keys of people and
bodies, the demo PKI, PAdES signing and verification of PDFs. Sits above the organisation and below the apps
that sign their documents (directives, reporting)."""
