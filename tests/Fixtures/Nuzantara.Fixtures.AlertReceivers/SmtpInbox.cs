using System.Buffers;
using System.Collections.Concurrent;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Nuzantara.Fixtures.AlertReceivers;

/// <summary>
/// An SMTP server (the SmtpServer library) that keeps what it is sent, parsed with MimeKit. With an account it requires
/// AUTH and refuses a wrong password, as a relay would, so a test proves the password reached the sender.
/// </summary>
public sealed class SmtpInbox : MessageStore, IUserAuthenticator
{
    private const string UserKey = "nuzantara:user";
    private readonly ConcurrentQueue<EmailMessage> _messages = new();
    private readonly (string User, string Password)? _account;
    private readonly SmtpServer.SmtpServer _server;

    public SmtpInbox(string bindAddress, int port, (string User, string Password)? account)
    {
        _account = account;
        var options = new SmtpServerOptionsBuilder()
            .ServerName("alert-receivers")
            .Endpoint(endpoint => endpoint
                .Endpoint(new System.Net.IPEndPoint(System.Net.IPAddress.Parse(bindAddress), port))
                .AuthenticationRequired(account is not null)
                // Alertmanager authenticates over plain text to a relay on loopback only; a test relay has no certificate.
                .AllowUnsecureAuthentication(true))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add((IMessageStore)this);
        services.Add((IUserAuthenticator)this);
        _server = new SmtpServer.SmtpServer(options, services);
    }

    public IReadOnlyList<EmailMessage> Messages => [.. _messages];

    public Task RunAsync(CancellationToken cancellationToken) => _server.StartAsync(cancellationToken);

    public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(buffer.ToArray());
        var message = await MimeMessage.LoadAsync(stream, cancellationToken);
        _messages.Enqueue(new EmailMessage(
            transaction.From.AsAddress(),
            [.. transaction.To.Select(t => t.AsAddress())],
            message.Subject ?? string.Empty,
            message.TextBody ?? message.HtmlBody ?? string.Empty,
            context.Properties.TryGetValue(UserKey, out var user) ? (string)user : null,
            DateTimeOffset.UtcNow));
        return SmtpResponse.Ok;
    }

    public Task<bool> AuthenticateAsync(ISessionContext context, string user, string password, CancellationToken cancellationToken)
    {
        var valid = _account is { } account && account.User == user && account.Password == password;
        if (valid)
        {
            context.Properties[UserKey] = user;
        }

        return Task.FromResult(valid);
    }
}
