// Hashing cost is lowered in tests: it changes how long a hash takes, never which keys match.
process.env.ARGON2_MEMORY_KIB ??= '256';
process.env.ARGON2_ITERATIONS ??= '1';
process.env.ARGON2_ALLOW_WEAK_FOR_TESTS = '1';
