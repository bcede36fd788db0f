using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Clinic.Data.Auth;

/// <summary>
/// Passwords in ASP.NET Core's PasswordHasher format (PBKDF2), so existing accounts keep working.
/// New passwords are hashed here and sent to the database; a password being checked is never
/// compared here: the database hands out only the salt and parameters, this derives the key, and
/// the database compares it with the stored one. Plain passwords are never stored or logged.
/// </summary>
public sealed class ClinicPasswordHasher
{
    private static readonly PasswordHasher<string> Hasher = new();

    public string Hash(string password) => Hasher.HashPassword("", password);

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
