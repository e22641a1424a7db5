using EventHub.Domain.Attendance;
using EventHub.Domain.Protocol;

namespace EventHub.Hubs;

// Attendance: check-in history, delegates, roll call. Who may call what is decided by the domain's Permissions;
// docs/protocol.md (section 7) documents every method.
public sealed partial class ForumHub
{
    public Task<CommandResult> CheckIn(CheckInRequest request) =>
        Execute(request, r => new CheckIn(SiteOf(r.Site), r.Lead ?? "", r.Headcount));

    public Task<CommandResult> UpdateHeadcount(HeadcountRequest request) =>
        Execute(request, r => new UpdateHeadcount(SiteOf(r.Site), r.Headcount));

    public Task<CommandResult> CheckOut(SiteRequest request) =>
        Execute(request, r => new CheckOut(SiteOf(r.Site)));

    public Task<CommandResult> RemoveDelegate(DelegateRequest request) =>
        Execute(request, r => new RemoveDelegate(r.DelegateId ?? ""));

    public Task<CommandResult> ReadmitDelegate(DelegateRequest request) =>
        Execute(request, r => new ReadmitDelegate(r.DelegateId ?? ""));

    public Task<CommandResult> ConfirmAwardee(DelegateRequest request) =>
        Execute(request, r => new ConfirmAwardee(r.DelegateId ?? ""));

    /// <summary>The roll call's id defaults to the command id, so a resent start is the same roll call.</summary>
    public Task<CommandResult> StartRollCall(StartRollCallRequest request) =>
        Execute(request, r => new StartRollCall(r.RollCallId ?? r.CommandId, r.DeadlineSeconds));

    public Task<CommandResult> ConfirmRollCall(RollCallRequest request) =>
        Execute(request, r => new ConfirmRollCall(SiteOf(r.Site), RollCallOf(r.RollCallId)));

    public Task<CommandResult> CloseRollCall(RollCallRequest request) =>
        Execute(request, r => new CloseRollCall(RollCallOf(r.RollCallId)));

    /// <summary>Left out, the roll call meant is the one not yet closed ("" when none is: input.required).</summary>
    string RollCallOf(string? id) => id ?? engine.View.State.Attendance.UnclosedRollCall?.Id ?? "";
}
