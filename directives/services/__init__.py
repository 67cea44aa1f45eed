"""Writes to documents, by sub-domain:

- compose.py   drafts: create, save (autosave), attachments, citations of external documents
- signing.py   submit, return, issue in one step (number + deliveries + obligations + PDF), revoke
- digital.py   sign → seal: the two digital signatures, then signing.py's numbering and dispatch
- receipt.py   a recipient opens and acknowledges what it received
- cascade.py   a recipient derives its implementing document, or forwards with a công văn
"""
