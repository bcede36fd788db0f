using Microsoft.AspNetCore.Identity;

namespace Clinic.Data.Auth;

/// <summary>PBKDF2 hashing with ASP.NET Core's PasswordHasher. Plain passwords are never stored or logged.</summary>
public sealed class ClinicPasswordHasher
{
    private static readonly PasswordHasher<string> Hasher = new();

    // A hash of a random password, verified when the username is unknown so that an unknown
    // username takes as long as a wrong password.
    private static readonly string DummyHash = Hasher.HashPassword("", Guid.NewGuid().ToString("N"));

    public string Hash(string password) => Hasher.HashPassword("", password);

    public bool Verify(string? hash, string password)
    {
        var result = Hasher.VerifyHashedPassword("", hash ?? DummyHash, password);
        return hash is not null && result != PasswordVerificationResult.Failed;
    }
}
