using HpcMaint.Adapters.Processes;
using HpcMaint.Adapters.Slurm.Parsing;
using HpcMaint.Core.Slurm;

namespace HpcMaint.Adapters.Slurm;

/// <summary>
/// Reads and changes cluster state through Slurm's own commands. One command per read, whatever the
/// node count: sinfo/squeue --json ignore filters in 22.05, so results are filtered by the caller.
/// </summary>
public sealed class SlurmClient(SlurmCommands commands, ICommandRunner runner) : ISlurmReader, ISlurmNodeStates, ISlurmNodeRecords, ISlurmJobs, ISlurmReservations, ISlurmTopology
{
    /// <summary>Set once sinfo --json has shown it groups nodes (23.02+), so later reads skip it.</summary>
    private volatile bool sinfoGroupsNodes;

    public SlurmCommands Commands { get; } = commands;

    public async Task<SlurmResult<IReadOnlyList<Node>>> GetNodesAsync(CancellationToken ct = default)
    {
        if (!sinfoGroupsNodes)
        {
            var sinfo = Parse(await ReadAsync(Commands.ShowNodes(), ct).ConfigureAwait(false), SinfoJsonParser.TryParseNodes);
            if (!sinfo.IsSuccess || sinfo.Value is not null)
            {
                return sinfo!;
            }

            sinfoGroupsNodes = true;
        }

        // From 23.02 sinfo --json groups nodes; scontrol show node --json (new then) has the per-node list.
        return Parse(await ReadAsync(Commands.ShowNodesOfSlurm23(), ct).ConfigureAwait(false), SinfoJsonParser.ParseNodes);
    }

    public async Task<SlurmResult<Node>> GetNodeAsync(string name, CancellationToken ct = default) =>
        Parse(await ReadAsync(Commands.ShowNode(name), ct).ConfigureAwait(false), ScontrolNodeParser.Parse);

    public async Task<SlurmResult<IReadOnlyList<Partition>>> GetPartitionsAsync(CancellationToken ct = default) =>
        Parse(await ReadAsync(Commands.ShowPartitions(), ct).ConfigureAwait(false), ScontrolPartitionParser.Parse);

    public async Task<SlurmResult<IReadOnlyList<Job>>> GetJobsAsync(CancellationToken ct = default) =>
        Parse(await ReadAsync(Commands.ShowJobs(), ct).ConfigureAwait(false), SqueueJsonParser.ParseJobs);

    public async Task<SlurmResult<IReadOnlyList<Reservation>>> GetReservationsAsync(CancellationToken ct = default) =>
        Parse(await ReadAsync(Commands.ShowReservations(), ct).ConfigureAwait(false), ScontrolReservationParser.Parse);

    /// <summary>With no topology plugin scontrol exits 0, prints nothing and "No topology information available" on stderr: an empty topology.</summary>
    public async Task<SlurmResult<Topology>> GetTopologyAsync(CancellationToken ct = default) =>
        Parse(await ReadAsync(Commands.ShowTopology(), ct).ConfigureAwait(false), text => TopologyParser.Parse("scontrol show topology", text));

    public async Task<SlurmResult<SlurmVersion>> GetVersionAsync(CancellationToken ct = default)
    {
        var text = await ReadAsync(Commands.Version(), ct).ConfigureAwait(false);
        if (!text.IsSuccess)
        {
            return text.FailureAs<SlurmVersion>();
        }

        return SlurmVersion.TryParse(text.Value, out var version)
            ? SlurmResult<SlurmVersion>.Success(version, text.Command)
            : SlurmResult<SlurmVersion>.Failure($"cannot read the Slurm version from '{text.Value.Trim()}'", text.Command);
    }

    public async Task<SlurmResult<string>> GetSlurmUserAsync(CancellationToken ct = default)
    {
        var text = await ReadAsync(Commands.ShowConfig(), ct).ConfigureAwait(false);
        if (!text.IsSuccess)
        {
            return text;
        }

        return ScontrolConfigParser.SlurmUser(text.Value) is { } user
            ? SlurmResult<string>.Success(user, text.Command)
            : SlurmResult<string>.Failure("scontrol show config names no SlurmUser", text.Command);
    }

