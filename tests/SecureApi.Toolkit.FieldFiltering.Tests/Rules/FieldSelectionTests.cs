using SecureApi.Toolkit.FieldFiltering.Rules;

namespace SecureApi.Toolkit.FieldFiltering.Tests.Rules;

public class FieldSelectionTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData(",,")]
    public void Parse_Empty_IsNoSelection(string? text)
    {
        Assert.Null(FieldSelection.Parse(text, 64));
    }

    [Fact]
    public void Parse_MoreNamesThanAllowed_IsIgnoredAsAWhole()
    {
        Assert.Null(FieldSelection.Parse("a,b,c", 2));
        Assert.NotNull(FieldSelection.Parse("a,b", 2));
    }

    [Fact]
    public void Select_NestedPaths_FollowTheObjectsBeingWritten()
    {
        var selection = FieldSelection.Parse("id, Orders.total ,address", 64)!;

        selection.EnterObject();
        Assert.True(selection.Select("id"));
        Assert.False(selection.Select("name"));
        Assert.True(selection.Select("orders"));
        selection.EnterObject();
        Assert.True(selection.Select("TOTAL"));
        Assert.False(selection.Select("notes"));
        selection.ExitObject();
        selection.EnterObject();
        Assert.True(selection.Select("total"));
        selection.ExitObject();
        Assert.True(selection.Select("address"));
        selection.EnterObject();
        Assert.True(selection.Select("street"));
        Assert.True(selection.Select("anything"));
        selection.ExitObject();
        selection.ExitObject();
    }

    [Fact]
    public void Parse_ParentAndChildPaths_ParentWins()
    {
        var selection = FieldSelection.Parse("orders.total,orders", 64)!;

        selection.EnterObject();
        Assert.True(selection.Select("orders"));
        selection.EnterObject();
        Assert.True(selection.Select("notes"));
    }
}
