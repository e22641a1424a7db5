using System.Text;
using EventHub.Domain.Attendance;

namespace EventHub.Domain.Seeds;

/// <summary>
/// Loads and validates <c>seeds/</c>. Seed mistakes surface at start-up as one <see cref="SeedDataException"/>
/// naming the file and line, not as a wrong site list in the middle of the forum.
/// </summary>
public static class SeedLoader
{
    public const string SitesFileName = "sites.csv";
    public const string ForumFileName = "forum.json";
    public const string AwardeesFileName = "awardees.csv";

    // Strict decoding: a file saved in a legacy code page must fail here, not turn "Hà" into "H�".
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static SeedData Load(string seedsDirectory)
    {
        var folder = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(seedsDirectory)));

        var sitesFile = $"{folder}/{SitesFileName}";
        var sitesBytes = ReadBytes(Path.Combine(seedsDirectory, SitesFileName), sitesFile);
        var sites = SitesCsv.Parse(DecodeUtf8(sitesBytes, sitesFile), sitesFile);

        var forumFile = $"{folder}/{ForumFileName}";
        var forumBytes = ReadBytes(Path.Combine(seedsDirectory, ForumFileName), forumFile);
        DecodeUtf8(forumBytes, forumFile); // the JSON reader only notices bad UTF-8 when a string is read
        var forum = ForumJson.Parse(forumBytes, forumFile);

        // Optional: without it every claim to an award waits for the moderator or the site's host to confirm it.
        var awardeesFile = $"{folder}/{AwardeesFileName}";
        var awardeesPath = Path.Combine(seedsDirectory, AwardeesFileName);
        var awardees = File.Exists(awardeesPath)
            ? AwardeesCsv.Parse(DecodeUtf8(ReadBytes(awardeesPath, awardeesFile), awardeesFile), awardeesFile, sites, forum.ExpectedAwardees)
            : AwardRecipients.None;

        return new SeedData(forum, sites) { Awardees = awardees };
    }

    /// <summary>The file's bytes without a UTF-8 byte-order mark, which Utf8JsonReader would reject.</summary>
    private static byte[] ReadBytes(string path, string file)
    {
        try
        {
            var bytes = File.ReadAllBytes(path);
            return bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? bytes[Encoding.UTF8.Preamble.Length..] : bytes;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new SeedDataException(file, null, $"file not found at {Path.GetFullPath(path)}", e);
        }
    }

    private static string DecodeUtf8(byte[] bytes, string file)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            var line = 1 + bytes.AsSpan(0, Math.Max(0, e.Index)).Count((byte)'\n');
            throw new SeedDataException(file, line, "not valid UTF-8", e);
        }
    }
}
