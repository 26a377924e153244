using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using ClauseDesk.Imap;

namespace ClauseDesk.Infrastructure;

/// <summary>
/// A throwaway Dovecot (Debian's dovecot-imapd and dovecot-lmtpd) on 127.0.0.1: IMAP with STARTTLS,
/// IMAPS and LMTP on free ports, a private configuration, passwd-file users and maildirs in a
/// directory under the temp directory, all deleted on dispose. No system service is touched.
/// </summary>
/// <remarks>
/// Started as root, Dovecot runs its unprivileged processes and the mail users as <c>nobody</c>;
/// started as another user, everything runs as that user. Tests fail, never skip, when Dovecot is
/// not installed.
/// </remarks>
public sealed class DovecotServer : IAsyncDisposable
{
    private const string DovecotBinary = "/usr/sbin/dovecot";
    private const string LmtpSender = "sender@example.test";

    private readonly Process _process;
    private readonly string _root;
    /// <summary>How many users the server knows; each test takes one.</summary>
    private const int UserCount = 100;

    private readonly List<(string UserName, string Password)> _users;
    private int _usersTaken;

    private DovecotServer(
        Process process,
        string root,
        TestCertificate certificate,
        List<(string UserName, string Password)> users,
        int imapPort,
        int imapsPort,
        int lmtpPort)
    {
        _users = users;
        _process = process;
        _root = root;
        Certificate = certificate;
        ImapPort = imapPort;
        ImapsPort = imapsPort;
        LmtpPort = lmtpPort;
    }

    public static string Host => "127.0.0.1";

    /// <summary>IMAP on plain TCP, offering STARTTLS (and plain-text login: it is loopback).</summary>
    public int ImapPort { get; }

    /// <summary>IMAP over implicit TLS.</summary>
    public int ImapsPort { get; }

    public int LmtpPort { get; }

    /// <summary>The server's self-signed certificate.</summary>
    public TestCertificate Certificate { get; }

    private string LogFile => Path.Combine(_root, "dovecot.log");

    /// <summary>The HS256 key Dovecot validates access tokens with.</summary>
    private byte[] TokenKey { get; init; } = [];

