// Runs the stand-ins on their own, as a container beside a Compose deployment: alert-receivers [bind] [http port] [smtp port] [smtp user] [smtp password]
using Nuzantara.Fixtures.AlertReceivers;

var bind = args.ElementAtOrDefault(0) ?? "0.0.0.0";
var httpPort = int.Parse(args.ElementAtOrDefault(1) ?? "8080", System.Globalization.CultureInfo.InvariantCulture);
var smtpPort = int.Parse(args.ElementAtOrDefault(2) ?? "2525", System.Globalization.CultureInfo.InvariantCulture);
(string, string)? account = args.Length >= 5 ? (args[3], args[4]) : null;

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
await using var receivers = await AlertReceivers.StartAsync(bind, httpPort, smtpPort, account, stop.Token);
Console.WriteLine($"Slack webhooks at {receivers.HttpAddress}/slack/…, SMTP on port {receivers.SmtpPort}, what arrived at /received");
await Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
