using HpcMaint.Core.Trust;

namespace HpcMaint.Core.Tests.Trust;

public sealed class PathWalkerSpecs
{
    private static string[] Walked(PathWalk walk) => walk.Steps.Select(s => s.Entry.Path).ToArray();

    [Fact]
    public void A_plain_path_is_walked_from_the_root_through_every_directory_to_its_target()
    {
        var fs = new FakeFileSystem().Directory("/usr").Directory("/usr/bin").File("/usr/bin/scontrol");

        var walk = PathWalker.Walk("/usr/bin/scontrol", fs);

        Assert.Equal(["/", "/usr", "/usr/bin", "/usr/bin/scontrol"], Walked(walk));
        Assert.Equal(["/", "/usr", "/usr/bin"], walk.Steps.Skip(1).Select(s => s.Container!.Path));
        Assert.Null(walk.Problem);
    }

    [Fact]
    public void Links_are_followed_as_the_kernel_does_relative_to_their_directory_or_from_the_root()
    {
        // Debian 12: /bin -> usr/bin, and /usr/sbin/reboot -> /bin/systemctl.
        var fs = new FakeFileSystem().Directory("/usr").Directory("/usr/bin").Directory("/usr/sbin")
            .Link("/bin", "usr/bin").Link("/usr/sbin/reboot", "/bin/systemctl").File("/usr/bin/systemctl");

        var walk = PathWalker.Walk("/usr/sbin/reboot", fs);

        Assert.Equal(["/", "/usr", "/usr/sbin", "/usr/sbin/reboot", "/bin", "/usr", "/usr/bin", "/usr/bin/systemctl"], Walked(walk));
        Assert.Equal(EntryKind.File, walk.Final.Kind);
        Assert.Equal("/usr/bin", walk.Steps[^1].Container!.Path);
    }

    [Fact]
    public void A_final_link_is_the_target_itself_when_it_is_not_to_be_followed()
    {
        var fs = new FakeFileSystem().Directory("/var").Link("/var/audit.jsonl", "/etc/passwd").File("/etc/passwd");

        var walk = PathWalker.Walk("/var/audit.jsonl", fs, followFinalLink: false);

        Assert.Equal(EntryKind.Symlink, walk.Final.Kind);
        Assert.Equal("/var/audit.jsonl", walk.Final.Path);
    }

    [Fact]
    public void The_walk_stops_at_the_first_missing_entry()
    {
        var fs = new FakeFileSystem().Directory("/opt");

        var walk = PathWalker.Walk("/opt/site/bin/reimage", fs);

        Assert.Equal(["/", "/opt", "/opt/site"], Walked(walk));
        Assert.False(walk.Final.Exists);
        Assert.Null(walk.Problem);
    }

    [Fact]
    public void Dot_dot_goes_to_the_parent_of_the_real_directory_not_of_the_link()
    {
        var fs = new FakeFileSystem().Directory("/data").Directory("/data/real").Link("/short", "/data/real").File("/data/tool");

        var walk = PathWalker.Walk("/short/../tool", fs);

        Assert.Equal("/data/tool", walk.Final.Path);
        Assert.Equal(EntryKind.File, walk.Final.Kind);
    }

    [Fact]
    public void A_link_loop_and_a_file_used_as_a_directory_are_problems_not_hangs()
    {
        var fs = new FakeFileSystem().Link("/a", "/b").Link("/b", "/a").File("/etc");

        Assert.Equal("too many levels of symbolic links", PathWalker.Walk("/a/x", fs).Problem);
        Assert.Equal("/etc is not a directory", PathWalker.Walk("/etc/hpcmaint/hpcmaint.toml", fs).Problem);
    }
}
