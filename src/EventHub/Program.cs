using EventHub.Attendance;
using EventHub.Auth;
using EventHub.Forum;
using EventHub.Hubs;
using EventHub.Operations;
using EventHub.Presence;
using EventHub.SpeakerQueue;
using EventHub.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddForum();
builder.AddForumAuth();
builder.AddForumHub();
builder.AddAttendance();
builder.AddPresence();
builder.AddHubMetrics();
builder.AddOperations();
builder.AddWebPages();

var app = builder.Build();
app.UseWebPages();
app.UseAuthentication();
app.UseAuthorization();
app.MapTokenEndpoint();
app.MapForumHub();
app.MapAttendanceReports();
app.MapSpeakerExports();
app.MapOperations();
app.MapWebPages();
app.MapHubMetrics();
app.PrintWhenStarted();
return await app.RunOrExplainAsync();

public partial class Program;
