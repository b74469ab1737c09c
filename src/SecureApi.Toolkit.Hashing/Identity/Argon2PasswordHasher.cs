using System.Buffers.Binary;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using IdentityPasswordHasherOptions = Microsoft.AspNetCore.Identity.PasswordHasherOptions;

namespace SecureApi.Toolkit.Hashing.Identity;

/// <summary>
/// An ASP.NET Core Identity <see cref="IPasswordHasher{TUser}"/> that writes Argon2id PHC strings through
/// <see cref="ICredentialHasher"/>, verifies them, and also verifies Identity's own V2 (PBKDF2-SHA1) and V3
/// (PBKDF2-SHA256/512) hashes, answering <see cref="PasswordVerificationResult.SuccessRehashNeeded"/> for those so
/// Identity stores an Argon2id hash on the next successful login. Register it with
/// <c>api.AddArgon2PasswordHasher&lt;TUser&gt;()</c>.
/// </summary>
/// <remarks>
/// Identity's interface is synchronous, so this adapter waits for the asynchronous hasher. When the memory budget
/// refuses the work it throws <see cref="HashingOverloadedException"/> rather than reporting a failed password.
/// </remarks>
/// <typeparam name="TUser">The Identity user type.</typeparam>
public sealed class Argon2PasswordHasher<TUser> : IPasswordHasher<TUser>
    where TUser : class
{
    private const byte FormatV2 = 0x00;
    private const byte FormatV3 = 0x01;
    private const int V2Length = 1 + 16 + 32;
    private const int V3HeaderLength = 13;

    private readonly ICredentialHasher _hasher;
    private readonly Argon2VerifyPolicy _policy;

    // Identity's own implementation verifies the legacy formats; V3 compatibility mode reads V2 and V3.
    private readonly PasswordHasher<TUser> _legacy = new(Options.Create(new IdentityPasswordHasherOptions { CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3 }));

    /// <summary>Initializes a new instance of the <see cref="Argon2PasswordHasher{TUser}"/> class.</summary>
    /// <param name="hasher">The Argon2id hasher.</param>
    /// <param name="options">The hashing options (for the legacy iteration ceiling).</param>
    public Argon2PasswordHasher(ICredentialHasher hasher, IOptions<Argon2HashingOptions> options)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        ArgumentNullException.ThrowIfNull(options);
        _hasher = hasher;
        _policy = options.Value.VerifyPolicy;
    }

    /// <inheritdoc />
    public string HashPassword(TUser user, string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        return _hasher.HashAsync(password).AsTask().GetAwaiter().GetResult();
    }

    /// <inheritdoc />
    public PasswordVerificationResult VerifyHashedPassword(TUser user, string hashedPassword, string providedPassword)
    {
        ArgumentNullException.ThrowIfNull(hashedPassword);
        ArgumentNullException.ThrowIfNull(providedPassword);
        if (providedPassword.Length == 0)
        {
            return PasswordVerificationResult.Failed;
        }

        if (hashedPassword.StartsWith('$'))
        {
            var result = _hasher.VerifyAsync(providedPassword, hashedPassword).AsTask().GetAwaiter().GetResult();
            return result.Status switch
            {
                CredentialVerificationStatus.Success => PasswordVerificationResult.Success,
                CredentialVerificationStatus.SuccessRehashNeeded => PasswordVerificationResult.SuccessRehashNeeded,
                CredentialVerificationStatus.Overloaded => throw new HashingOverloadedException(result.Reason),
                _ => PasswordVerificationResult.Failed,
            };
        }

        return VerifyLegacy(user, hashedPassword, providedPassword);
    }

    private PasswordVerificationResult VerifyLegacy(TUser user, string hashedPassword, string providedPassword)
    {
        var bytes = new byte[(hashedPassword.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64String(hashedPassword, bytes, out var length) || length == 0)
        {
            return PasswordVerificationResult.Failed;
        }

        var decoded = bytes.AsSpan(0, length);
        switch (decoded[0])
        {
            case FormatV2 when length == V2Length:
                break;
            case FormatV3 when length >= V3HeaderLength:
                // A stored V3 hash names its own PBKDF2 iteration count; refuse a hostile one before running it.
                var iterations = BinaryPrimitives.ReadUInt32BigEndian(decoded.Slice(5, 4));
                if (iterations == 0 || iterations > (uint)_policy.MaxLegacyIterations)
                {
                    return PasswordVerificationResult.Failed;
                }

                break;
            default:
                return PasswordVerificationResult.Failed;
        }

        return _legacy.VerifyHashedPassword(user, hashedPassword, providedPassword) == PasswordVerificationResult.Failed
            ? PasswordVerificationResult.Failed
            : PasswordVerificationResult.SuccessRehashNeeded;
    }
}
