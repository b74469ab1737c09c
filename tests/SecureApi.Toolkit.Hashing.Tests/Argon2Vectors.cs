using System.Text;

namespace SecureApi.Toolkit.Hashing.Tests;

/// <summary>The vectors of shared/vectors/argon2.md, embedded verbatim.</summary>
internal static class Argon2Vectors
{
    public const string RfcTagHex = "0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659";

    /// <summary>Rows 1–13 of §2: row number, password, PHC string, pepper (row 12 only).</summary>
    public static readonly (int Row, string Password, string Phc, string? Pepper)[] Phc =
    [
        (1, "password", "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc", null),
        (2, "password", "$argon2id$v=19$m=262144,t=2,p=1$c29tZXNhbHQ$eP4eyR+zqlZX1y5xCFTkw9m5GYx0L5YWwvCFvtlbLow", null),
        (3, "password", "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4", null),
        (4, "password", "$argon2id$v=19$m=256,t=2,p=2$c29tZXNhbHQ$bQk8UB/VmZZF4Oo79iDXuL5/0ttZwg2f/5U52iv1cDc", null),
        (5, "password", "$argon2id$v=19$m=65536,t=1,p=1$c29tZXNhbHQ$9qWtwbpyPd3vm1rB1GThgPzZ3/ydHL92zKL+15XZypg", null),
        (6, "password", "$argon2id$v=19$m=65536,t=4,p=1$c29tZXNhbHQ$kCXUjmjvc5XMqQedpMTsOv+zyJEf5PhtGiUghW9jFyw", null),
        (7, "differentpassword", "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$C4TWUs9rDEvq7w3+J4umqA32aWKB1+DSiRuBfYxFj94", null),
        (8, "password", "$argon2id$v=19$m=65536,t=2,p=1$ZGlmZnNhbHQ$vfMrBczELrFdWP0ZsfhWsRPaHppYdP3MVEMIVlqoFBw", null),
        (9, "password", "$argon2id$v=19$m=256,t=3,p=1$MDEyMzQ1Njc$G5ajKFCoUzaXRLdz7UJb5wGkb2Xt+X5/GQjUYtS2+TE", null),
        (10, "K3S=KyH#)36_?]LxeR8QNKw6X=gFbxai$C%29V*", "$argon2id$v=19$m=4096,t=1,p=3$PkEgcHJldHR5IGxvbmcgc2FsdA$HUqx5Z1b/ZypnUrvvJ5UC2Q+T6Q1WwASK/Kr9dRbGA0", null),
        (11, "^T5H$JYt39n%K*j:W]!1s?vg!:jGi]Ax?..l7[p0v:1jHTpla9;]bUN;?bWyCbtqg ", "$argon2id$v=19$m=4096,t=19,p=1$PkEgMTYtYnl0ZXMgc2FsdA$ltB/ue1kPtBMBGfsysMpPigE6hiNEKZ9vs8vLNVDQGA", null),
        (12, "hunter2", "$argon2id$v=19$m=65536,t=2,p=1$gZiV/M1gPc22ElAH/Jh1Hw$CWOrkoo7oJBQ/iyh7uJ0LO2aLEfrHwTWllSAxT0zRno", "pepper"),
        (13, "abc", "$argon2id$v=19$m=65536,t=20,p=1$WFhYWFhYWFhYWFhYWFhYWA$R9y5PM77lSPvo98Sfw9dki7pI06jFmVlYnja/y5CHT8", null),
    ];

    /// <summary>The password of the Node.js vectors below.</summary>
    public const string NodePassword = "correct horse battery staple";

    /// <summary>
    /// Made by the npm package <c>argon2</c> 0.45.1 (node-argon2, prebuilt binary, Node.js 20.20.2) with its defaults:
    /// <c>await require("argon2").hash("correct horse battery staple")</c>. It writes the parameters in the order
    /// m, p, t. node-argon2's own <c>verify</c> returned true for the password and false for "Correct horse battery staple".
    /// </summary>
    public const string NodeDefault = "$argon2id$v=19$m=65536,p=4,t=3$6+Fc0n6lqPFvyQJNxiIZTQ$3KckD0SprNNxP2X4AaZAtc7QL5inNGPbpGDO1lbNjBs";

    /// <summary>
    /// Made the same way with small costs so tests stay fast:
    /// <c>hash("correct horse battery staple", { memoryCost: 256, timeCost: 2, parallelism: 1 })</c>.
    /// </summary>
    public const string NodeSmall = "$argon2id$v=19$m=256,p=1,t=2$zd0m7wpL2ufRigSaY8LDVg$lHlqZyetqd3zbbLxgWD8CBoaaSSwLC1tBz2Aq6qMPxE";

    /// <summary>Rows whose parameters libsodium can compute (p = 1, 16-byte salt, no pepper).</summary>
    public static readonly int[] LibsodiumRows = [11, 13];

    public static (int Row, string Password, string Phc, string? Pepper) Row(int row) => Phc[row - 1];

    public static byte[] Fill(int length, byte value)
    {
        var bytes = new byte[length];
        Array.Fill(bytes, value);
        return bytes;
    }

    public static byte[] Utf8(string value) => Encoding.UTF8.GetBytes(value);

    public static TheoryData<int> AllRows()
    {
        var data = new TheoryData<int>();
        foreach (var v in Phc)
        {
            data.Add(v.Row);
        }

        return data;
    }
}
