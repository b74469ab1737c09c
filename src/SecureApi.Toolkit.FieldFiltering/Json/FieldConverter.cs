using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using SecureApi.Toolkit.FieldFiltering.Rules;

namespace SecureApi.Toolkit.FieldFiltering.Json;

/// <summary>
/// Wraps the converter of one classified property. Typed, so value-type properties are never boxed: on write it
/// nulls or masks the value for a caller without the permission; on read it guards properties bound to constructor
/// parameters, which never pass through a setter.
/// </summary>
internal sealed class FieldConverter<T> : JsonConverter<T>
{
    private readonly FieldAccess _access;
    private readonly FieldMasker _masker;
    private readonly bool _maskOnWrite;
    private readonly bool _guardRead;
    private readonly JsonConverter<T>? _original;
    private JsonConverter<T>? _leaf;
    private JsonTypeInfo<T>? _typeInfo;

    public FieldConverter(FieldAccess access, FieldMasker masker, bool maskOnWrite, bool guardRead, JsonConverter<T>? original)
    {
        _access = access;
        _masker = masker;
        _maskOnWrite = maskOnWrite;
        _guardRead = guardRead;
        _original = original;
    }

    // Nulls are handled here so that a null value stays null and a null token is guarded like any other.
    public override bool HandleNull => true;

    public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (_guardRead && !_access.CanWrite())
        {
            reader.Skip();
            return default;
        }

        if (reader.TokenType == JsonTokenType.Null && default(T) is null)
        {
            return default;
        }

        if (_original is not null)
        {
            return _original.Read(ref reader, typeToConvert, options);
        }

        Resolve(options);
        return _leaf is not null ? _leaf.Read(ref reader, typeToConvert, options) : JsonSerializer.Deserialize(ref reader, _typeInfo!);
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }

        if (_maskOnWrite && !_access.CanRead())
        {
            var scope = FieldFilterScope.Current;
            if (_access.Rule.Action == FieldAction.Null)
            {
                if (scope is not null)
                {
                    scope.Removed++;
                }

                writer.WriteNullValue();
            }
            else
            {
                if (scope is not null)
                {
                    scope.Masked++;
                }

                if (value is string text)
                {
                    _masker.WriteMasked(writer, text, _access.Rule);
                }
                else
                {
                    writer.WriteStringValue(FieldMasker.FixedMask);
                }
            }

            return;
        }

        if (_original is not null)
        {
            _original.Write(writer, value, options);
            return;
        }

        Resolve(options);
        if (_leaf is not null)
        {
            _leaf.Write(writer, value, options);
        }
        else
        {
            JsonSerializer.Serialize(writer, value, _typeInfo!);
        }
    }

    private void Resolve(JsonSerializerOptions options)
    {
        if (_leaf is not null || _typeInfo is not null)
        {
            return;
        }

        // Scalars go straight to their converter; objects and collections go through their (filtered) contract.
        var typeInfo = (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
        if (typeInfo.Kind == JsonTypeInfoKind.None)
        {
            _leaf = (JsonConverter<T>)typeInfo.Converter;
        }
        else
        {
            _typeInfo = typeInfo;
        }
    }
}
