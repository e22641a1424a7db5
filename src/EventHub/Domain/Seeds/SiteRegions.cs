namespace EventHub.Domain.Seeds;

/// <summary>
/// The six socio-economic regions (vùng kinh tế - xã hội) used by the statistics office in 2024,
/// as the ASCII keys that <c>seeds/sites.csv</c> uses.
/// </summary>
public static class SiteRegions
{
    public const string NorthernMidlandsMountains = "northern-midlands-mountains"; // Trung du và miền núi phía Bắc
    public const string RedRiverDelta = "red-river-delta"; // Đồng bằng sông Hồng
    public const string NorthCentralCoast = "north-central-coast"; // Bắc Trung Bộ và Duyên hải miền Trung
    public const string CentralHighlands = "central-highlands"; // Tây Nguyên
    public const string Southeast = "southeast"; // Đông Nam Bộ
    public const string MekongDelta = "mekong-delta"; // Đồng bằng sông Cửu Long

    public static IReadOnlyList<string> All { get; } =
    [
        NorthernMidlandsMountains, RedRiverDelta, NorthCentralCoast, CentralHighlands, Southeast, MekongDelta,
    ];
}
