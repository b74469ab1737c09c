namespace SecureApi.Toolkit.FieldFiltering.Rules;

/// <summary>Answers whether serializing a type can reach a classified type: the type, its elements or its generic arguments.</summary>
internal static class ClassifiedTypes
{
    public static bool Reaches(FieldRuleCatalog catalog, Type type) => Reaches(catalog, type, 0);

    private static bool Reaches(FieldRuleCatalog catalog, Type type, int depth)
    {
        if (depth > 4)
        {
            return false;
        }

        if (catalog.For(type).IsClassified)
        {
            return true;
        }

        if (type.IsArray)
        {
            return Reaches(catalog, type.GetElementType()!, depth + 1);
        }

        if (type.IsGenericType)
        {
            foreach (var argument in type.GetGenericArguments())
            {
                if (Reaches(catalog, argument, depth + 1))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
