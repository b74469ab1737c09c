using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace SecureApi.Toolkit.Tokens;

/// <summary>
/// An external OpenID Connect authority whose access tokens the scheme also accepts. Its keys come from the
/// authority's metadata (configured here by the app, never from a token's <c>jku</c>/<c>x5u</c> header) or are given
/// directly. A token claiming this issuer is checked only against this authority's keys.
/// </summary>
public sealed class ExternalTokenAuthority
{
    /// <summary>Gets or sets the exact <c>iss</c> value of the authority's tokens.</summary>
    /// <value>The default is <see langword="null"/>; it must be set.</value>
    public string? Issuer { get; set; }

    /// <summary>Gets or sets the audience the authority's tokens must carry for this API.</summary>
    /// <value>The default is <see langword="null"/>: the <see cref="AccessTokenOptions.Audience"/> applies.</value>
    public string? Audience { get; set; }

    /// <summary>
    /// Gets or sets the HTTPS address of the authority's OpenID Connect discovery document, for example
    /// <c>https://login.example.com/.well-known/openid-configuration</c>. Its <c>jwks_uri</c> is fetched and
    /// refreshed periodically.
    /// </summary>
    /// <value>The default is <see langword="null"/>.</value>
    public string? MetadataAddress { get; set; }

    /// <summary>
    /// Gets or sets a configuration manager that supplies the authority's keys, for example with a custom
    /// backchannel. When set it is used instead of <see cref="MetadataAddress"/>.
    /// </summary>
    /// <value>The default is <see langword="null"/>.</value>
    public IConfigurationManager<OpenIdConnectConfiguration>? ConfigurationManager { get; set; }

    /// <summary>Gets fixed keys of the authority, for an authority without discovery. Each needs a key id.</summary>
    /// <value>The default is empty.</value>
    public IList<SecurityKey> SigningKeys { get; } = [];

    /// <summary>
    /// Gets the <c>typ</c> header values accepted from this authority. Authorities that follow RFC 9068 send
    /// <c>at+jwt</c>; widen this only for one that sends <c>JWT</c>.
    /// </summary>
    /// <value>The default is <c>at+jwt</c> and <c>application/at+jwt</c>.</value>
    public IList<string> ValidTypes { get; } = [AccessTokenDefaults.TokenType, "application/" + AccessTokenDefaults.TokenType];
}
