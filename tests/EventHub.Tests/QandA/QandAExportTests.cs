using System.Net;
using System.Text;
using EventHub.Domain.Protocol;
using EventHub.Tests.Infrastructure;

namespace EventHub.Tests.QandA;

/// <summary>GET /api/export/questions.{csv,json}: moderator or reviewer; anonymous authors stay anonymous in the file.</summary>
public sealed class QandAExportTests : HubAppTest
{
    [Fact]
    public async Task Export_WithoutTokenOrAsHostOrDelegate_IsRefused()
    {
        var host = await App.LoginHostAsync("HCM");
        var lan = await App.LoginDelegateAsync("HCM", "Nguyễn Thị Lan");
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.GetAsync("/api/export/questions.csv", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await App.GetAsync("/api/export/questions.json", host.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await App.GetAsync("/api/export/questions.csv", lan.Token)).StatusCode);
    }

    [Fact]
    public async Task TheReviewersExport_ListsEveryQuestionWithItsSiteVotesAndAnsweringSpeech_ButNoAnonymousName()
    {
        await using var moderator = await App.ConnectAsync(await App.LoginModeratorAsync());
        Assert.True((await moderator.SendAsync(HubMethods.ConfigureQandA, new QandAOptionsRequest(CommandId.New(), true, true, false, ["Chuyển đổi số"], 5))).Ok);
        Assert.True((await moderator.SendAsync(HubMethods.OpenQandA, new QandAItemRequest(CommandId.New(), null))).Ok);
        await using var lan = await App.ConnectAsync(await App.LoginDelegateAsync("HCM", "Nguyễn Thị Lan"));
        await using var binh = await App.ConnectAsync(await App.LoginDelegateAsync("DNG", "Lê Văn Bình"));
        var named = new AskRequest(CommandId.New(), null, "proposal", "=Đề xuất số hóa hồ sơ", "chuyển đổi số", null, null, false);
        var hidden = new AskRequest(CommandId.New(), null, null, "Câu hỏi ẩn danh", null, null, null, true);
        Assert.True((await lan.SendAsync(HubMethods.AskQuestion, named)).Ok);
        Assert.True((await binh.SendAsync(HubMethods.AskQuestion, hidden)).Ok);
        Assert.True((await moderator.SendAsync(HubMethods.PublishQuestion, new QuestionRequest(CommandId.New(), named.CommandId))).Ok);
        Assert.True((await binh.SendAsync(HubMethods.VoteQuestion, new QuestionRequest(CommandId.New(), named.CommandId))).Ok);
        Assert.True((await moderator.SendAsync(HubMethods.MarkAnswered, new AnswerQuestionRequest(CommandId.New(), named.CommandId, "seed-opening-1"))).Ok);

        var reviewer = await App.LoginReviewerAsync();
        var bytes = await (await App.GetAsync("/api/export/questions.csv", reviewer.Token)).Content.ReadAsByteArrayAsync();
        var sites = await (await App.GetAsync("/api/export/questions.csv?by=site", reviewer.Token)).Content.ReadAsStringAsync();
        var json = await (await App.GetAsync("/api/export/questions.json", reviewer.Token)).Content.ReadAsStringAsync();

        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var csv = Encoding.UTF8.GetString(bytes[3..]);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Id,Kind,Site,SiteName,Topic,", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.Contains($"{named.CommandId},proposal,HCM,TP. Hồ Chí Minh,Chuyển đổi số,", csv);
        Assert.Contains("Nguyễn Thị Lan,no,1,answered,", csv);
        Assert.Contains("seed-opening-1,Ngô Văn Cương,\"'=Đề xuất số hóa hồ sơ\"", csv); // a formula stays text in Excel
        Assert.Contains($"{hidden.CommandId},question,DNG,", csv);
        Assert.DoesNotContain("Lê Văn Bình", csv);
        Assert.DoesNotContain("Lê Văn Bình", json);
        Assert.Contains("HCM,TP. Hồ Chí Minh,0,1,1,1", sites);
        Assert.Contains("\"answeringSpeaker\":\"Ngô Văn Cương\"", json);
    }
}
