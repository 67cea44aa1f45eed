"""Word (.docx) both ways (issue 17 item 6): every document and report downloads as an editable .docx in its official
format (export.py, from the same OfficialLayout the PDF renders), and an edited draft's .docx uploads back into the
editor (reader.py reads its structure, services.py replaces the draft's text). The footnotes part python-docx has no
API for is written and read in footnotes.py."""
