namespace SecureApi.Toolkit.FieldFiltering.Rules;

/// <summary>
/// A client's field selection (<c>?fields=id,name,orders.total</c>) as a tree of JSON names, and the position in it
/// while one response is written. It only answers "was this name selected"; permissions are checked separately
/// and first, so a selection can never reveal a hidden property, and an unknown name and a hidden one both simply
/// select nothing.
/// </summary>
internal sealed class FieldSelection
{
    private static readonly Node Whole = new();
    private readonly Node _root;
    private readonly Stack<Frame> _frames = new();

    private FieldSelection(Node root)
    {
        _root = root;
    }

    /// <summary>Parses a selection; returns <see langword="null"/> for none, or when it names more than <paramref name="maxFields"/> paths.</summary>
    public static FieldSelection? Parse(string? text, int maxFields)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var root = new Node { Children = new(StringComparer.OrdinalIgnoreCase) };
        var count = 0;
        foreach (var path in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (++count > maxFields)
            {
                return null;
            }

            var node = root;
            var segments = path.Split('.', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            for (var i = 0; i < segments.Length; i++)
            {
                var last = i == segments.Length - 1;
                if (node.Children is null)
                {
                    // A parent was already selected whole: a deeper path narrows nothing.
                    break;
                }

                if (!node.Children.TryGetValue(segments[i], out var child))
                {
                    child = last ? new Node() : new Node { Children = new(StringComparer.OrdinalIgnoreCase) };
                    node.Children[segments[i]] = child;
                }
                else if (last)
                {
                    child.Children = null;
                }

                node = child;
            }
        }

        return count == 0 ? null : new FieldSelection(root);
    }

    /// <summary>Called when an object starts: its properties are matched against the node its parent property selected.</summary>
    public void EnterObject()
    {
        var node = _frames.Count == 0 ? _root : _frames.Peek().Child ?? Whole;
        _frames.Push(new Frame(node));
    }

    public void ExitObject()
    {
        if (_frames.Count > 0)
        {
            _frames.Pop();
        }
    }

    /// <summary>Returns whether the property named <paramref name="jsonName"/> of the current object was selected.</summary>
    public bool Select(string jsonName)
    {
        if (_frames.Count == 0)
        {
            return true;
        }

        var frame = _frames.Peek();
        if (frame.Node.Children is null)
        {
            frame.Child = Whole;
            return true;
        }

        if (frame.Node.Children.TryGetValue(jsonName, out var child))
        {
            frame.Child = child;
            return true;
        }

        return false;
    }

    private sealed class Node
    {
        /// <summary>Gets or sets the selected child names, or <see langword="null"/> when the whole subtree is selected.</summary>
        public Dictionary<string, Node>? Children { get; set; }
    }

    private sealed class Frame(Node node)
    {
        public Node Node { get; } = node;

        public Node? Child { get; set; }
    }
}
