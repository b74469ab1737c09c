using System.Reflection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SecureApi.Toolkit.FieldFiltering.Rules;

namespace SecureApi.Toolkit.FieldFiltering.Diagnostics;

/// <summary>
/// Runs at start-up: compiles the declarations of every classified type (so their permission names have bit numbers
/// before the first request), logs members that bypass filtering and source-generated contexts that can serialize a
/// classified type directly, and stops the app when <see cref="FieldFilteringOptions.BypassMembersAreFatal"/> is set.
/// </summary>
internal sealed class FieldFilteringStartupCheck(FieldRuleCatalog catalog, IOptions<FieldFilteringOptions> options, ILogger<FieldFilteringStartupCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var findings = Run();
        if (findings.Count > 0 && options.Value.BypassMembersAreFatal)
        {
            throw new InvalidOperationException(
                "Field filtering found members that bypass it (FieldFilteringOptions.BypassMembersAreFatal is on): "
                + string.Join("; ", findings)
                + ". Replace them with typed properties, classify them with [FieldPermission], or mark them [JsonIgnore].");
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    internal List<string> Run()
    {
        var o = options.Value;
        IEnumerable<Assembly> assemblies = o.ScanAssemblies.Count > 0 ? o.ScanAssemblies : new[] { Assembly.GetEntryAssembly() }.OfType<Assembly>();
        var types = assemblies.SelectMany(LoadableTypes).ToList();
        var findings = new List<string>();

        foreach (var type in types.Concat(o.Declarations.Keys).Distinct())
        {
            foreach (var (member, reason) in BypassScanner.Members(catalog, type))
            {
                FieldFilteringLog.BypassMember(logger, member, reason);
                findings.Add($"{member} ({reason})");
            }
        }

        foreach (var (context, type) in BypassScanner.Contexts(catalog, types))
        {
            FieldFilteringLog.UnfilteredContext(logger, context, type);
        }

        return findings;
    }

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.OfType<Type>();
        }
    }
}
