using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Nuzantara.Hosting.ApplicationModel;
using Nuzantara.Hosting.Orchestration;
using Nuzantara.Hosting.Orchestration.Process;

namespace Aspire.Hosting;

public static partial class RabbitMQBuilderExtensions
{
    /// <summary>Debian's broker start script; /usr/sbin/rabbitmq-server would switch to the system instance's user and log files.</summary>
    private const string ServerScript = "/usr/lib/rabbitmq/bin/rabbitmq-server";

    /// <summary>
    /// An epmd of the instance's own, in the broker's process group so that stopping the broker stops it too; the
    /// broker's own attempt to start one finds the port taken and leaves it at that. <c>"$@"</c> is the broker's
    /// Erlang arguments.
    /// </summary>
    private const string Launcher = $"""epmd -port "$ERL_EPMD_PORT" -address 127.0.0.1 & exec {ServerScript} "$@" """;

    /// <summary>
    /// The broker under the resource's state folder: rabbitmq.conf (the management listener, logs on the console),
    /// advanced.config with the user and password (0600; the broker creates the user when its data folder is new), the
    /// enabled plugins, a private Erlang cookie in its own HOME, and its data where the model's mount says (an
    /// anonymous volume, emptied before each start, when none).
    /// </summary>
    private static NativeRecipeAnnotation NativeRecipe(RabbitMQServerResource rabbitMQ) => new("sh")
    {
        Prepare = async context =>
        {
            var ct = context.CancellationToken;
            NativePaths.ClearAnonymousVolumes(context);
            var home = Path.Combine(context.StateDirectory, "home");
            var cookie = Path.Combine(home, ".erlang.cookie");
            if (!File.Exists(cookie))
            {
                await NativePaths.WriteSecretFileAsync(cookie, RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 20), ct).ConfigureAwait(false);
            }

            var userName = await rabbitMQ.UserNameReference.GetValueAsync(ct).ConfigureAwait(false) ?? RabbitMQServerResource.DefaultUserName;
            await NativePaths.WriteSecretFileAsync(Path.Combine(context.StateDirectory, "advanced.config"),
                $"[{{rabbit, [{{default_user, {ErlangBinary(userName)}}}, {{default_pass, {ErlangBinary(rabbitMQ.PasswordParameter.Value)}}}]}}].\n", ct).ConfigureAwait(false);
            var config = new StringBuilder("""
                loopback_users = none
                log.file = false
                log.console = true
                log.console.level = info
                log.console.use_colors = off

                """);
            if (rabbitMQ.HasManagementPlugin())
            {
                var management = rabbitMQ.ManagementEndpoint;
                config.AppendLine(CultureInfo.InvariantCulture, $"management.tcp.ip = {management.Host}");
                config.AppendLine(CultureInfo.InvariantCulture, $"management.tcp.port = {management.Allocated.TargetPort}");
            }

            await File.WriteAllTextAsync(Path.Combine(context.StateDirectory, "rabbitmq.conf"), config.ToString(), ct).ConfigureAwait(false);
            await File.WriteAllTextAsync(Path.Combine(context.StateDirectory, "enabled_plugins"), rabbitMQ.HasManagementPlugin() ? "[rabbitmq_management].\n" : "[].\n", ct).ConfigureAwait(false);
        },
        Configure = context =>
        {
            var endpoint = rabbitMQ.PrimaryEndpoint;
            var data = NativePaths.DataDirectory(context, rabbitMQ.DataMount(DataPath) ?? new ContainerMountAnnotation(null, DataPath, ContainerMountType.Volume, isReadOnly: false));
            var distributionPort = PortAllocator.FreePort();
            context.Args.AddRange(["-c", Launcher, "rabbitmq-server", .. ErlangListenArguments(rabbitMQ, distributionPort)]);
            var environment = context.EnvironmentVariables;
            environment["HOME"] = Path.Combine(context.StateDirectory, "home");
            environment["RABBITMQ_NODENAME"] = NodeName(rabbitMQ);
            environment["RABBITMQ_NODE_IP_ADDRESS"] = endpoint.Host;
            environment["RABBITMQ_NODE_PORT"] = endpoint.Allocated.TargetPort.ToString(CultureInfo.InvariantCulture);
            environment["RABBITMQ_DIST_PORT"] = distributionPort.ToString(CultureInfo.InvariantCulture);
            environment["ERL_EPMD_PORT"] = PortAllocator.FreePort().ToString(CultureInfo.InvariantCulture);
            environment["RABBITMQ_MNESIA_BASE"] = Path.Combine(data, "mnesia");
            environment["RABBITMQ_LOG_BASE"] = Path.Combine(context.StateDirectory, "log");
            environment["RABBITMQ_CONFIG_FILE"] = Path.Combine(context.StateDirectory, "rabbitmq.conf");
            environment["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(context.StateDirectory, "advanced.config");
            environment["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(context.StateDirectory, "enabled_plugins");
            environment["RABBITMQ_PID_FILE"] = Path.Combine(context.StateDirectory, "rabbitmq.pid");
            // The system instance's rabbitmq-env.conf (node name, ports) is not this instance's.
            environment["RABBITMQ_CONF_ENV_FILE"] = "/dev/null";
            return Task.CompletedTask;
        },
    };

    /// <summary>A UTF-8 Erlang binary literal: any user name or password stays one term.</summary>
    private static string ErlangBinary(string value) =>
        $"<<\"{value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"/utf8>>";
}
