using System.Net.Sockets;
using System.Text;

namespace HpcMaint.Adapters.Service;

/// <summary>
/// sd_notify(3) for a Type=notify unit: one datagram ("READY=1", "STOPPING=1", "STATUS=…") to the unix
/// socket systemd names in $NOTIFY_SOCKET ("@…" is the abstract namespace). Written here rather than
/// linked from libsystemd: the protocol is a single sendto of a few bytes, and the Native AOT executables
/// load nothing beyond libc. Not started by systemd (no $NOTIFY_SOCKET), it does nothing.
/// </summary>
public sealed class SystemdNotifier(string? socket)
{
    public static SystemdNotifier From(Func<string, string?> environment) => new(environment("NOTIFY_SOCKET"));

    public bool IsWatching => !string.IsNullOrEmpty(socket);

    /// <summary>Sends the state; null when sent (or nobody listens), else why not (the service carries on).</summary>
    public string? Notify(string state)
    {
        if (string.IsNullOrEmpty(socket))
        {
            return null;
        }

        if (socket[0] is not ('/' or '@'))
        {
            return $"$NOTIFY_SOCKET {socket}: neither a path nor an abstract socket (@name)";
        }

        try
        {
            using var sender = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
            var address = socket[0] == '@' ? "\0" + socket[1..] : socket;
            sender.SendTo(Encoding.UTF8.GetBytes(state), new UnixDomainSocketEndPoint(address));
            return null;
        }
        catch (SocketException e)
        {
            return $"cannot tell systemd {state} through {socket}: {e.Message}";
        }
    }
}
