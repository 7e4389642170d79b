using HpcMaint.Adapters.Hosting;
using HpcMaint.Adapters.Processes;
using HpcMaint.Cli;

// Composition root of `hpcmaint`: the only place that touches the real clock, environment and console.
StandardStreams.FillClosed();
ChildStatusGuard.KeepChildStatuses();
using var signals = new StopSignals();
return await CliApplication.RunAsync(args, CliEnvironment.System, signals.Token).ConfigureAwait(false);
