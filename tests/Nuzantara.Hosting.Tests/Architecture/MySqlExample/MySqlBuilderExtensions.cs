using System.Globalization;
using Nuzantara.Hosting.ApplicationModel;
using Nuzantara.Hosting.Publishing;

namespace Aspire.Hosting;

public static class MySqlBuilderExtensions
{
    private const string Image = "docker.io/library/mysql";
    private const string Tag = "8.4";
    private const string DataDirectory = "/var/lib/mysql";

    public static IResourceBuilder<MySqlServerResource> AddMySql(this IDistributedApplicationBuilder builder, string name, int? port = null)
    {
        var mysql = new MySqlServerResource(name, builder.AddGeneratedPassword(name));
        return builder.AddResource(mysql)
            .WithEndpoint(port: port, targetPort: 3306, name: MySqlServerResource.PrimaryEndpointName)
            .WithImage(Image, Tag)
            .WithEnvironment("MYSQL_ROOT_PASSWORD", mysql.PasswordParameter)
            // On the host's network the container listens where the model says.
            .WithAnnotation(new ContainerArgsAnnotation(() => ["--port", mysql.PrimaryEndpoint.Allocated.TargetPort.ToString(CultureInfo.InvariantCulture)])
            {
                ListensOnAllocatedPorts = true,
            })
            // Published: ready when the server answers, with the client the image has; the data outlives the container.
            .WithAnnotation(new ContainerHealthCommandAnnotation(MySqlServerResource.PrimaryEndpointName,
                port => $"mysqladmin ping -h 127.0.0.1 -P {port} -uroot -p\"$MYSQL_ROOT_PASSWORD\" --silent"))
            .WithAnnotation(new ImpliedVolumeAnnotation("data", DataDirectory))
            .WithAnnotation(new KubernetesResourceRequestsAnnotation("250m", "512Mi"));
    }
}
