"""Settings of the domain's rules (STANDARDS.md): registers, deadlines, indicators, the emulation score."""

from __future__ import annotations

from portal.env import env_int, env_str

# --- Domain settings (STANDARDS.md) ---------------------------------------------------------------
# Party registers reset per committee term, not per year (STANDARDS.md §5, unconfirmed).
REGISTER_PARTY_RESET = env_str("REGISTER_PARTY_RESET", "term")
REGISTER_PARTY_TERM = env_str("REGISTER_PARTY_TERM", "2020-2025")
# A derived plan sets its subordinates' report deadlines this many days before its own.
CASCADE_DEADLINE_LEAD_DAYS = env_int("CASCADE_DEADLINE_LEAD_DAYS", 5, minimum=0)
# Reports are due at the end of the deadline day, local time.
REPORT_DEADLINE_CUTOFF = env_str("REPORT_DEADLINE_CUTOFF", "23:59")
REPORT_DEADLINE_WORKING_DAYS = env_int("REPORT_DEADLINE_WORKING_DAYS", 1, minimum=1)
# The largest value a report indicator may hold (0 ≤ value ≤ INDICATOR_MAX): a figure beyond it is a typing
# mistake, and 1e400 or a 5,000-digit string must not reach the database, the roll-up or an export.
INDICATOR_MAX = env_int("INDICATOR_MAX", 10**12, minimum=1)

# --- Dashboards: the annual emulation score (điểm thi đua), reporting/dashboard/scoring.py ----------
# score = ON_TIME × (reports on time ÷ expected) + LATE × (reports late ÷ expected)
#         + IMPLEMENTED × (directives implemented ÷ received to carry out); maximum ON_TIME + IMPLEMENTED.
# The formula is printed on the emulation page. LATE is the partial credit of a late report (≤ ON_TIME).
EMULATION_SCORE_WEIGHTS = {
    "on_time": env_int("EMULATION_WEIGHT_ON_TIME", 60, minimum=0),
    "late": env_int("EMULATION_WEIGHT_LATE", 30, minimum=0),
    "implemented": env_int("EMULATION_WEIGHT_IMPLEMENTED", 40, minimum=0),
}
