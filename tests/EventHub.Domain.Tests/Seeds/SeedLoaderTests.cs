using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using EventHub.Domain.Seeds;

namespace EventHub.Domain.Tests.Seeds;

/// <summary>
/// The real seeds load; every kind of broken seed is rejected with the file and the line that is wrong.
/// Broken seeds are edited copies of the real files in a temporary "seeds" folder, so messages read "seeds/…".
/// </summary>
public sealed class SeedLoaderTests : IDisposable
{
    private const string SitesFile = "seeds/sites.csv";
    private const string ForumFile = "seeds/forum.json";
    private const int SomeSiteLine = 14;

    private static readonly string RepoSeeds = FindRepoSeeds();
    private readonly string _seeds;

    public SeedLoaderTests()
    {
        _seeds = Path.Combine(Path.GetTempPath(), $"eventhub-seed-tests-{Guid.NewGuid():N}", "seeds");
        Directory.CreateDirectory(_seeds);
        foreach (var file in new[] { "sites.csv", "forum.json" })
            File.Copy(Path.Combine(RepoSeeds, file), Path.Combine(_seeds, file));
    }

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_seeds)!, recursive: true);

    // ---- the real seeds ----

    [Fact]
    public void RealSeeds_Load_62SitesWithDistinctCodesSlugsAndGsoCodes()
    {
        var sites = SeedLoader.Load(RepoSeeds).Sites;

        Assert.Equal(62, sites.Count);
        Assert.Equal(62, sites.Select(s => s.Code).Distinct().Count());
        Assert.Equal(62, sites.Select(s => s.Slug).Distinct().Count());
        Assert.Equal(62, sites.Select(s => s.GsoCode).Distinct().Count());
        Assert.Equal(62, sites.Select(s => s.Name).Distinct().Count());
    }

    [Fact]
    public void RealSeeds_AllTextIsNfc()
    {
        var seeds = SeedLoader.Load(RepoSeeds);
        var forum = seeds.Forum;
        var texts = seeds.Sites.Select(s => s.Name)
            .Concat([forum.Title, forum.TitleEn, forum.Theme, forum.ThemeEn, forum.Venue, forum.VenueEn,
                forum.Organiser, forum.OrganiserEn])
            .Concat(forum.Programme.SelectMany(item => new[] { item.Title, item.TitleEn }))
            .Concat(forum.Programme.SelectMany(item => item.Speakers)
                .SelectMany(speaker => new[] { speaker.Name, speaker.Title, speaker.TitleEn }));

        Assert.All(texts, text => Assert.True(text.IsNormalized(NormalizationForm.FormC), text));
        foreach (var file in new[] { "sites.csv", "forum.json", "README.md" })
            Assert.True(File.ReadAllText(Path.Combine(RepoSeeds, file)).IsNormalized(NormalizationForm.FormC), file);
    }

    [Fact]
    public void RealSeeds_HaNoiHostsTheHallAndIsNotABridgePoint()
    {
        var sites = SeedLoader.Load(RepoSeeds).Sites;

        Assert.DoesNotContain(sites, s => s.GsoCode == "01" || s.Slug == "ha-noi" || s.Name.Contains("Hà Nội"));
    }

    [Fact]
    public void RealSeeds_UseEveryRegionAndOnlyKnownOnes()
    {
        var regions = SeedLoader.Load(RepoSeeds).Sites.Select(s => s.Region).ToHashSet();

        Assert.True(regions.SetEquals(SiteRegions.All));
    }

    [Fact]
    public void RealSeeds_KnownSitesHaveTheirOfficialCodes()
    {
        var seeds = SeedLoader.Load(RepoSeeds);

        Assert.Equal(("TP. Hồ Chí Minh", "79", "southeast"), Describe(seeds.FindSite("HCM")));
        Assert.Equal(("Hải Phòng", "31", "red-river-delta"), Describe(seeds.FindSite("HPG")));
        Assert.Equal(("Đà Nẵng", "48", "north-central-coast"), Describe(seeds.FindSite("DNG")));
        Assert.Equal(("Cần Thơ", "92", "mekong-delta"), Describe(seeds.FindSite("CTO")));
        Assert.Equal(("Đắk Lắk", "66", "central-highlands"), Describe(seeds.FindSite("DLK")));
        Assert.Equal(("Hà Giang", "02", "northern-midlands-mountains"), Describe(seeds.FindSite("HGG")));

        static (string, string, string)? Describe(BridgeSite? site) =>
            site is null ? null : (site.Name, site.GsoCode, site.Region);
    }

    [Fact]
    public void RealSeeds_ForumIsTheOneInTheReport()
    {
        var forum = SeedLoader.Load(RepoSeeds).Forum;

        Assert.Equal("toa-dam-ccvc-tre-2024", forum.Id);
        Assert.Equal("Xây dựng đội ngũ cán bộ, công chức, viên chức trẻ vì một Việt Nam hùng cường", forum.Title);
        Assert.Equal(new DateOnly(2024, 8, 20), forum.Date);
        Assert.Equal(85, forum.ExpectedAwardees);
    }

    [Fact]
    public void RealSeeds_ProgrammeOpensWithNgoVanCuongThenTheDeputyMinisterAndEndsWithTheClosing()
    {
        var programme = SeedLoader.Load(RepoSeeds).Forum.Programme;

        Assert.Equal("opening", programme[0].Key);
        Assert.Equal("Ngô Văn Cương", Assert.Single(programme[0].Speakers).Name);
        var deputyMinister = Assert.Single(programme, item => item.Speakers.Any(s => s.Name == "Vũ Chiến Thắng"));
        Assert.Equal("Thứ trưởng Bộ Nội vụ", Assert.Single(deputyMinister.Speakers).Title);
        Assert.Contains(programme, item => item.Key == "discussion");
        Assert.Equal("closing", programme[^1].Key);
        Assert.All(programme, item => Assert.InRange(item.DefaultSpeakingSeconds, 30, 3600));
    }

    [Theory]
    [InlineData("HCM")]
    [InlineData("hcm")]
    [InlineData("Hcm")]
    public void FindSite_IgnoresCase(string code) =>
        Assert.Equal("TP. Hồ Chí Minh", SeedLoader.Load(RepoSeeds).FindSite(code)?.Name);

    [Fact]
    public void FindSite_UnknownCode_ReturnsNull() => Assert.Null(SeedLoader.Load(RepoSeeds).FindSite("HNI"));

    // ---- sites.csv: tolerated variations ----

    [Fact]
    public void Sites_WithWindowsLineEndingsAndAByteOrderMark_StillLoad()
    {
        var text = File.ReadAllText(Path.Combine(_seeds, "sites.csv")).ReplaceLineEndings("\r\n");
        var withByteOrderMark = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);
        File.WriteAllText(Path.Combine(_seeds, "sites.csv"), text, withByteOrderMark);

        Assert.Equal(62, SeedLoader.Load(_seeds).Sites.Count);
    }

    // ---- sites.csv: rejected ----

    [Theory]
    [InlineData("code", "", "code is empty")]
    [InlineData("code", "H", "code \"H\" must be 2 to 4 uppercase ASCII letters")]
    [InlineData("code", "QNHX1", "code \"QNHX1\" must be 2 to 4 uppercase ASCII letters")]
    [InlineData("code", "qnh", "code \"qnh\" must be 2 to 4 uppercase ASCII letters")]
    [InlineData("code", "QN1", "code \"QN1\" must be 2 to 4 uppercase ASCII letters")]
    [InlineData("code", "ĐNG", "code \"ĐNG\" must be 2 to 4 uppercase ASCII letters")]
    [InlineData("code", "QNH ", "code has leading or trailing spaces")]
    [InlineData("name", "", "name is empty")]
    [InlineData("name", "   ", "name is empty")]
    [InlineData("name", " Quảng Ninh", "name has leading or trailing spaces")]
    [InlineData("slug", "Quang-Ninh", "slug \"Quang-Ninh\" must be lowercase ASCII words joined by hyphens")]
    [InlineData("slug", "quang--ninh", "slug \"quang--ninh\" must be")]
    [InlineData("slug", "quang_ninh", "slug \"quang_ninh\" must be")]
    [InlineData("slug", "quảng-ninh", "slug \"quảng-ninh\" must be")]
    [InlineData("slug", "-quang-ninh", "slug \"-quang-ninh\" must be")]
    [InlineData("region", "north-east", "region \"north-east\" is not one of: northern-midlands-mountains, ")]
    [InlineData("region", "Red-River-Delta", "region \"Red-River-Delta\" is not one of")]
    [InlineData("gso", "", "gso is empty")]
    [InlineData("gso", "2", "gso \"2\" must be the two-digit administrative code")]
    [InlineData("gso", "022", "gso \"022\" must be the two-digit administrative code")]
    [InlineData("gso", "2a", "gso \"2a\" must be the two-digit administrative code")]
    public void Sites_BadField_IsRejectedOnItsLine(string column, string value, string problem)
    {
        SetSiteField(SomeSiteLine, column, value);

        AssertRejected(SitesFile, SomeSiteLine, problem);
    }

    [Fact]
    public void Sites_NameNotNfc_IsRejectedOnItsLine()
    {
        var name = SiteField(SomeSiteLine, "name");
        Assert.NotEqual(name, name.Normalize(NormalizationForm.FormD));
        SetSiteField(SomeSiteLine, "name", name.Normalize(NormalizationForm.FormD));

        var error = AssertRejected(SitesFile, SomeSiteLine, "name is not NFC-normalised");
        Assert.Equal($"{SitesFile} line {SomeSiteLine}: name is not NFC-normalised", error.Message);
    }

    [Theory]
    [InlineData("\u202E")]
    [InlineData("\u200B")]
    [InlineData("\uFEFF")]
    [InlineData("\u2028")]
    public void Sites_NameWithAnInvisibleCharacter_IsRejectedOnItsLine(string hidden)
    {
        var name = SiteField(SomeSiteLine, "name");
        SetSiteField(SomeSiteLine, "name", name.Insert(2, hidden));

        AssertRejected(SitesFile, SomeSiteLine, "name has control or invisible characters");
    }

    [Theory]
    [InlineData("\\u202E")]
    [InlineData("\\u2066")]
    [InlineData("\\u00AD")]
    public void Forum_SpeakerNameWithAnInvisibleCharacter_IsRejectedOnItsLine(string escaped)
    {
        const string line = "\"name\": \"Vũ Chiến Thắng\"";
        var edited = line.Replace("Vũ ", $"Vũ{escaped} ");
        var text = EditForumText(line, edited);

        AssertRejected(ForumFile, LineOf(text, edited), "has control or invisible characters");
    }

    [Theory]
    [InlineData("code,name,slug,region", "the header must be exactly \"code,name,slug,region,gso\"")]
    [InlineData("code,name,slug,region,gso,extra", "the header must be exactly")]
    [InlineData("Code,Name,Slug,Region,Gso", "the header must be exactly")]
    [InlineData("HGG,Hà Giang,ha-giang,northern-midlands-mountains,02", "the header must be exactly")]
    public void Sites_WrongHeader_IsRejectedOnLine1(string header, string problem)
    {
        EditSitesLines(lines => lines[0] = header);

        AssertRejected(SitesFile, 1, problem);
    }

    [Theory]
    [InlineData(",northern-midlands-mountains", 6)]
    [InlineData(",extra", 6)]
    public void Sites_TooManyFields_IsRejectedOnItsLine(string appended, int found)
    {
        EditSitesLines(lines => lines[SomeSiteLine - 1] += appended);

        AssertRejected(SitesFile, SomeSiteLine, $"expected 5 fields (code,name,slug,region,gso) but found {found}");
    }

    [Fact]
    public void Sites_TooFewFields_IsRejectedOnItsLine()
    {
        EditSitesLines(lines => lines[SomeSiteLine - 1] = string.Join(',', lines[SomeSiteLine - 1].Split(',')[..4]));

        AssertRejected(SitesFile, SomeSiteLine, "expected 5 fields (code,name,slug,region,gso) but found 4");
    }

    [Fact]
    public void Sites_CommaInsideAName_IsRejectedAsAnExtraField()
    {
        SetSiteField(SomeSiteLine, "name", "Bà Rịa, Vũng Tàu");

        AssertRejected(SitesFile, SomeSiteLine, "commas are not allowed inside fields");
    }

    [Fact]
    public void Sites_BlankLineBetweenSites_IsRejectedOnItsLine()
    {
        EditSitesLines(lines => lines.Insert(SomeSiteLine - 1, ""));

        AssertRejected(SitesFile, SomeSiteLine, "blank line");
    }

    [Theory]
    [InlineData("code")]
    [InlineData("slug")]
    [InlineData("gso")]
    public void Sites_DuplicateValue_IsRejectedOnTheSecondLineNamingTheFirst(string column)
    {
        const int firstLine = 3, secondLine = 30;
        var value = SiteField(firstLine, column);
        SetSiteField(secondLine, column, value);

        AssertRejected(SitesFile, secondLine, $"duplicate {column} \"{value}\" (first on line {firstLine})");
    }

    [Fact]
    public void Sites_HaNoiInPlaceOfASite_IsRejectedOnItsLine()
    {
        EditSitesLines(lines => lines[SomeSiteLine - 1] = "HNI,Hà Nội,ha-noi,red-river-delta,01");

        AssertRejected(SitesFile, SomeSiteLine, "Hà Nội (gso 01) hosts the main hall and is not a bridge point");
    }

    [Fact]
    public void Sites_HaNoiAddedAsA63rdSite_IsRejectedAsHaNoiNotAsTheCount()
    {
        EditSitesLines(lines => lines.Insert(1, "HNI,Hà Nội,ha-noi,red-river-delta,01"));

        AssertRejected(SitesFile, 2, "Hà Nội (gso 01)");
    }

    [Fact]
    public void Sites_A63rdSite_IsRejectedOnItsLine()
    {
        EditSitesLines(lines => lines.Add("XYZ,Thử Nghiệm,thu-nghiem,southeast,99"));

        AssertRejected(SitesFile, 64, "site number 63; there must be exactly 62");
    }

    [Fact]
    public void Sites_OnlySixtyOne_IsRejectedOnTheLastLine()
    {
        EditSitesLines(lines => lines.RemoveAt(lines.Count - 1));

        AssertRejected(SitesFile, 62, "only 61 sites; there must be exactly 62");
    }

    [Fact]
    public void Sites_HeaderOnly_IsRejectedOnLine1()
    {
        EditSitesLines(lines => lines.RemoveRange(1, lines.Count - 1));

        AssertRejected(SitesFile, 1, "only 0 sites; there must be exactly 62");
    }

    [Fact]
    public void Sites_InvalidUtf8_IsRejectedOnItsLine()
    {
        var lines = File.ReadAllLines(Path.Combine(_seeds, "sites.csv"));
        var bytes = new List<byte>();
        for (var index = 0; index < lines.Length; index++)
        {
            bytes.AddRange(Encoding.UTF8.GetBytes(lines[index]));
            if (index == SomeSiteLine - 1)
                bytes.AddRange([0xC3, 0x28]); // a lead byte with no continuation, as a Latin-1 editor might leave
            bytes.Add((byte)'\n');
        }
        File.WriteAllBytes(Path.Combine(_seeds, "sites.csv"), bytes.ToArray());

        AssertRejected(SitesFile, SomeSiteLine, "not valid UTF-8");
    }

    [Fact]
    public void Sites_MissingFile_IsRejectedNamingTheFile()
    {
        File.Delete(Path.Combine(_seeds, "sites.csv"));

        var error = Assert.Throws<SeedDataException>(() => SeedLoader.Load(_seeds));
        Assert.Equal(SitesFile, error.File);
        Assert.Null(error.Line);
        Assert.StartsWith($"{SitesFile}: file not found", error.Message);
    }

    // ---- forum.json: rejected ----

    [Theory]
    [InlineData("titleEn", "\"\"", "\"titleEn\" is empty")]
    [InlineData("theme", "\" Nâng cao\"", "\"theme\" has leading or trailing spaces")]
    [InlineData("venueEn", "1", "\"venueEn\" must be a string")]
    [InlineData("id", "\"Tọa đàm 2024\"", "\"id\" \"Tọa đàm 2024\" must be lowercase ASCII words joined by hyphens")]
    [InlineData("date", "\"20/08/2024\"", "\"date\" \"20/08/2024\" must be a date written yyyy-MM-dd")]
    [InlineData("date", "\"2024-02-30\"", "\"date\" \"2024-02-30\" must be a date written yyyy-MM-dd")]
    [InlineData("expectedAwardees", "\"85\"", "\"expectedAwardees\" must be a whole number")]
    [InlineData("expectedAwardees", "-1", "\"expectedAwardees\" must be a whole number from 0 to 100000, not -1")]
    [InlineData("programme", "[]", "\"programme\" must list at least one item")]
    [InlineData("programme", "\"none\"", "\"programme\" must be an array")]
    [InlineData("titel", "\"typo\"", "unknown property \"titel\"")]
    public void Forum_BadValue_IsRejectedOnItsLine(string property, string json, string problem)
    {
        var text = EditForumJson(forum => forum[property] = JsonNode.Parse(json));

        AssertRejected(ForumFile, LineOf(text, $"\"{property}\": {json}"), problem);
    }

    [Theory]
    [InlineData(3, "key", "\"bế-mạc\"", "\"key\" \"bế-mạc\" must be lowercase ASCII words joined by hyphens")]
    [InlineData(0, "defaultSpeakingSeconds", "29", "\"defaultSpeakingSeconds\" must be a whole number from 30 to 3600, not 29")]
    [InlineData(0, "defaultSpeakingSeconds", "3601", "from 30 to 3600, not 3601")]
    [InlineData(0, "defaultSpeakingSeconds", "90.5", "from 30 to 3600, not 90.5")]
    [InlineData(0, "defaultSpeakingSeconds", "\"600\"", "\"defaultSpeakingSeconds\" must be a whole number")]
    [InlineData(2, "titleEn", "\"\"", "\"titleEn\" is empty")]
    [InlineData(2, "speakers", "\"anyone\"", "\"speakers\" must be an array")]
    [InlineData(2, "speaker", "[]", "unknown property \"speaker\"")]
    public void Forum_BadProgrammeValue_IsRejectedOnItsLine(int item, string property, string json, string problem)
    {
        var text = EditForumJson(forum => forum["programme"]![item]![property] = JsonNode.Parse(json));

        AssertRejected(ForumFile, LineOf(text, $"\"{property}\": {json}"), problem);
    }

    [Theory]
    [InlineData("title")]
    [InlineData("programme")]
    public void Forum_MissingField_IsRejectedOnTheLineOfItsObject(string property)
    {
        EditForumJson(forum => forum.Remove(property));

        AssertRejected(ForumFile, 1, $"the top level has no \"{property}\"");
    }

    [Fact]
    public void Forum_SpeakerWithoutEnglishTitle_IsRejectedOnTheSpeakersLine()
    {
        var text = EditForumJson(forum => forum["programme"]![1]!["speakers"]![0]!.AsObject().Remove("titleEn"));

        AssertRejected(ForumFile, LineOf(text, "\"name\": \"Vũ Chiến Thắng\"") - 1,
            "\"programme[1].speakers[0]\" has no \"titleEn\"");
    }

    [Fact]
    public void Forum_DuplicateProgrammeKey_IsRejectedOnTheSecondNamingTheFirst()
    {
        var text = EditForumJson(forum => forum["programme"]![3]!["key"] = "opening");

        AssertRejected(ForumFile, LineOf(text, "\"key\": \"opening\"", occurrence: 2),
            $"duplicate programme key \"opening\" (first on line {LineOf(text, "\"key\": \"opening\"")})");
    }

    [Fact]
    public void Forum_ItemThatIsNotAnObject_IsRejectedOnItsLine()
    {
        var text = EditForumJson(forum => forum["programme"]![3] = "closing");

        AssertRejected(ForumFile, LineOf(text, "\"closing\""), "\"programme[3]\" must be a JSON object, not string");
    }

    [Fact]
    public void Forum_TopLevelArray_IsRejectedOnLine1()
    {
        File.WriteAllText(Path.Combine(_seeds, "forum.json"), "[\n  1\n]\n");

        AssertRejected(ForumFile, 1, "the top level must be a JSON object, not array");
    }

    [Fact]
    public void Forum_RepeatedProperty_IsRejectedOnTheSecondNamingTheFirst()
    {
        var text = EditForumText("\"organiser\": \"Trung", "\"title\": \"again\",\n  \"organiser\": \"Trung");

        AssertRejected(ForumFile, LineOf(text, "\"again\""),
            $"\"title\" appears twice (first on line {LineOf(text, "\"title\"")})");
    }

    [Fact]
    public void Forum_InvalidJson_IsRejectedOnTheLineWhereItBreaks()
    {
        var text = EditForumText("\"titleEn\": \"Closing\",", "\"titleEn\": \"Closing\"");

        AssertRejected(ForumFile, LineOf(text, "\"titleEn\": \"Closing\"") + 1,
            "not valid JSON: '\"' is invalid after a value.");
    }

    [Theory]
    [InlineData("\"name\": \"Vũ Chiến Thắng\"")]
    [InlineData("\"title\": \"Thảo luận, đề xuất giải pháp, sáng kiến\"")]
    [InlineData("\"venueEn\": \"Main hall, Hà Nội\"")]
    public void Forum_TextNotNfc_IsRejectedOnItsLine(string line)
    {
        var decomposed = line.Normalize(NormalizationForm.FormD);
        var text = EditForumText(line, decomposed);

        AssertRejected(ForumFile, LineOf(text, decomposed), "is not NFC-normalised");
    }

    [Theory]
    [InlineData(30)]
    [InlineData(3600)]
    public void Forum_SpeakingSecondsAtTheLimits_AreAccepted(int seconds)
    {
        EditForumJson(forum => forum["programme"]![0]!["defaultSpeakingSeconds"] = seconds);

        Assert.Equal(seconds, SeedLoader.Load(_seeds).Forum.Programme[0].DefaultSpeakingSeconds);
    }

    [Fact]
    public void Forum_ItemWithoutSpeakers_HasAnEmptySpeakerList()
    {
        var discussion = SeedLoader.Load(_seeds).Forum.Programme.Single(item => item.Key == "discussion");

        Assert.Empty(discussion.Speakers);
    }

    // ---- awardees.csv ----

    private void WriteAwardees(params string[] lines) =>
        File.WriteAllText(Path.Combine(_seeds, "awardees.csv"), string.Join("\n", ["site,name", .. lines]) + "\n");

    [Fact]
    public void Awardees_Absent_MeansNoKnownRecipients() =>
        Assert.Equal(0, SeedLoader.Load(_seeds).Awardees.Count);

    [Fact]
    public void RealSeeds_AwardeesLoad() =>
        Assert.True(SeedLoader.Load(RepoSeeds).Awardees.Count <= SeedLoader.Load(RepoSeeds).Forum.ExpectedAwardees);

    [Fact]
    public void Awardees_Listed_AreKnownBySiteAndName()
    {
        WriteAwardees("HCM,Nguyễn Thị Thúy Hằng", "DNG,Đặng Văn Lâm");

        var awardees = SeedLoader.Load(_seeds).Awardees;

        Assert.Equal(2, awardees.Count);
        Assert.True(awardees.Contains("HCM", "nguyễn thị thuý hằng"));
        Assert.False(awardees.Contains("HCM", "Đặng Văn Lâm"));
    }

    [Theory]
    [InlineData("XYZ,Lê Văn An", "site \"XYZ\" is not a code in sites.csv")]
    [InlineData("HCM,Lê Văn An,extra", "expected 2 fields")]
    [InlineData("HCM,Lê Văn\u202E An", "name has control or invisible characters")]
    [InlineData("HCM, Lê Văn An", "name has leading or trailing spaces")]
    [InlineData("HCM,LÊ VĂN AN", "duplicate recipient")]
    public void Awardees_BadLine_IsRejectedOnItsLine(string line, string problem)
    {
        WriteAwardees("HCM,Lê Văn An", line);

        AssertRejected("seeds/awardees.csv", 3, problem);
    }

    [Fact]
    public void Awardees_MoreThanExpected_AreRejected()
    {
        EditForumJson(forum => forum["expectedAwardees"] = 1);
        WriteAwardees("HCM,Lê Văn An", "DNG,Lê Văn Bình");

        AssertRejected("seeds/awardees.csv", 3, "more than forum.json's expectedAwardees (1)");
    }

    // ---- helpers ----

    private SeedDataException AssertRejected(string file, int line, string problem)
    {
        var error = Assert.Throws<SeedDataException>(() => SeedLoader.Load(_seeds));
        Assert.Equal(file, error.File);
        Assert.Equal(line, error.Line);
        Assert.StartsWith($"{file} line {line}: ", error.Message);
        Assert.Contains(problem, error.Message);
        return error;
    }

    private void EditSitesLines(Action<List<string>> edit)
    {
        var path = Path.Combine(_seeds, "sites.csv");
        var lines = File.ReadAllLines(path).ToList();
        edit(lines);
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
    }

    private string SiteField(int line, string column) =>
        File.ReadAllLines(Path.Combine(_seeds, "sites.csv"))[line - 1].Split(',')[ColumnIndex(column)];

    private void SetSiteField(int line, string column, string value) => EditSitesLines(lines =>
    {
        var fields = lines[line - 1].Split(',');
        fields[ColumnIndex(column)] = value;
        lines[line - 1] = string.Join(",", fields);
    });

    private static int ColumnIndex(string column) => Array.IndexOf(["code", "name", "slug", "region", "gso"], column);

    /// <summary>Replaces the one occurrence of <paramref name="find"/> in the copied forum.json; returns the new text.</summary>
    private string EditForumText(string find, string replacement)
    {
        var path = Path.Combine(_seeds, "forum.json");
        var text = File.ReadAllText(path);
        Assert.True(text.IndexOf(find, StringComparison.Ordinal) == text.LastIndexOf(find, StringComparison.Ordinal)
            && text.Contains(find, StringComparison.Ordinal), $"forum.json must contain exactly one {find}");
        text = text.Replace(find, replacement, StringComparison.Ordinal);
        File.WriteAllText(path, text);
        return text;
    }

    // Unescaped, so that edited files stay readable and tests can find Vietnamese text in them.
    private static readonly JavaScriptEncoder KeepVietnamese = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    /// <summary>Edits the copied forum.json as a JSON tree and writes it back indented; returns the new text.</summary>
    private string EditForumJson(Action<JsonObject> edit)
    {
        var path = Path.Combine(_seeds, "forum.json");
        var forum = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        edit(forum);
        var text = forum.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = KeepVietnamese });
        File.WriteAllText(path, text);
        return text;
    }

    /// <summary>The 1-based line on which the given occurrence of <paramref name="snippet"/> starts.</summary>
    private static int LineOf(string text, string snippet, int occurrence = 1)
    {
        var index = -1;
        for (var found = 0; found < occurrence; found++)
        {
            index = text.IndexOf(snippet, index + 1, StringComparison.Ordinal);
            Assert.True(index >= 0, $"no occurrence {occurrence} of {snippet} in the edited file");
        }
        return 1 + text[..index].Count(c => c == '\n');
    }

    /// <summary>The repository's seeds/ folder: walk up from the test binaries to the folder holding EventHub.sln.</summary>
    private static string FindRepoSeeds()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "EventHub.sln")))
                return Path.Combine(folder.FullName, "seeds");
        }
        throw new InvalidOperationException($"no EventHub.sln above {AppContext.BaseDirectory}");
    }
}
