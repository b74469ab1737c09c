using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;

namespace SecureApi.Toolkit.HttpSignatures;

/// <summary>
/// Appends the signing handler after every configured handler of the clients that asked for signing. A filter wraps
/// the whole handler configuration, so the signer is innermost whatever the order of <c>AddHttpMessageHandler</c> or
/// resilience calls: it signs what is actually sent, once per attempt.
/// </summary>
internal sealed class HttpMessageSigningFilter(
    IEnumerable<HttpMessageSigningRegistration> registrations,
    IOptionsMonitor<HttpMessageSigningOptions> options,
    HttpSignatureAlgorithmRegistry algorithms,
    TimeProvider time) : IHttpMessageHandlerBuilderFilter
{
    private readonly HashSet<string> _names = [.. registrations.Select(r => r.ClientName)];

    public Action<HttpMessageHandlerBuilder> Configure(Action<HttpMessageHandlerBuilder> next) => builder =>
    {
        next(builder);
        if (builder.Name is not null && _names.Contains(builder.Name))
        {
            builder.AdditionalHandlers.Add(new HttpMessageSigningHandler(options.Get(builder.Name), algorithms, time));
        }
    };
}
