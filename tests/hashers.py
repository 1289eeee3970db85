"""A quick password hasher for the suite, whose hashes any server of the project can still check."""

from django.contrib.auth.hashers import PBKDF2PasswordHasher


class QuickPBKDF2PasswordHasher(PBKDF2PasswordHasher):
    """Django's PBKDF2 with few iterations: a test user costs microseconds, not a second of CPU.

    Same algorithm name, and a hash records its iterations, so the app servers the suite starts
    (with the default hashers) verify these passwords too.
    """

    iterations = 1_000
