using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ClauseDesk.Infrastructure;

/// <summary>A self-signed certificate for 127.0.0.1 and localhost, made fresh for a test server.</summary>
public sealed class TestCertificate
{
    private TestCertificate(X509Certificate2 certificate, string certificatePem, string privateKeyPem)
    {
        Certificate = certificate;
        CertificatePem = certificatePem;
        PrivateKeyPem = privateKeyPem;
    }

    /// <summary>The certificate without its private key: what a client pins.</summary>
    public X509Certificate2 Certificate { get; }

    public string CertificatePem { get; }

    public string PrivateKeyPem { get; }

    public static TestCertificate Create(string commonName = "localhost")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(
            new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = DateTimeOffset.UtcNow;
        using var withKey = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(2));
        var certificatePem = withKey.ExportCertificatePem();
        var keyPem = key.ExportPkcs8PrivateKeyPem();
        return new TestCertificate(X509CertificateLoader.LoadCertificate(withKey.RawData), certificatePem, keyPem);
    }

    /// <summary>Writes cert.pem and key.pem into the directory; returns their paths.</summary>
    public (string CertificatePath, string KeyPath) WriteTo(string directory)
    {
        var certificatePath = Path.Combine(directory, "cert.pem");
        var keyPath = Path.Combine(directory, "key.pem");
        File.WriteAllText(certificatePath, CertificatePem);
        File.WriteAllText(keyPath, PrivateKeyPem);
        return (certificatePath, keyPath);
    }
}
