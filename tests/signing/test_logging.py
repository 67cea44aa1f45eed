"""The signing libraries' harmless chatter is quiet (portal/settings/ LOGGING), and their other warnings are
not: the cast here is the loggers themselves."""

from __future__ import annotations

import logging

FETCHING = (
    "Validation/revocation info will be embedded, but fetching is not allowed. "
    "This may give rise to unexpected results."
)
DOCMDP = "DocMDP policy 'FILL_FORMS', was requested, but the signature field settings do not allow that."


def test_pyhankos_no_fetching_notice_is_dropped_but_its_other_warnings_pass(caplog):
    log = logging.getLogger("pyhanko.sign.signers.pdf_signer")
    with caplog.at_level(logging.WARNING):
        log.warning(FETCHING)
        log.warning(DOCMDP)
    assert [r.getMessage() for r in caplog.records] == [DOCMDP]


def test_the_font_subsetters_dropped_table_notice_is_quiet_but_its_errors_are_not(caplog):
    log = logging.getLogger("fontTools.subset")
    with caplog.at_level(logging.WARNING):
        log.warning("%s NOT subset; don't know how to subset; dropped", "FFTM")
        log.error("a real failure")
    assert [r.getMessage() for r in caplog.records] == ["a real failure"]


def test_the_validators_loggers_are_left_as_they_were():
    """Nothing of pyhanko_certvalidator or of pyHanko's validation is raised: a verification failure is
    reported by verify() in its result, and anything those loggers say is left to be seen."""
    for name in ("pyhanko_certvalidator", "pyhanko.sign.validation", "pyhanko"):
        assert logging.getLogger(name).getEffectiveLevel() <= logging.WARNING
        assert not logging.getLogger(name).filters
