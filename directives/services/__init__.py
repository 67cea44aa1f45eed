"""Writes to documents, by sub-domain:

- compose.py   drafts: create, save (autosave), attachments, citations of external documents
- signing.py   submit, return, sign → seal (the two digital signatures, then dispatch), issue in one step
               (number + deliveries + obligations + PDF), revoke
- receipt.py   a recipient opens and acknowledges what it received
- cascade.py   a recipient derives its implementing document, or forwards with a công văn
"""
