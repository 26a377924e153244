using System.Text;

namespace ClauseDesk.Imap;

/// <summary>
/// IMAP's modified UTF-7 for mailbox names (RFC 3501 §5.1.3): printable ASCII as is ("&amp;" as
/// "&amp;-"), everything else as UTF-16 in base64 with ',' for '/', between '&amp;' and '-'.
/// </summary>
internal static class ModifiedUtf7
{
    public static string Encode(string name)
    {
        var builder = new StringBuilder(name.Length);
        var i = 0;
        while (i < name.Length)
        {
            var c = name[i];
            if (c is >= (char)0x20 and <= (char)0x7E)
            {
                builder.Append(c == '&' ? "&-" : c.ToString());
                i++;
                continue;
            }

            var start = i;
            while (i < name.Length && name[i] is < (char)0x20 or > (char)0x7E)
            {
                i++;
            }

            var utf16 = Encoding.BigEndianUnicode.GetBytes(name[start..i]);
            builder.Append('&').Append(Convert.ToBase64String(utf16).TrimEnd('=').Replace('/', ',')).Append('-');
        }

        return builder.ToString();
    }
}
