using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ClauseDesk.Smtp;

namespace ClauseDesk.Infrastructure;

/// <summary>
/// A real SMTP server on 127.0.0.1 that keeps what it receives: Debian's python3-aiosmtpd, run from a
/// small script in a directory under the temp directory. One port speaks plain SMTP and offers
/// STARTTLS, the other implicit TLS; both offer AUTH PLAIN and LOGIN (password) and XOAUTH2 and
/// OAUTHBEARER (access token) for one user, and accept mail without it. Each message is saved with its envelope; tests can make it answer MAIL FROM or DATA
/// with a given reply, and recipients whose local part starts with "reject" or "defer" are refused
/// with 550 or 451.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private const string Python = "/usr/bin/python3";

    private const string Script = """
        import base64, json, os, ssl, sys, threading, time
        from aiosmtpd.controller import Controller
        from aiosmtpd.smtp import MISSING, AuthResult, LoginPassword

        directory, plain_port, tls_port, cert, key, user, password, token = sys.argv[1:9]
        lock = threading.Lock()
        counter = [0]

        def next_fault(stage):
            # The tests drop files "<stage>-<n>" holding a reply; the oldest is used once.
            folder = os.path.join(directory, "faults")
            with lock:
                for name in sorted(n for n in os.listdir(folder) if n.startswith(stage + "-")):
                    path = os.path.join(folder, name)
                    with open(path) as f:
                        reply = f.read().strip()
                    os.remove(path)
                    return reply
            return None

        def bearer_fields(blob):
            fields = {}
            for part in blob.decode("utf-8", "replace").split("\x01"):
                if part.startswith("n,"):
                    for item in part.split(","):
                        if item.startswith("a="):
                            fields["user"] = item[2:].replace("=2C", ",").replace("=3D", "=")
                elif "=" in part:
                    name, value = part.split("=", 1)
                    fields[name] = value
            return fields

        async def oauth(server, args):
            if len(args) != 2:
                return AuthResult(success=False, handled=False, message="501 5.5.2 An initial response is required")
            fields = bearer_fields(base64.b64decode(args[1]))
            if fields.get("user") == user and fields.get("auth") == "Bearer " + token:
                return AuthResult(success=True, auth_data=fields["user"])
            # As the big providers do: an error challenge first, the 535 after the client's answer.
            answer = await server.challenge_auth(json.dumps({"status": "401", "schemes": "bearer"}))
            # handled=True: aiosmtpd already answered a '*'; otherwise it sends its 535.
            return AuthResult(success=False, handled=answer is MISSING)

        class Handler:
            async def auth_XOAUTH2(self, server, args):
                return await oauth(server, args)

            async def auth_OAUTHBEARER(self, server, args):
                return await oauth(server, args)

            async def handle_EHLO(self, server, conn, envelope, hostname, responses):
                fault = next_fault("EHLO")
                if fault:
                    return [fault]
                conn.host_name = hostname
                return responses

            async def handle_MAIL(self, server, conn, envelope, address, mail_options):
                fault = next_fault("MAIL")
                if fault:
                    return fault
                envelope.mail_from = address
                envelope.mail_options.extend(mail_options)
                return "250 OK"

            async def handle_RCPT(self, server, conn, envelope, address, rcpt_options):
                local = address.split("@")[0]
                if local.startswith("reject"):
                    return "550 5.1.1 No such user here"
                if local.startswith("defer"):
                    return "451 4.2.1 Mailbox busy, try again later"
                envelope.rcpt_tos.append(address)
                return "250 OK"

            async def handle_DATA(self, server, conn, envelope):
                fault = next_fault("DATA")
                if fault:
                    return fault
                with lock:
                    counter[0] += 1
                    n = counter[0]
                base = os.path.join(directory, "messages", "%06d" % n)
                meta = {"from": envelope.mail_from, "to": envelope.rcpt_tos,
                        "mailOptions": envelope.mail_options, "tls": conn.ssl is not None
                                or server.transport.get_extra_info("ssl_object") is not None,
                        "authenticated": bool(conn.authenticated),
                        "extended": conn.extended_smtp, "helo": conn.host_name}
                with open(base + ".json.tmp", "w") as f:
                    json.dump(meta, f)
                with open(base + ".eml.tmp", "wb") as f:
                    f.write(envelope.original_content)
                os.rename(base + ".eml.tmp", base + ".eml")
                os.rename(base + ".json.tmp", base + ".json")
                return "250 2.0.0 Accepted as %06d" % n

        def authenticator(server, conn, envelope, mechanism, auth_data):
            ok = (isinstance(auth_data, LoginPassword)
                  and auth_data.login == user.encode() and auth_data.password == password.encode())
            return AuthResult(success=ok, handled=False)

        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(cert, key)
        common = dict(hostname="127.0.0.1", authenticator=authenticator, auth_require_tls=False,
                      decode_data=False, enable_SMTPUTF8=True)
        plain = Controller(Handler(), port=int(plain_port), tls_context=context, **common)
        implicit = Controller(Handler(), port=int(tls_port), ssl_context=context, **common)
        plain.start()
        implicit.start()
        print("ready", flush=True)
        try:
            # Runs until the test process closes our stdin, on purpose or by dying.
            sys.stdin.read()
        finally:
            plain.stop()
            implicit.stop()
        """;

    private readonly Process _process;
    private readonly string _root;
    private int _faults;

    private SmtpSink(Process process, string root, TestCertificate certificate, int plainPort, int tlsPort)
    {
        _process = process;
        _root = root;
        Certificate = certificate;
        PlainPort = plainPort;
        TlsPort = tlsPort;
    }

    public static string Host => "127.0.0.1";

    /// <summary>Plain SMTP that offers STARTTLS.</summary>
    public int PlainPort { get; }

    /// <summary>SMTP over implicit TLS.</summary>
    public int TlsPort { get; }

    public TestCertificate Certificate { get; }

    public string UserName { get; } = "desk";

    public string Password { get; private init; } = "";

    /// <summary>The OAuth 2.0 access token the sink accepts for <see cref="UserName"/> (XOAUTH2, OAUTHBEARER).</summary>
    public string AccessToken { get; private init; } = "";

    public static async Task<SmtpSink> StartAsync()
    {
        if (!File.Exists(Python))
        {
            throw new InvalidOperationException($"No {Python}: ./test.sh installs Debian's python3-aiosmtpd.");
        }

        var root = TestDirectories.Create("smtp");
        Directory.CreateDirectory(Path.Combine(root, "messages"));
        Directory.CreateDirectory(Path.Combine(root, "faults"));
        var script = Path.Combine(root, "sink.py");
        File.WriteAllText(script, Script);
        var certificate = TestCertificate.Create();
        var (certificatePath, keyPath) = certificate.WriteTo(root);
        var ports = FreePorts.Take(2);
        var password = "pw-" + RandomNumberGenerator.GetHexString(12, true);
        var token = "token-" + RandomNumberGenerator.GetHexString(24, true);

        var start = new ProcessStartInfo(Python)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "-u", script, root, $"{ports[0]}", $"{ports[1]}", certificatePath, keyPath, "desk", password, token })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the SMTP sink.");
        var sink = new SmtpSink(process, root, certificate, ports[0], ports[1]) { Password = password, AccessToken = token };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => sink.Kill();
        var stderr = process.StandardError.ReadToEndAsync();
        var ready = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        if (ready != "ready")
        {
            await sink.DisposeAsync();
            throw new InvalidOperationException($"The SMTP sink did not start: {await stderr}");
        }

        return sink;
    }

    /// <summary>Client options for this sink: plain port with STARTTLS, or the TLS port; certificate pinned.</summary>
    public SmtpClientOptions Options(SmtpSecurity security = SmtpSecurity.StartTls) => new()
    {
        Host = Host,
        Port = security == SmtpSecurity.ImplicitTls ? TlsPort : PlainPort,
        Security = security,
        AcceptedCertificate = Certificate.Certificate,
        ClientName = "desk.example.test",
        Timeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>The next EHLO, MAIL FROM or DATA (<paramref name="stage"/>) is answered with this reply, once.</summary>
    public void FailNext(string stage, string reply)
    {
        var name = $"{stage}-{Interlocked.Increment(ref _faults):D6}";
        var temporary = Path.Combine(_root, name + ".tmp");
        File.WriteAllText(temporary, reply);
        File.Move(temporary, Path.Combine(_root, "faults", name));
    }

    /// <summary>Every message received so far, oldest first.</summary>
    public IReadOnlyList<ReceivedMessage> Received()
    {
        var messages = new List<ReceivedMessage>();
        foreach (var json in Directory.GetFiles(Path.Combine(_root, "messages"), "*.json").Order(StringComparer.Ordinal))
        {
            var envelope = JsonSerializer.Deserialize<Envelope>(File.ReadAllText(json), JsonOptions)!;
            var content = File.ReadAllBytes(Path.ChangeExtension(json, ".eml"));
            messages.Add(new ReceivedMessage(
                envelope.From, envelope.To, envelope.MailOptions, envelope.Tls, envelope.Authenticated, envelope.Extended, envelope.Helo, content));
        }

        return messages;
    }

    /// <summary>The messages that were sent to this recipient.</summary>
    public IReadOnlyList<ReceivedMessage> ReceivedFor(string recipient) =>
        [.. Received().Where(m => m.To.Contains(recipient, StringComparer.OrdinalIgnoreCase))];

    public async ValueTask DisposeAsync()
    {
        Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Under the temp directory anyway.
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private sealed record Envelope(
        string From, List<string> To, List<string> MailOptions, bool Tls, bool Authenticated, bool Extended, string Helo);
}

/// <summary>
/// A message as the sink received it: envelope, connection facts (TLS, AUTH, EHLO or HELO and the name
/// given) and the content after dot-unstuffing.
/// </summary>
public sealed record ReceivedMessage(
    string From,
    IReadOnlyList<string> To,
    IReadOnlyList<string> MailOptions,
    bool Tls,
    bool Authenticated,
    bool Extended,
    string Helo,
    byte[] Content)
{
    public string Text => Encoding.UTF8.GetString(Content);
}

/// <summary>One SMTP sink per test class (xunit class fixture).</summary>
public sealed class SmtpSinkFixture : IAsyncLifetime
{
    private SmtpSink? _sink;

    public SmtpSink Sink => _sink ?? throw new InvalidOperationException("The SMTP sink has not started.");

    public async Task InitializeAsync() => _sink = await SmtpSink.StartAsync();

    public async Task DisposeAsync()
    {
        if (_sink is not null)
        {
            await _sink.DisposeAsync();
        }
    }
}
