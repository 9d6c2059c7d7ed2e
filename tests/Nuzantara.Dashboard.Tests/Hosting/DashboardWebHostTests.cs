using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Nuzantara.Hosting.Dashboard;

namespace Nuzantara.Dashboard.Tests.Hosting;

/// <summary>
/// The dashboard's web host watches no folder. With ASP.NET Core's defaults it took the current directory as its
/// content root and watched every folder under it for a changed appsettings.json: 4,913 inotify watches when the AppHost
/// ran from the repository's root, and as many as a home folder has (up to the system's limit, where .NET throws).
/// </summary>
public sealed class DashboardWebHostTests
{
    [Fact]
    public async Task The_dashboards_web_host_reads_no_file_of_the_current_directory_and_reloads_none()
    {
        var builder = WebApplication.CreateSlimBuilder(DashboardServer.WebHostOptions);
        await using var app = builder.Build();

        Assert.Equal(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory), Path.TrimEndingDirectorySeparator(app.Environment.ContentRootPath));
        var files = ((IConfigurationRoot)app.Configuration).Providers.OfType<JsonConfigurationProvider>().ToList();
        Assert.NotEmpty(files);
        Assert.All(files, file => Assert.False(file.Source.ReloadOnChange, $"{file.Source.Path} is watched for changes"));
    }
}