    /// <summary>Starts a server; <paramref name="imapCapability"/> replaces the capabilities it announces (and uses).</summary>
    public static async Task<DovecotServer> StartAsync(string? imapCapability = null)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The test Dovecot needs Debian's dovecot packages.");
        }

        if (!File.Exists(DovecotBinary))
        {
            throw new InvalidOperationException(
                $"Dovecot is not installed: ./test.sh installs Debian's dovecot-imapd and dovecot-lmtpd (no {DovecotBinary}).");
        }

        var root = TestDirectories.Create("dovecot");
        // The mail user (nobody when we are root) must reach its maildir below this directory.
        File.SetUnixFileMode(root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var mail = Directory.CreateDirectory(Path.Combine(root, "mail")).FullName;
        File.SetUnixFileMode(mail, (UnixFileMode)0b111_111_111);
        Directory.CreateDirectory(Path.Combine(root, "run"));
        Directory.CreateDirectory(Path.Combine(root, "state"));

        var certificate = TestCertificate.Create();
        var (certificatePath, keyPath) = certificate.WriteTo(root);
        var ports = FreePorts.Take(3);
        var (user, group) = await MailAccountAsync();
        var users = Path.Combine(root, "users");
        // Written once: Dovecot notices a changed passwd-file by its mtime, too coarse for users added mid-run.
        var userList = Enumerable.Range(0, UserCount)
            .Select(_ => ($"user-{RandomNumberGenerator.GetHexString(8, true)}", "pw-" + RandomNumberGenerator.GetHexString(12, true)))
            .ToList();
        File.WriteAllLines(users, userList.Select(u => $"{u.Item1}:{{PLAIN}}{u.Item2}::::::"));
        // OAuth 2.0 access tokens are JWTs signed with a shared key that Dovecot checks locally
        // (introspection_mode = local): no token server needed.
        var tokenKey = RandomNumberGenerator.GetBytes(32);
        var keyDirectory = Directory.CreateDirectory(Path.Combine(root, "oauth2-keys", "default", "HS256")).FullName;
        File.WriteAllText(Path.Combine(keyDirectory, "default"), Convert.ToBase64String(tokenKey));
        var oauthConfiguration = Path.Combine(root, "dovecot-oauth2.conf.ext");
        File.WriteAllText(oauthConfiguration, $"""
            introspection_mode = local
            local_validation_key_dict = fs:posix:prefix={root}/oauth2-keys/
            username_attribute = sub

            """);
        var configuration = Path.Combine(root, "dovecot.conf");
        File.WriteAllText(configuration, $$"""
            base_dir = {{root}}/run
            state_dir = {{root}}/state
            log_path = {{root}}/dovecot.log
            protocols = imap lmtp
            listen = 127.0.0.1
            ssl = yes
            ssl_cert = <{{certificatePath}}
            ssl_key = <{{keyPath}}
            ssl_min_protocol = TLSv1.2
            disable_plaintext_auth = no
            auth_mechanisms = plain login oauthbearer xoauth2
            auth_failure_delay = 0
            mail_location = maildir:{{mail}}/%u
            default_internal_user = {{user}}
            default_internal_group = {{group}}
            default_login_user = {{user}}
            mail_max_userip_connections = 100
            {{(imapCapability is null ? "" : "imap_capability = " + imapCapability)}}
            mailbox_idle_check_interval = 1 secs
            lmtp_add_received_header = no
            lmtp_hdr_delivery_address = none
            postmaster_address = postmaster@example.test
            passdb {
              driver = oauth2
              mechanisms = oauthbearer xoauth2
              args = {{oauthConfiguration}}
            }
            passdb {
              driver = passwd-file
              args = scheme=PLAIN username_format=%u {{users}}
            }
            userdb {
              driver = passwd-file
              args = username_format=%u {{users}}
              default_fields = uid={{user}} gid={{group}} home={{mail}}/%u
            }
            # No growing penalty for the failed logins the tests make on purpose (Dovecot's documented switch).
            # No chroot: a server started by an ordinary user cannot chroot, and a test server need not.
            service anvil {
              chroot =
              unix_listener anvil-auth-penalty {
                mode = 0
              }
            }
            service imap-login {
              chroot =
              inet_listener imap {
                address = 127.0.0.1
                port = {{ports[0]}}
              }
              inet_listener imaps {
                address = 127.0.0.1
                port = {{ports[1]}}
                ssl = yes
              }
            }
            service lmtp {
              inet_listener lmtp {
                address = 127.0.0.1
                port = {{ports[2]}}
              }
            }

            """);

        // Dovecot in the foreground under a shell that stops it when our end of its stdin closes, so a
        // test process that dies without disposing does not leave a server behind. (fd 3: a background
        // job's own stdin is /dev/null.)
        var start = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var argument in new[] { "-c", "exec 3<&0; \"$0\" -F -c \"$1\" & pid=$!; (cat <&3 >/dev/null; kill $pid) & wait $pid", DovecotBinary, configuration })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start Dovecot.");
        var stderr = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var server = new DovecotServer(process, root, certificate, userList, ports[0], ports[1], ports[2]) { TokenKey = tokenKey };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Kill();
        try
        {
            foreach (var port in ports)
            {
                await FreePorts.WaitUntilListeningAsync(port, TimeSpan.FromSeconds(15), () =>
                {
                    if (!process.HasExited)
                    {
                        return null;
                    }

                    lock (stderr)
                    {
                        return $"Dovecot exited with {process.ExitCode}: {stderr} {server.ReadLog()}";
                    }
                });
            }
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>A user nobody used yet, with an empty mailbox; every test takes its own.</summary>
    public (string UserName, string Password) CreateUser()
    {
        var index = Interlocked.Increment(ref _usersTaken) - 1;
        return index < _users.Count
            ? _users[index]
            : throw new InvalidOperationException($"All {UserCount} test users are taken; raise DovecotServer.UserCount.");
    }

    /// <summary>An OAuth 2.0 access token (a JWT for <paramref name="userName"/>) that this server accepts until it expires.</summary>
    public string IssueAccessToken(string userName, TimeSpan? lifetime = null)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var expires = now + (long)(lifetime ?? TimeSpan.FromMinutes(10)).TotalSeconds;
        var header = Base64Url("""{"alg":"HS256","typ":"JWT"}""");
        var payload = Base64Url(string.Create(CultureInfo.InvariantCulture, $$"""{"sub":"{{userName}}","iat":{{now}},"exp":{{expires}}}"""));
        var signature = Base64Url(HMACSHA256.HashData(TokenKey, Encoding.ASCII.GetBytes($"{header}.{payload}")));
        return $"{header}.{payload}.{signature}";

        static string Base64Url(object value)
        {
            var bytes = value as byte[] ?? Encoding.UTF8.GetBytes((string)value);
            return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        }
    }

    /// <summary>Client options for this server: the given security, the server's certificate pinned.</summary>
    public ImapClientOptions Options(ImapSecurity security = ImapSecurity.StartTls) => new()
    {
        Host = Host,
        Port = security == ImapSecurity.ImplicitTls ? ImapsPort : ImapPort,
        Security = security,
        AcceptedCertificate = Certificate.Certificate,
        Timeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>Connects with STARTTLS and logs the user in.</summary>
    public async Task<ImapClient> LoginAsync((string UserName, string Password) user)
    {
        var client = await ImapClient.ConnectAsync(Options());
        await client.LoginAsync(user.UserName, user.Password);
        return client;
    }

    /// <summary>Delivers a message to the user's INBOX through LMTP (RFC 2033), as a mail server would.</summary>
    public async Task DeliverAsync(string userName, byte[] message)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(Host, LmtpPort);
        var stream = tcp.GetStream();
        var reader = new StreamReader(stream, Encoding.ASCII);
        await ExpectAsync(reader, "220");
        await SendAsync(stream, "LHLO localhost\r\n");
        await ExpectAsync(reader, "250");
        await SendAsync(stream, $"MAIL FROM:<{LmtpSender}>\r\n");
        await ExpectAsync(reader, "250");
        await SendAsync(stream, $"RCPT TO:<{userName}>\r\n");
        await ExpectAsync(reader, "250");
        await SendAsync(stream, "DATA\r\n");
        await ExpectAsync(reader, "354");
        await stream.WriteAsync(DotStuff(message));
        await SendAsync(stream, ".\r\n");
        await ExpectAsync(reader, "250");
        await SendAsync(stream, "QUIT\r\n");
    }

    /// <summary>Disconnects the user's IMAP connections the way an administrator would (doveadm kick).</summary>
    public async Task KickAsync(string userName)
    {
        var start = new ProcessStartInfo("/usr/bin/doveadm")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "-c", Path.Combine(_root, "dovecot.conf"), "kick", userName })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start doveadm.");
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"doveadm kick {userName} failed ({process.ExitCode}): {output}");
        }
    }

    /// <summary>The bytes Dovecot puts before a delivered message: the Return-Path header.</summary>
    public static byte[] DeliveryPrefix => Encoding.ASCII.GetBytes($"Return-Path: <{LmtpSender}>\r\n");

    /// <summary>
    /// Whether the log shows <paramref name="text"/> within 30 seconds. Dovecot's processes log through
    /// a separate log process, so a line can arrive after the client already got its reply.
    /// </summary>
    public async Task<bool> LogShowsAsync(string text)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!ReadLog().Contains(text, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(20);
        }

        return true;
    }

    /// <summary>The server's log so far (for failure messages).</summary>
    public string ReadLog()
    {
        try
        {
            using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return new StreamReader(stream).ReadToEnd();
        }
        catch (IOException)
        {
            return "";
        }
    }

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
            // A process that has not quite let go of a file; the directory is under the temp directory anyway.
        }
    }

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

    /// <summary>Lines starting with '.' get another '.', and the message ends with CRLF (RFC 5321 §4.5.2).</summary>
    private static byte[] DotStuff(byte[] message)
    {
        var output = new MemoryStream(message.Length + 1024);
        var lineStart = true;
        foreach (var b in message)
        {
            if (lineStart && b == '.')
            {
                output.WriteByte((byte)'.');
            }

            output.WriteByte(b);
            lineStart = b == '\n';
        }

        if (!lineStart)
        {
            output.Write("\r\n"u8);
        }

        return output.ToArray();
    }

    private static Task SendAsync(NetworkStream stream, string line) => stream.WriteAsync(Encoding.ASCII.GetBytes(line)).AsTask();

    /// <summary>Reads a (possibly multi-line) reply and checks its code.</summary>
    private static async Task ExpectAsync(StreamReader reader, string code)
    {
        while (true)
        {
            var line = await reader.ReadLineAsync() ?? throw new IOException("LMTP: the server closed the connection.");
            if (line.Length >= 4 && line[3] == '-')
            {
                continue;
            }

            if (!line.StartsWith(code, StringComparison.Ordinal))
            {
                throw new IOException($"LMTP: expected {code}, got '{line}'.");
            }

            return;
        }
    }

    /// <summary>Who owns the mail: nobody/nogroup as root, the current user otherwise.</summary>
    private static async Task<(string User, string Group)> MailAccountAsync()
    {
        if (Environment.IsPrivilegedProcess)
        {
            return ("nobody", "nogroup");
        }

        return (await IdAsync("-un"), await IdAsync("-gn"));

        static async Task<string> IdAsync(string flag)
        {
            var start = new ProcessStartInfo("id", flag) { RedirectStandardOutput = true, UseShellExecute = false };
            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            return output.Trim();
        }
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"Dovecot imap={ImapPort} imaps={ImapsPort} lmtp={LmtpPort}");
}
