using HpcMaint.Cli;

// Composition root of `hpcmaint`: the only place that touches the real clock, environment and console.
return await CliApplication.RunAsync(args, CliEnvironment.System).ConfigureAwait(false);
