"""Pure helpers on the ground floor: they import Django and the standard library, never an app."""
