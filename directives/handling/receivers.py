"""News from the floor below (directives' signals) that this app acts on."""
