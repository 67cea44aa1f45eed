"""Compliance dashboards (SPEC.md capability 7): who received, who implemented and who reported across a
leader's subtree, with drill-down, trends, the emulation score, chasing and exports.

- access    — which unit, document and requirement a user may open a dashboard of (404 otherwise)
- family    — the cascade of a document and of a requirement (one recursive query each)
- selectors — the figures, set-based: one aggregate per table, grouped by the child subtree
- scoring   — the annual emulation score (thi đua), weights in settings
- charts    — server-rendered SVG, the same on the page and in the PDF
- tables    — a view's figures as plain tables (the Excel sheets and the PDF body)
- exports   — Excel (openpyxl) and PDF (WeasyPrint)
- actions   — reminders and the chase letter sent from the dashboard
"""
