using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SecureApi.Toolkit;
using SecureApi.Toolkit.Hashing;
using SecureApi.Toolkit.Hashing.Identity;
using SecureApi.Toolkit.Hashing.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers SecureApi.Toolkit.Hashing.</summary>
public static class HashingSecureApiBuilderExtensions
{
    /// <summary>
    /// Registers <see cref="ICredentialHasher"/> (Argon2id, PHC strings, verify policy, pepper, memory budget).
    /// Options are validated at start-up. Safe to call more than once; every <paramref name="configure"/> runs.
    /// </summary>
    /// <param name="api">The SecureApi builder.</param>
    /// <param name="configure">Configures <see cref="Argon2HashingOptions"/>.</param>
    /// <returns>The builder, for chaining.</returns>
    public static SecureApiBuilder AddArgon2Hashing(this SecureApiBuilder api, Action<Argon2HashingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(api);
        var options = api.Services.AddOptions<Argon2HashingOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        api.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<Argon2HashingOptions>, Argon2HashingOptionsValidator>());
        api.Services.AddMetrics();
        api.Services.TryAddSingleton<HashingMetrics>();
        api.Services.TryAddSingleton<ICredentialHasher, Argon2CredentialHasher>();
        return api;
    }

    /// <summary>
    /// Makes ASP.NET Core Identity store Argon2id hashes for <typeparamref name="TUser"/>: registers
    /// <see cref="Argon2PasswordHasher{TUser}"/> as <see cref="IPasswordHasher{TUser}"/> (replacing Identity's), which
    /// also verifies existing Identity V2/V3 hashes and answers <see cref="PasswordVerificationResult.SuccessRehashNeeded"/>
    /// for them so users migrate on their next login. Calls <see cref="AddArgon2Hashing"/>.
    /// </summary>
    /// <typeparam name="TUser">The Identity user type.</typeparam>
    /// <param name="api">The SecureApi builder.</param>
    /// <param name="configure">Configures <see cref="Argon2HashingOptions"/>.</param>
    /// <returns>The builder, for chaining.</returns>
    public static SecureApiBuilder AddArgon2PasswordHasher<TUser>(this SecureApiBuilder api, Action<Argon2HashingOptions>? configure = null)
        where TUser : class
    {
        api.AddArgon2Hashing(configure);
        api.Services.Replace(ServiceDescriptor.Scoped<IPasswordHasher<TUser>, Argon2PasswordHasher<TUser>>());
        return api;
    }
}
