using Aspire.Hosting.Testing;

namespace Nuzantara.Hosting.Tests.ApplicationModel;

/// <summary>WithWorkingDirectory: an executable's directory, relative to the AppHost's, used when it runs.</summary>
public sealed class WorkingDirectoryTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void A_relative_directory_is_resolved_against_the_AppHost_directory()
    {
        using var builder = DistributedApplicationTestingBuilder.Create();

        var tool = builder.AddExecutable("tool", "sleep", ".", "300").WithWorkingDirectory("../tools");

        Assert.Equal(Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", "tools")), tool.Resource.WorkingDirectory);
    }

    [Fact]
    public async Task The_executable_runs_in_it()
    {
        var directory = Directory.CreateTempSubdirectory("nuzantara-workdir-").FullName;
        try
        {
            await using var builder = DistributedApplicationTestingBuilder.Create();
            builder.AddExecutable("marker", "sh", ".", "-c", "pwd > ran-here").WithWorkingDirectory(directory);
            await using var app = await builder.BuildAsync(Token);

            await app.StartAsync(Token);
            await app.ResourceNotifications.WaitForResourceAsync("marker", KnownResourceStates.Finished, Token).WaitAsync(TimeSpan.FromSeconds(60), Token);

            Assert.Equal(directory, File.ReadAllText(Path.Combine(directory, "ran-here")).Trim());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
