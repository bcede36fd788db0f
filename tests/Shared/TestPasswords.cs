using Clinic.Data.Auth;

namespace Clinic.Tests.Shared;

/// <summary>
/// The password hasher of the tests: real PasswordHasher V3 hashes, at the 10,000 PBKDF2 iterations the database accepts
/// as the least (password_hash_parse), instead of the app's 100,000. At the default, hashing the test accounts' passwords
/// was about a fifth of the test hosts' CPU time (perf, 2026-12-05).
/// </summary>
public static class TestPasswords
{
    public const int Iterations = 10_000;

    public static ClinicPasswordHasher Hasher { get; } = new(Iterations);
}
