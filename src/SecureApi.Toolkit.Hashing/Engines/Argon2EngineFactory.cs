namespace SecureApi.Toolkit.Hashing.Engines;

internal static class Argon2EngineFactory
{
    public static IArgon2Engine Create(Argon2Engine engine) => engine switch
    {
        Argon2Engine.Libsodium => LibsodiumArgon2Engine.Instance,
        _ => KonsciousArgon2Engine.Instance,
    };
}
