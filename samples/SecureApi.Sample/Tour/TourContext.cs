using System.Net.Http.Json;

namespace SecureApi.Sample.Tour;

/// <summary>
/// What a scenario works with: an <see cref="HttpClient"/> bound to the running sample, its configuration and
/// services, and a record of every request it sends (printed as "sent").
/// </summary>
internal sealed class TourContext
{
    private readonly List<string> _sent = [];

    public TourContext(HttpClient http, IConfiguration configuration, IServiceProvider services)
    {
        Http = http;
        Configuration = configuration;
        Services = services;
    }

    /// <summary>Gets the client for the running sample; its base address is the sample's loopback URL.</summary>
    public HttpClient Http { get; }

    /// <summary>Gets the sample's loopback URL, for example <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress => Http.BaseAddress!;

    /// <summary>Gets the sample's configuration, so a scenario can expect what is configured (for example Redis).</summary>
    public IConfiguration Configuration { get; }

    /// <summary>Gets the sample's services.</summary>
    public IServiceProvider Services { get; }

    /// <summary>Gets the requests sent by the current scenario, in order.</summary>
    public IReadOnlyList<string> Sent => _sent;

    public Task<TourResponse> GetAsync(string path) => SendAsync(new HttpRequestMessage(HttpMethod.Get, path));

    public Task<TourResponse> PostJsonAsync<T>(string path, T body) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) }, System.Text.Json.JsonSerializer.Serialize(body, System.Text.Json.JsonSerializerOptions.Web));

    /// <summary>Sends <paramref name="request"/>, records it, and reads the whole response.</summary>
    /// <param name="request">The request, with a path relative to the sample; disposed here.</param>
    /// <param name="bodyDescription">How to print the request body (or notable headers), if anything.</param>
    /// <param name="client">
    /// A client of the scenario's own (for example one with a signing handler) whose <see cref="HttpClient.BaseAddress"/>
    /// is <see cref="BaseAddress"/>; the default is <see cref="Http"/>.
    /// </param>
    public async Task<TourResponse> SendAsync(HttpRequestMessage request, string? bodyDescription = null, HttpClient? client = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        using (request)
        {
            _sent.Add($"{request.Method} {request.RequestUri}{(bodyDescription is null ? string.Empty : " " + bodyDescription)}");
            using var response = await (client ?? Http).SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            return new TourResponse((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body, response.Headers, response.Content.Headers);
        }
    }

    internal void BeginScenario() => _sent.Clear();
}
