using System.Collections;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SecureApi.Toolkit.FieldFiltering.Rules;
using SecureApi.Toolkit.FieldFiltering.Tests.Models;

namespace SecureApi.Toolkit.FieldFiltering.Tests.Json;

/// <summary>
/// Serializes every classified sample with no permissions and searches the bytes for every classified value, found
/// by walking the object graph with the same catalog the modifier uses — so a newly classified member is covered
/// without touching this test.
/// </summary>
public class LeakTests
{
    public static TheoryData<string, string> Cases => new()
    {
        { "no-scope", "reflection" },
        { "empty-scope", "reflection" },
        { "no-scope", "source-generated" },
        { "empty-scope", "source-generated" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Serialize_EveryClassifiedSample_NoClassifiedValueInTheBytes(string scopeKind, string resolver)
    {
        using var services = Filtering.Services();
        var options = resolver == "reflection"
            ? Filtering.JsonOptions(services)
            : new JsonSerializerOptions(JsonSerializerDefaults.Web) { TypeInfoResolver = TestJsonContext.Default.WithFieldFiltering(services) };
        var catalog = services.GetRequiredService<FieldRuleCatalog>();

        foreach (var sample in SampleData.AllClassified())
        {
            byte[] bytes;
            using (FieldFilterScope.Enter(scopeKind == "no-scope" ? null : new FieldFilterScope(new HashSet<string>())))
            {
                bytes = JsonSerializer.SerializeToUtf8Bytes(sample, sample.GetType(), options);
            }

            var text = Encoding.UTF8.GetString(bytes);
            var secrets = ClassifiedValues(catalog, sample).ToList();
            Assert.NotEmpty(secrets);
            foreach (var secret in secrets)
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{sample.GetType().Name}: classified value '{secret}' leaked in {text}");
                Assert.False(text.Contains(JsonEncodedText.Encode(secret).ToString(), StringComparison.Ordinal), $"{sample.GetType().Name}: encoded '{secret}' leaked");
            }
        }
    }

    private static IEnumerable<string> ClassifiedValues(FieldRuleCatalog catalog, object? value, bool classified = false)
    {
        switch (value)
        {
            case null:
                yield break;
            case string or decimal or int or long or double or DateOnly or DateTime or Guid:
                if (classified)
                {
                    yield return JsonSerializer.Serialize(value).Trim('"');
                }

                yield break;
            case IEnumerable items:
                foreach (var item in items)
                {
                    foreach (var found in ClassifiedValues(catalog, item, classified))
                    {
                        yield return found;
                    }
                }

                yield break;
        }

        var rules = catalog.For(value.GetType());
        foreach (var property in value.GetType().GetProperties(BindingFlags.Instance | BindingFlags.Public))
        {
            var isClassified = classified || (rules.IsClassified && rules.For(property.Name) is not null);
            foreach (var found in ClassifiedValues(catalog, property.GetValue(value), isClassified))
            {
                yield return found;
            }
        }
    }
}
