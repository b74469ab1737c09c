using SecureApi.Sample.Tour;

namespace SecureApi.Toolkit.IntegrationTests.Tour;

public class LocalRedisServerTests
{
    [Fact]
    public void FindExecutable_NotInAnySearchedDirectory_ReturnsNull()
    {
        var empty = Directory.CreateTempSubdirectory("secureapi-no-redis-").FullName;
        try
        {
            Assert.Null(LocalRedisServer.FindExecutable(empty + Path.PathSeparator + string.Empty));
            Assert.Null(LocalRedisServer.FindExecutable(null));
        }
        finally
        {
            Directory.Delete(empty);
        }
    }

    [Fact]
    public async Task StartStopStart_SamePort_AnswersThenRefusesThenAnswers()
    {
        // redis-server is installed wherever the Redis fixtures run, so the tour scenario never takes its "missing" branch here.
        var executable = LocalRedisServer.FindExecutable();
        Assert.NotNull(executable);

        using var redis = await LocalRedisServer.StartAsync(executable);
        Assert.Equal("+PONG", await redis.TryCommandAsync("PING"));
        redis.Stop();
        Assert.Null(await redis.TryCommandAsync("PING"));
        await redis.StartAsync();
        Assert.Equal("+PONG", await redis.TryCommandAsync("PING"));
        Assert.Equal(":0", await redis.TryCommandAsync("EXISTS", "nothing-here"));
    }
}
