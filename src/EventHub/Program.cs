using EventHub.Attendance;
using EventHub.Auth;
using EventHub.Forum;
using EventHub.ForumReport;
using EventHub.Hubs;
using EventHub.Operations;
using EventHub.Presence;
using EventHub.Security;
using EventHub.QandA;
using EventHub.SpeakerQueue;

var builder = WebApplication.CreateBuilder(args);
builder.AddForum();
builder.AddForumAuth();
builder.AddForumHub();
builder.AddAttendance();
builder.AddPresence();
builder.AddForumReport();
builder.AddHubMetrics();
builder.AddSecurity();
builder.AddOperations();

var app = builder.Build();
app.UseClientAddresses();
app.UseAuthentication();
app.UseAuthorization();
app.MapTokenEndpoint();
app.MapForumHub();
app.MapAttendanceReports();
app.MapSpeakerExports();
app.MapForumReport();
app.MapQandAExports();
app.MapOperations();
app.MapHubMetrics();
app.PrintWhenStarted();
return await app.RunOrExplainAsync();

public partial class Program;
