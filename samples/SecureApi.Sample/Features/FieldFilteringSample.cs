using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using SecureApi.Sample.Data;
using SecureApi.Toolkit;
using SecureApi.Toolkit.Callers;
using SecureApi.Toolkit.FieldFiltering;

namespace SecureApi.Sample.Features;

/// <summary>
/// Field filtering (OWASP API3:2023): the sample's customers and orders are records the API "does not own", so
/// their sensitive members are declared in options rather than with attributes. Anonymous callers and callers
/// without the permissions get masked or removed fields; a request body may not set staff-only fields; and
/// <c>?fields=</c> can only narrow a response.
/// </summary>
internal static class FieldFilteringSample
{
    public const string PiiRead = "customers.pii.read";
    public const string PaymentsRead = "payments.read";
    public const string FinanceRead = "customers.finance.read";
    public const string NotesRead = "customers.notes.read";
    public const string NotesWrite = "customers.notes.write";

    public static void AddFieldFiltering(SecureApiBuilder api)
    {
        api.AddFieldFiltering(o =>
        {
            o.ForbiddenWrites = ForbiddenWriteHandling.Reject;
            o.EnableFieldSelection = true;
            o.Classify<Customer>(c => c.Email, new FieldPermissionAttribute(PiiRead) { Action = FieldAction.Mask, Mask = FieldMask.Email })
                .Classify<Customer>(c => c.CardNumber, new FieldPermissionAttribute(PaymentsRead) { Action = FieldAction.Mask, Mask = FieldMask.KeepLast, KeepLast = 4 })
                .Classify<Customer>(c => c.CreditLimit, new FieldPermissionAttribute(FinanceRead))
                .Classify<Customer>(c => c.InternalNotes, new FieldPermissionAttribute(NotesRead))
                .Classify<Order>(c => c.InternalNotes, new FieldPermissionAttribute(NotesRead))
                .Classify<NewCustomer>(c => c.InternalNotes, new FieldPermissionAttribute(NotesWrite))
                .Classify<NewOrder>(c => c.InternalNotes, new FieldPermissionAttribute(NotesWrite));
        });

        DemoCallers.Add(api);
    }

    /// <summary>
    /// DEMO ONLY — stands in for SecureApi.Toolkit.Tokens until that package lands, so the tour can call the API as
    /// a caller with permissions. A demo credential is an HMAC over the caller and its permissions, made with a key
    /// drawn at random when the process starts and never exported: only code running inside this process (the
    /// tour, through <see cref="DemoCallers.Issue"/>) can mint one, so nobody can sign in with it from outside,
    /// whatever the environment. Delete this class when the Tokens package provides real credentials.
    /// </summary>
    internal sealed class DemoCallers
    {
        public const string SchemeName = "FieldFilteringDemo";
        private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

        public static void Add(SecureApiBuilder api)
        {
            api.Services.AddSingleton<DemoCallers>();
            api.Services.AddAuthentication(o => o.DefaultScheme ??= SchemeName).AddScheme<AuthenticationSchemeOptions, Handler>(SchemeName, null);
            api.Services.AddAuthorization();
        }

        /// <summary>Mints the <c>Authorization</c> header value for <paramref name="subject"/> holding <paramref name="permissions"/>.</summary>
        public string Issue(string subject, params string[] permissions)
        {
            var payload = Encoding.UTF8.GetBytes(subject + "|" + string.Join(' ', permissions));
            return SchemeName + " " + Convert.ToBase64String(payload) + "." + Convert.ToBase64String(HMACSHA256.HashData(_key, payload));
        }

        private bool TryRead(string credential, out string subject, out string permissions)
        {
            subject = permissions = string.Empty;
            var parts = credential.Split('.');
            if (parts.Length != 2)
            {
                return false;
            }

            try
            {
                var payload = Convert.FromBase64String(parts[0]);
                var mac = Convert.FromBase64String(parts[1]);
                if (!CryptographicOperations.FixedTimeEquals(mac, HMACSHA256.HashData(_key, payload)))
                {
                    return false;
                }

                var text = Encoding.UTF8.GetString(payload).Split('|', 2);
                (subject, permissions) = (text[0], text.Length > 1 ? text[1] : string.Empty);
                return subject.Length > 0;
            }
            catch (FormatException)
            {
                return false;
            }
        }

        private sealed class Handler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, DemoCallers callers)
            : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
        {
            protected override Task<AuthenticateResult> HandleAuthenticateAsync()
            {
                var header = Request.Headers.Authorization.ToString();
                if (!header.StartsWith(SchemeName + " ", StringComparison.Ordinal))
                {
                    return Task.FromResult(AuthenticateResult.NoResult());
                }

                if (!callers.TryRead(header[(SchemeName.Length + 1)..], out var subject, out var permissions))
                {
                    return Task.FromResult(AuthenticateResult.Fail("invalid demo credential"));
                }

                var identity = new ClaimsIdentity(
                    [new Claim(ApiCallerClaimTypes.Subject, subject), new Claim("scope", permissions)],
                    SchemeName);
                return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
            }
        }
    }
}
