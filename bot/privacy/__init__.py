"""Privacy: pseudonymous ids and removal of personal data from text."""
