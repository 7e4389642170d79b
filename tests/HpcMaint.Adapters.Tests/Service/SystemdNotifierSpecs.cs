using System.Net.Sockets;
using System.Text;
using HpcMaint.Adapters.Service;

namespace HpcMaint.Adapters.Tests.Service;

/// <summary>sd_notify as systemd receives it: one datagram per state on $NOTIFY_SOCKET, a path or an abstract name.</summary>
public sealed class SystemdNotifierSpecs : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("hpcmaint-notify-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void Each_state_arrives_as_one_datagram_on_a_socket_path()
    {
        var path = Path.Combine(directory, "notify");
        using var systemd = Listen(path);

        var notifier = new SystemdNotifier(path);

        Assert.Null(notifier.Notify("READY=1"));
        Assert.Null(notifier.Notify("STOPPING=1"));
        Assert.Equal(["READY=1", "STOPPING=1"], [Receive(systemd), Receive(systemd)]);
    }

    [Fact]
    public void An_abstract_socket_is_written_with_an_at_sign()
    {
        var name = "hpcmaint-notify-" + Guid.NewGuid().ToString("N");
        using var systemd = Listen("\0" + name);

        Assert.Null(new SystemdNotifier("@" + name).Notify("READY=1"));
        Assert.Equal("READY=1", Receive(systemd));
    }

    [Fact]
    public void Without_NOTIFY_SOCKET_it_sends_nothing_and_a_dead_socket_is_a_problem_not_a_crash()
    {
        Assert.False(SystemdNotifier.From(_ => null).IsWatching);
        Assert.Null(SystemdNotifier.From(_ => null).Notify("READY=1"));
        Assert.Contains("cannot tell systemd READY=1", new SystemdNotifier(Path.Combine(directory, "nobody")).Notify("READY=1"), StringComparison.Ordinal);
        Assert.Contains("neither a path nor an abstract socket", new SystemdNotifier("relative").Notify("READY=1"), StringComparison.Ordinal);
    }

    private static Socket Listen(string address)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified) { ReceiveTimeout = 10_000 };
        socket.Bind(new UnixDomainSocketEndPoint(address));
        return socket;
    }

    private static string Receive(Socket socket)
    {
        var buffer = new byte[256];
        return Encoding.UTF8.GetString(buffer, 0, socket.Receive(buffer));
    }
}
