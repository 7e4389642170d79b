namespace HpcMaint.Adapters.Cloud.OpenStack;

/// <summary>Nova accepted an action (202): the request id to quote to the cloud's operators.</summary>
public sealed record ServerActionAccepted(string ServerId, string Action, string? RequestId, string Note = "");
