namespace EventHub.Domain.Seeds;

/// <summary>One of the 62 provincial bridge points (điểm cầu) linked to the Hà Nội hall.</summary>
/// <param name="Code">Our stable short code, e.g. <c>HCM</c>; what sites type and URLs carry.</param>
/// <param name="Name">Vietnamese name as people write it, NFC, e.g. <c>TP. Hồ Chí Minh</c>.</param>
/// <param name="Slug">ASCII form of the name, e.g. <c>ho-chi-minh</c>.</param>
/// <param name="Region">One of <see cref="SiteRegions.All"/>.</param>
/// <param name="GsoCode">Official two-digit administrative code (mã đơn vị hành chính), e.g. <c>79</c>.</param>
public sealed record BridgeSite(string Code, string Name, string Slug, string Region, string GsoCode);

public sealed record SpeakerSeed(string Name, string Title, string TitleEn);

/// <param name="DefaultSpeakingSeconds">Speaking time each speaker on this item gets unless the moderator changes it.</param>
public sealed record ProgrammeItemSeed(
    string Key, string Title, string TitleEn, int DefaultSpeakingSeconds, IReadOnlyList<SpeakerSeed> Speakers);

public sealed record ForumSeed(
    string Id,
    string Title,
    string TitleEn,
    string Theme,
    string ThemeEn,
    DateOnly Date,
    string Venue,
    string VenueEn,
    string Organiser,
    string OrganiserEn,
    int ExpectedAwardees,
    IReadOnlyList<ProgrammeItemSeed> Programme);

/// <summary>Everything in <c>seeds/</c>, validated. Build it with <see cref="SeedLoader.Load"/>.</summary>
public sealed record SeedData(ForumSeed Forum, IReadOnlyList<BridgeSite> Sites)
{
    /// <summary>The award recipients of <c>awardees.csv</c> (none when the file is absent).</summary>
    public Attendance.AwardRecipients Awardees { get; init; } = Attendance.AwardRecipients.None;

    /// <summary>The site with this code, ignoring case (hosts type "hcm" as often as "HCM"); null if none.</summary>
    public BridgeSite? FindSite(string code) =>
        Sites.FirstOrDefault(site => string.Equals(site.Code, code, StringComparison.OrdinalIgnoreCase));
}
