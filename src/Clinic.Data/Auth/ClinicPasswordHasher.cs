using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Clinic.Data.Auth;

/// <summary>
/// Passwords in ASP.NET Core's PasswordHasher format (PBKDF2), so existing accounts keep working.
/// New passwords are hashed here and sent to the database; a password being checked is never
/// compared here: the database hands out only the salt and parameters, this derives the key, and
/// the database compares it with the stored one. Plain passwords are never stored or logged.
/// </summary>
/// <param name="iterations">
/// PBKDF2 iterations of new hashes: PasswordHasher's default (100,000 with HMAC-SHA512) unless given. The database refuses
/// fewer than 10,000 (password_hash_parse); the tests use that minimum, because hashing is most of their CPU time otherwise.
/// A password is checked with the iterations stored with its hash, whatever this is.
/// </param>
public sealed class ClinicPasswordHasher(int? iterations = null)
{
    private static readonly PasswordHasher<string> DefaultHasher = new();

    private readonly PasswordHasher<string> _hasher = iterations is { } n
        ? new PasswordHasher<string>(Microsoft.Extensions.Options.Options.Create(new PasswordHasherOptions { IterationCount = n }))
        : DefaultHasher;

    public string Hash(string password) => _hasher.HashPassword("", password);

    /// <summary>PBKDF2 with the PasswordHasher's PRF numbering (0 HMAC-SHA1, 1 HMAC-SHA256, 2 HMAC-SHA512).</summary>
    public byte[] DeriveKey(string password, KeyDerivationParameters parameters)
    {
        var algorithm = parameters.Prf switch
        {
            0 => HashAlgorithmName.SHA1,
            1 => HashAlgorithmName.SHA256,
            2 => HashAlgorithmName.SHA512,
            _ => throw new ArgumentOutOfRangeException(nameof(parameters), "Unknown PBKDF2 PRF."),
        };
        return Rfc2898DeriveBytes.Pbkdf2(password, parameters.Salt, parameters.Iterations, algorithm, parameters.KeyLength);
    }
}
