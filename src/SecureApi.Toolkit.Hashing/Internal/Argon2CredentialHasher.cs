using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SecureApi.Toolkit.Hashing.Admission;
using SecureApi.Toolkit.Hashing.Engines;
using SecureApi.Toolkit.Hashing.Phc;
using SecureApi.Toolkit.Signals;

namespace SecureApi.Toolkit.Hashing.Internal;

/// <summary>
/// The <see cref="ICredentialHasher"/>: parse strictly, apply the verify policy, resolve the pepper and check the
/// engine's limits — all before admission — then take m KiB and a run slot from the memory budget and compute off
/// the caller's thread.
/// </summary>
internal sealed partial class Argon2CredentialHasher : ICredentialHasher
{
    private const string HashOperation = "hash";
    private const string VerifyOperation = "verify";

    private readonly Argon2HashingOptions _options;
    private readonly Argon2Cost _cost;
    private readonly FrozenDictionary<string, byte[]> _peppers;
    private readonly byte[] _currentPepper;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly HashingMetrics? _metrics;
    private readonly IHttpContextAccessor? _httpContextAccessor;

    public Argon2CredentialHasher(
        IOptions<Argon2HashingOptions> options,
        TimeProvider timeProvider,
        ILogger<Argon2CredentialHasher> logger,
        HashingMetrics metrics,
        IHttpContextAccessor? httpContextAccessor = null)
        : this(options.Value, Argon2EngineFactory.Create(options.Value.Engine), timeProvider, logger, metrics, httpContextAccessor)
    {
    }

    internal Argon2CredentialHasher(
        Argon2HashingOptions options,
        IArgon2Engine engine,
        TimeProvider? timeProvider = null,
        ILogger? logger = null,
        HashingMetrics? metrics = null,
        IHttpContextAccessor? httpContextAccessor = null)
    {
        _options = options;
        Engine = engine;
        _cost = new Argon2Cost(options.MemoryKiB, options.Iterations, options.Parallelism);
        _peppers = options.Peppers.ToFrozenDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        _currentPepper = options.CurrentPepperId is null ? [] : _peppers[options.CurrentPepperId];
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _metrics = metrics;
        _httpContextAccessor = httpContextAccessor;
        Budget = new Argon2MemoryBudget(options.MemoryBudgetKiB, options.MaxQueueLength, options.QueueTimeout, _timeProvider, metrics, options.MaxConcurrency);
    }

    internal Argon2MemoryBudget Budget { get; }

    internal IArgon2Engine Engine { get; }

    public async ValueTask<string> HashAsync(string secret, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var started = _timeProvider.GetTimestamp();
        var admission = await Budget.AcquireAsync(_cost.MemoryKiB, cancellationToken).ConfigureAwait(false);
        if (admission != AdmissionOutcome.Granted)
        {
            var reason = admission == AdmissionOutcome.QueueTimeout ? CredentialVerificationReason.QueueTimeout : CredentialVerificationReason.QueueFull;
            Log.HashRefusedOverloaded(_logger, ReasonCodes.For(reason), Budget.TotalKiB, Budget.QueueLength);
            _metrics?.Rejection(HashOperation, ReasonCodes.For(reason));
            Signal(reason);
            throw new HashingOverloadedException(reason);
        }

        try
        {
            var phc = await Task.Run(() => HashCore(secret), cancellationToken).ConfigureAwait(false);
            _metrics?.Operation(HashOperation, "success", _timeProvider.GetElapsedTime(started).TotalSeconds);
            return phc;
        }
        finally
        {
            Budget.Release(_cost.MemoryKiB, Engine.AllocatesOnManagedHeap);
        }
    }

