using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EventHub.Domain.Protocol;
using EventHub.SiteClient;
using EventHub.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Microsoft.Extensions.DependencyInjection;

namespace EventHub.Tests.Hub;

/// <summary>Invariant 7: bad input gets a clear, structured error and changes nothing.</summary>
public sealed class BadInputTests : HubAppTest
{
    async Task<HubConnection> RawConnectionAsync(string? token)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(App.HubUrl, o => o.AccessTokenProvider = () => Task.FromResult(token))
            .Build();
        await connection.StartAsync().WaitAsync(Timeouts.Call);
        return connection;
    }

    [Fact]
    public async Task MissingToken_ConnectionIsRefused()
    {
        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => RawConnectionAsync(null));
        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
    }

    [Fact]
    public async Task ForgedToken_SignedWithAnotherKey_IsRefused()
    {
        var forged = MintToken(new SymmetricSecurityKey(new byte[32]), DateTime.UtcNow.AddHours(1));
        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => RawConnectionAsync(forged));
        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
    }

    [Fact]
    public async Task ExpiredToken_IsRefused()
    {
        var key = App.Services.GetRequiredService<EventHub.Auth.SigningKey>().Key;
        var expired = MintToken(key, DateTime.UtcNow.AddMinutes(-5));
        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => RawConnectionAsync(expired));
        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
    }

    [Fact]
    public async Task TamperedToken_IsRefused()
    {
        var login = await App.LoginDelegateAsync("HCM", "Bùi Thị Xuân");
        var parts = login.Token.Split('.');
        var payload = Base64UrlEncoder.Decode(parts[1]).Replace("\"delegate\"", "\"moderator\"");
        var tampered = $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";
        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => RawConnectionAsync(tampered));
        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
    }

    static string MintToken(SecurityKey key, DateTime expires) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = "eventhub",
        Audience = "eventhub",
        Claims = new Dictionary<string, object> { ["role"] = "moderator", ["name"] = "x", ["sub"] = "moderator" },
        NotBefore = expires.AddHours(-2),
        IssuedAt = expires.AddHours(-2),
        Expires = expires,
        SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
    });

    public static TheoryData<object, HttpStatusCode, string> BadLogins => new()
    {
        { new { role = "moderator", key = "WRONGKEY" }, HttpStatusCode.Unauthorized, "auth.bad_key" },
        { new { role = "moderator" }, HttpStatusCode.Unauthorized, "auth.bad_key" },
        { new { role = "emperor", key = "x" }, HttpStatusCode.Unauthorized, "auth.bad_role" },
        { new { role = "siteHost", key = "x", site = "XYZ" }, HttpStatusCode.BadRequest, "site.unknown" },
        { new { role = "siteHost", key = "x" }, HttpStatusCode.BadRequest, "input.required" },
        { new { role = "delegate", key = "x", site = "HCM", name = "A" }, HttpStatusCode.Unauthorized, "auth.bad_key" },
    };

    [Theory]
    [MemberData(nameof(BadLogins))]
    public async Task TokenEndpoint_RefusesBadLogins_WithAStructuredError(object body, HttpStatusCode status, string code)
    {
        using var response = await App.PostTokenRawAsync(body);
        Assert.Equal(status, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("messageEn").GetString()));
    }

    public static TheoryData<string, string> BadDelegateNames => new()
    {
        { "", "input.required" },
        { "   ", "input.required" },
        { new string('a', 121), "input.too_long" },
        { "Tên\u0007chuông", "input.control_characters" },
        { "Lê Văn \u202Eníhn", "input.control_characters" },
        { "Trần\u200B Thị Thu", "input.control_characters" },
        { "\uFEFFNgô Thị Lan", "input.control_characters" },
        { "Đỗ\u2028Văn", "input.control_characters" },
    };

    [Theory]
    [MemberData(nameof(BadDelegateNames))]
    public async Task DelegateJoin_WithABadName_IsRefusedAndAddsNoEvent(string name, string code)
    {
        var head = App.Engine.View.Head;
        using var response = await App.PostTokenRawAsync(new
        {
            role = "delegate", key = App.Credentials.Sites["HCM"].JoinCode, site = "HCM", name,
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal(head, App.Engine.View.Head);
    }

    [Theory]
    [InlineData("Sở Nội vụ\u2066 (giả)\u2069")]
    [InlineData("Sở\u00ADNội vụ")]
    public async Task DelegateJoin_WithAnInvisibleCharacterInTheAgency_IsRefusedAndAddsNoEvent(string agency)
    {
        var head = App.Engine.View.Head;
        using var response = await App.PostTokenRawAsync(new
        {
            role = "delegate", key = App.Credentials.Sites["HCM"].JoinCode, site = "HCM", name = "Trần Thị Thu", agency,
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
        Assert.Equal("input.control_characters", error.GetProperty("code").GetString());
        Assert.Equal(head, App.Engine.View.Head);
    }

    [Theory]
    [InlineData("Nguyễn Văn \u202Eníhn", "Chuyển đổi số")]
    [InlineData("Nguyễn Văn Hà", "Chuyển đổi số\u200B")]
    [InlineData("Nguyễn Văn Hà", "Chuyển đổi\u2029số")]
    public async Task RequestFloor_WithAnInvisibleCharacter_IsRefusedAndAddsNoEvent(string speaker, string topic)
    {
        await using var host = await App.ConnectAsync(await App.LoginHostAsync("HCM"));
        var head = App.Engine.View.Head;

        var result = await host.SendAsync(HubMethods.RequestFloor,
            new FloorAskRequest(CommandId.New(), null, null, speaker, "Bí thư Tỉnh đoàn", topic));

        Assert.Equal("input.control_characters", result.Error?.Code);
        Assert.Equal(head, App.Engine.View.Head);
    }

    [Fact]
    public async Task RequestFloor_WithADecomposedVietnameseName_IsStoredAsNfc()
    {
        await using var host = await App.ConnectAsync(await App.LoginHostAsync("HCM"));
        var nfc = "Nguyễn Thị Thúy Hằng";

        var result = await host.SendAsync(HubMethods.RequestFloor, new FloorAskRequest(CommandId.New(), null, null,
            nfc.Normalize(System.Text.NormalizationForm.FormD), null, "Chuyển đổi số"));

        Assert.True(result.Ok, result.Error?.ToString());
        Assert.Contains(App.Engine.View.State.SpeakerQueue.CurrentItem!.Queue,
            id => App.Engine.View.State.SpeakerQueue.Request(id)!.Speaker == nfc);
    }

    public static TheoryData<string, string?, int, string> BadCheckIns => new()
    {
        { "short", null, 10, "input.command_id" },
        { "has spaces in it", null, 10, "input.command_id" },
        { Guid.NewGuid().ToString("N"), "Lê Văn Bình", 0, "input.out_of_range" },
        { Guid.NewGuid().ToString("N"), "Lê Văn Bình", -3, "input.out_of_range" },
        { Guid.NewGuid().ToString("N"), "Lê Văn Bình", 1_000_000, "input.out_of_range" },
        { Guid.NewGuid().ToString("N"), "", 10, "input.required" },
        { Guid.NewGuid().ToString("N"), new string('x', 121), 10, "input.too_long" },
        { Guid.NewGuid().ToString("N"), "Lê\u0000Văn", 10, "input.control_characters" },
    };

    [Theory]
    [MemberData(nameof(BadCheckIns))]
    public async Task CheckIn_WithBadInput_ReturnsAStructuredErrorAndAddsNoEvent(string commandId, string? lead, int headcount, string code)
    {
        await using var host = await App.ConnectAsync(await App.LoginHostAsync("HCM"));
        var head = App.Engine.View.Head;

        var result = await host.SendAsync(HubMethods.CheckIn, new CheckInRequest(commandId, null, lead, headcount));

        Assert.False(result.Ok);
        Assert.Equal(code, result.Error?.Code);
        Assert.Equal(head, App.Engine.View.Head);
    }

    [Fact]
    public async Task UnknownSite_FromTheModerator_IsRefused()
    {
        await using var moderator = await App.ConnectAsync(await App.LoginModeratorAsync());
        var result = await moderator.SendAsync(HubMethods.CheckIn, new CheckInRequest(CommandId.New(), "HN", "Lê Văn Bình", 10));
        Assert.Equal("site.unknown", result.Error?.Code);
    }

    [Fact]
    public async Task RuleViolations_CheckOutBeforeCheckIn_AndCheckingInTwice_AreRefused()
    {
        await using var host = await App.ConnectAsync(await App.LoginHostAsync("HUE"));
        Assert.Equal("attendance.not_checked_in", (await host.SendAsync(HubMethods.CheckOut, new SiteRequest(CommandId.New(), null))).Error?.Code);
        Assert.True((await host.SendAsync(HubMethods.CheckIn, new CheckInRequest(CommandId.New(), null, "Lê Văn Bình", 10))).Ok);
        Assert.Equal("attendance.already_checked_in",
            (await host.SendAsync(HubMethods.CheckIn, new CheckInRequest(CommandId.New(), null, "Lê Văn Bình", 10))).Error?.Code);
    }

    [Fact]
    public async Task NullRequest_IsAStructuredError()
    {
        var login = await App.LoginHostAsync("HCM");
        await using var connection = await RawConnectionAsync(login.Token);
        var result = await connection.InvokeAsync<CommandResult>(HubMethods.CheckIn, (CheckInRequest?)null).WaitAsync(Timeouts.Call);
        Assert.Equal("input.required", result.Error?.Code);
    }

    [Fact]
    public async Task PayloadOverTheSizeLimit_ClosesTheConnectionWithAnError_AndAddsNoEvent()
    {
        var login = await App.LoginHostAsync("HCM");
        await using var connection = await RawConnectionAsync(login.Token);
        var closed = new TaskCompletionSource<Exception?>();
        connection.Closed += ex => { closed.TrySetResult(ex); return Task.CompletedTask; };
        var head = App.Engine.View.Head;

        _ = connection.InvokeAsync<CommandResult>(HubMethods.CheckIn, new CheckInRequest(CommandId.New(), null, new string('x', 40_000), 5));

        var error = await closed.Task.WaitAsync(Timeouts.Call);
        Assert.NotNull(error);
        Assert.Equal(head, App.Engine.View.Head);
    }

    [Fact]
    public async Task ErrorsFromQueryMethods_AreStructuredJsonInTheHubException()
    {
        var login = await App.LoginHostAsync("HCM");
        await using var connection = await RawConnectionAsync(login.Token);
        var ex = await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() =>
            connection.InvokeAsync<ResumeResult>(HubMethods.Resume, (ResumeRequest?)null).WaitAsync(Timeouts.Call));
        var json = JsonDocument.Parse(ex.Message[ex.Message.IndexOf('{')..]).RootElement;
        Assert.Equal("input.required", json.GetProperty("code").GetString());
    }
}