    public async Task<SlurmResult<string>> GetPreemptTypeAsync(CancellationToken ct = default)
    {
        var text = await ReadAsync(Commands.ShowConfig(), ct).ConfigureAwait(false);
        return text.IsSuccess
            ? SlurmResult<string>.Success(ScontrolConfigParser.PreemptType(text.Value) ?? "preempt/none", text.Command)
            : text;
    }

    public Task<SlurmResult<string>> DrainAsync(IEnumerable<string> nodes, string reason, CancellationToken ct = default) =>
        ReadAsync(Commands.Drain(nodes, reason), ct);

    public Task<SlurmResult<string>> ResumeAsync(IEnumerable<string> nodes, CancellationToken ct = default) =>
        ReadAsync(Commands.Resume(nodes), ct);

    public Task<SlurmResult<string>> RebootAsync(IEnumerable<string> nodes, RebootRequest request, CancellationToken ct = default) =>
        ReadAsync(Commands.Reboot(nodes, request), ct);

    public Task<SlurmResult<string>> SetCommentAsync(string node, string comment, CancellationToken ct = default) =>
        ReadAsync(Commands.SetComment(node, comment), ct);

    public Task<SlurmResult<string>> SetExtraAsync(string node, string extra, CancellationToken ct = default) =>
        ReadAsync(Commands.SetExtra(node, extra), ct);

    public Task<SlurmResult<string>> CreateReservationAsync(ReservationRequest request, CancellationToken ct = default) =>
        ReadAsync(Commands.CreateReservation(request), ct);

    public Task<SlurmResult<string>> UpdateReservationAsync(string name, IReadOnlyDictionary<string, string> changes, CancellationToken ct = default) =>
        ReadAsync(Commands.UpdateReservation(name, changes), ct);

    public Task<SlurmResult<string>> DeleteReservationAsync(string name, CancellationToken ct = default) =>
        ReadAsync(Commands.DeleteReservation(name), ct);

    public async Task<SlurmResult<long>> SubmitAsync(BatchJobRequest job, CancellationToken ct = default)
    {
        var output = await ReadAsync(Commands.Submit(job), ct).ConfigureAwait(false);
        if (!output.IsSuccess)
        {
            return output.FailureAs<long>();
        }

        // --parsable prints "jobid" or "jobid;cluster".
        var first = output.Value.Trim().Split(';')[0];
        return long.TryParse(first, System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? SlurmResult<long>.Success(id, output.Command)
            : SlurmResult<long>.Failure($"sbatch printed no job id: '{output.Value.Trim()}'", output.Command);
    }

    public Task<SlurmResult<string>> CancelJobAsync(long jobId, CancellationToken ct = default) =>
        ReadAsync(Commands.Cancel(jobId), ct);

    public Task<SlurmResult<string>> RequeueJobAsync(long jobId, CancellationToken ct = default) =>
        ReadAsync(Commands.Requeue(jobId), ct);

    private async Task<SlurmResult<string>> ReadAsync(Command command, CancellationToken ct)
    {
        var result = await runner.RunAsync(command, ct).ConfigureAwait(false);
        return SlurmErrors.Classify(result);
    }

    private static SlurmResult<T> Parse<T>(SlurmResult<string> output, Func<string, T> parse)
    {
        if (!output.IsSuccess)
        {
            return output.FailureAs<T>();
        }

        try
        {
            return SlurmResult<T>.Success(parse(output.Value), output.Command);
        }
        catch (SlurmParseException e) when (e.ControllerUnreachable)
        {
            return SlurmResult<T>.Unreachable(e.Problem, output.Command);
        }
        catch (Exception e) when (e is SlurmParseException or System.Text.Json.JsonException or FormatException)
        {
            return SlurmResult<T>.Failure(e.Message, output.Command);
        }
    }
}