    public async ValueTask<CredentialVerification> VerifyAsync(string secret, string phcHash, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        ArgumentNullException.ThrowIfNull(phcHash);
        var started = _timeProvider.GetTimestamp();

        var refusal = Inspect(phcHash, out var hash, out var pepper);
        if (refusal is { } refused)
        {
            return Finish(refused, started);
        }

        var admission = await Budget.AcquireAsync(hash!.MemoryKiB, cancellationToken).ConfigureAwait(false);
        if (admission != AdmissionOutcome.Granted)
        {
            var reason = admission == AdmissionOutcome.QueueTimeout ? CredentialVerificationReason.QueueTimeout : CredentialVerificationReason.QueueFull;
            Log.VerifyRefusedOverloaded(_logger, ReasonCodes.For(reason), Budget.TotalKiB, Budget.QueueLength);
            return Finish(new CredentialVerification(CredentialVerificationStatus.Overloaded, reason), started);
        }

        CredentialVerification result;
        try
        {
            result = await Task.Run(() => VerifyCore(secret, hash, pepper), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Budget.Release(hash.MemoryKiB, Engine.AllocatesOnManagedHeap);
        }

        return Finish(result, started);
    }

    /// <summary>
    /// Everything that can refuse a stored string without allocating its memory cost: the codec, the verify policy,
    /// the pepper lookup and the engine's limits.
    /// </summary>
    internal CredentialVerification? Inspect(string phcHash, out Argon2PhcHash? hash, out byte[] pepper)
    {
        pepper = [];
        var policy = _options.VerifyPolicy;
        if (!Argon2PhcCodec.TryParse(phcHash, policy.MaxSaltLength, policy.MaxHashLength, _options.AcceptNodeParameterOrder, out hash, out var error))
        {
            if (error is PhcParseError.SaltAboveLimit or PhcParseError.HashAboveLimit)
            {
                var tooLong = error == PhcParseError.SaltAboveLimit ? CredentialVerificationReason.SaltLengthAboveCeiling : CredentialVerificationReason.HashLengthAboveCeiling;
                Log.VerifyRejectedByPolicyBeforeDecoding(_logger, ReasonCodes.For(tooLong));
                return new CredentialVerification(CredentialVerificationStatus.RejectedByPolicy, tooLong);
            }

            Log.VerifyRefusedMalformed(_logger, error.ToString());
            var reason = error is PhcParseError.MissingVersion or PhcParseError.UnsupportedVersion
                ? CredentialVerificationReason.UnsupportedVersion
                : CredentialVerificationReason.MalformedHash;
            return new CredentialVerification(CredentialVerificationStatus.Malformed, reason);
        }

        CredentialVerificationReason? overCeiling =
            hash!.MemoryKiB > (uint)policy.MaxMemoryKiB ? CredentialVerificationReason.MemoryAboveCeiling
            : hash.Iterations > (uint)policy.MaxIterations ? CredentialVerificationReason.IterationsAboveCeiling
            : hash.Parallelism > (uint)policy.MaxParallelism ? CredentialVerificationReason.ParallelismAboveCeiling
            : hash.Salt.Length > policy.MaxSaltLength ? CredentialVerificationReason.SaltLengthAboveCeiling
            : hash.Hash.Length > policy.MaxHashLength ? CredentialVerificationReason.HashLengthAboveCeiling
            : null;
        if (overCeiling is { } ceiling)
        {
            Log.VerifyRejectedByPolicy(_logger, ReasonCodes.For(ceiling), hash.MemoryKiB, hash.Iterations, hash.Parallelism, hash.Salt.Length, hash.Hash.Length);
            return new CredentialVerification(CredentialVerificationStatus.RejectedByPolicy, ceiling);
        }

        if (hash.KeyId is not null && !_peppers.TryGetValue(hash.KeyId, out pepper!))
        {
            pepper = [];
            Log.VerifyUnsupported(_logger, ReasonCodes.For(CredentialVerificationReason.UnknownPepper), "keyid " + hash.KeyId);
            return new CredentialVerification(CredentialVerificationStatus.Unsupported, CredentialVerificationReason.UnknownPepper);
        }

        var limitation = Engine.GetLimitation(ToCost(hash), hash.Salt.Length, hash.Hash.Length, pepper.Length > 0);
        if (limitation is not null)
        {
            Log.VerifyUnsupported(_logger, ReasonCodes.For(CredentialVerificationReason.EngineLimitation), limitation);
            return new CredentialVerification(CredentialVerificationStatus.Unsupported, CredentialVerificationReason.EngineLimitation);
        }

        return null;
    }

    private static Argon2Cost ToCost(Argon2PhcHash hash) => new((int)hash.MemoryKiB, (int)hash.Iterations, (int)hash.Parallelism);

    private string HashCore(string secret)
    {
        var salt = RandomNumberGenerator.GetBytes(_options.SaltLength);
        var tag = new byte[_options.HashLength];
        Compute(secret, salt, _currentPepper, _cost, tag);
        return Argon2PhcCodec.Format(new Argon2PhcHash((uint)_cost.MemoryKiB, (uint)_cost.Iterations, (uint)_cost.Parallelism, _options.CurrentPepperId, salt, tag));
    }

    private CredentialVerification VerifyCore(string secret, Argon2PhcHash hash, byte[] pepper)
    {
        var computed = new byte[hash.Hash.Length];
        try
        {
            Compute(secret, hash.Salt, pepper, ToCost(hash), computed);
            if (!CryptographicOperations.FixedTimeEquals(computed, hash.Hash))
            {
                return CredentialVerification.Mismatch;
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(computed);
        }

        // The format first, like the Identity adapter's LegacyFormat: a Node.js-order string is rewritten on the
        // next login whatever else it needs, and the reason tells operators how many such strings are still stored.
        if (hash.NodeParameterOrder)
        {
            return CredentialVerification.Rehash(CredentialVerificationReason.NonCanonicalParameterOrder);
        }

        if (hash.MemoryKiB < (uint)_options.MemoryKiB || hash.Iterations < (uint)_options.Iterations
            || hash.Salt.Length < _options.SaltLength || hash.Hash.Length < _options.HashLength)
        {
            return CredentialVerification.Rehash(CredentialVerificationReason.ParametersBelowPolicy);
        }

        if (!string.Equals(hash.KeyId, _options.CurrentPepperId, StringComparison.Ordinal))
        {
            return CredentialVerification.Rehash(CredentialVerificationReason.PepperRotated);
        }

        return CredentialVerification.Success;
    }

    private void Compute(string secret, byte[] salt, byte[] pepper, Argon2Cost cost, Span<byte> tag)
    {
        var password = Encoding.UTF8.GetBytes(secret);
        try
        {
            Engine.Compute(password, salt, pepper, [], cost, tag);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(password);
        }
    }

    private CredentialVerification Finish(CredentialVerification result, long started)
    {
        var status = ReasonCodes.For(result.Status);
        switch (result.Status)
        {
            case CredentialVerificationStatus.Malformed:
            case CredentialVerificationStatus.RejectedByPolicy:
            case CredentialVerificationStatus.Unsupported:
            case CredentialVerificationStatus.Overloaded:
                _metrics?.Rejection(VerifyOperation, ReasonCodes.For(result.Reason));
                Signal(result.Reason);
                break;
            case CredentialVerificationStatus.SuccessRehashNeeded:
                Log.RehashNeeded(_logger, ReasonCodes.For(result.Reason));
                break;
        }

        _metrics?.Operation(VerifyOperation, status, _timeProvider.GetElapsedTime(started).TotalSeconds);
        return result;
    }

    private void Signal(CredentialVerificationReason reason)
    {
        if (_httpContextAccessor?.HttpContext is { } context)
        {
            context.ReportSecuritySignal(new SecuritySignal(SecuritySignalKind.HashingRejected, ReasonCodes.For(reason)));
        }
    }
}
