"""Exchange with other systems through the national document hub: edXML packets (QCVN 102:2016/BTTTT) and their
status packets (issue 18)."""
