namespace HpcMaint.Core.Trust;

/// <summary>What hpcmaint does with a path, which decides what makes it trustworthy.</summary>
public enum PathUse
{
    /// <summary>hpcmaint.toml: whoever can change it chooses what runs as root.</summary>
    ConfigFile,

    /// <summary>A program hpcmaint starts (argv[0]); missing is no problem of trust (it fails when run).</summary>
    Program,

    /// <summary>A file with credentials (clouds.yaml): also not readable by group or others when it holds one.</summary>
    Secret,

    /// <summary>A private key hpcmaint signs with (an OCI API key): like a secret, and never readable by group or others, as ssh wants its keys.</summary>
    PrivateKey,

    /// <summary>A file read to decide an action (the server map): like the config.</summary>
    InputFile,

    /// <summary>A file hpcmaint writes and reads back (journal, state): a real file, never a link.</summary>
    StateFile,

    /// <summary>A directory hpcmaint keeps state in, possibly shared with SlurmUser: not writable by group or others.</summary>
    StateDirectory,

    /// <summary>A directory whose files hpcmaint writes, reads back and acts on: also owned by root or the running user.</summary>
    PrivateDirectory,
}
