using System.Security.Cryptography;
using System.Text;

namespace ClauseDesk.Mail;

/// <summary>
/// Seals secrets stored in the database (mailbox passwords) with AES-256-GCM under the installation's
/// key: <c>CLAUSEDESK_SECRET_KEY</c> (32 bytes, base64) or, when unset, a key file created once beside
/// the data (<c>data/secret.key</c>). Several servers sharing one database must share the variable.
/// </summary>
public sealed class SecretBox
{
    public const string KeyVariable = "CLAUSEDESK_SECRET_KEY";
    private const string Version = "v1";
    private readonly byte[] _key;

    public SecretBox(byte[] key)
    {
        if (key.Length != 32)
        {
            throw new ArgumentException("the key is 32 bytes", nameof(key));
        }

        _key = key;
    }

    /// <summary>The installation's box: from the variable, or from the key file (created on first use, readable by its owner only).</summary>
    public static SecretBox FromEnvironment(string keyFile = "data/secret.key")
    {
        if (Environment.GetEnvironmentVariable(KeyVariable) is { Length: > 0 } text)
        {
            try
            {
                return new SecretBox(Convert.FromBase64String(text));
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                throw new InvalidOperationException($"{KeyVariable} must be 32 bytes in base64 (e.g. from: openssl rand -base64 32)", e);
            }
        }

        if (!File.Exists(keyFile))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(keyFile))!);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            try
            {
                using var stream = new FileStream(keyFile, options);
                stream.Write(RandomNumberGenerator.GetBytes(32));
            }
            catch (IOException) when (File.Exists(keyFile))
            {
                // Another process created it first: use theirs.
            }
        }

        return new SecretBox(File.ReadAllBytes(keyFile));
    }

    public string Seal(string secret)
    {
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var plain = Encoding.UTF8.GetBytes(secret);
        var cipher = new byte[plain.Length];
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        using var aes = new AesGcm(_key, tag.Length);
        aes.Encrypt(nonce, plain, cipher, tag);
        return $"{Version}.{Convert.ToBase64String(nonce)}.{Convert.ToBase64String(cipher)}.{Convert.ToBase64String(tag)}";
    }

    /// <exception cref="CryptographicException">Sealed under another key, or altered.</exception>
    public string Open(string sealedText)
    {
        var parts = sealedText.Split('.');
        if (parts.Length != 4 || parts[0] != Version)
        {
            throw new CryptographicException("not a sealed secret");
        }

        var nonce = Convert.FromBase64String(parts[1]);
        var cipher = Convert.FromBase64String(parts[2]);
        var tag = Convert.FromBase64String(parts[3]);
        var plain = new byte[cipher.Length];
        using var aes = new AesGcm(_key, tag.Length);
        aes.Decrypt(nonce, cipher, tag, plain);
        return Encoding.UTF8.GetString(plain);
    }
}
