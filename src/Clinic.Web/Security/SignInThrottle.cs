using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Clinic.Web.Security;

/// <summary>
/// Settings <c>Clinic:SignInLimits</c>: how many sign-in attempts (posts of the sign-in form) the app
/// passes on to the database per minute, per client address and per username. 0 turns a limit off.
/// </summary>
public sealed class SignInLimitOptions
{
    public const string Section = "Clinic:SignInLimits";

    /// <summary>Attempts per minute from one client address (the real client behind a trusted proxy).</summary>
    public int PerAddressPerMinute { get; set; } = 20;

    /// <summary>Attempts per minute for one username (trimmed, lower case), from any address.</summary>
    public int PerUsernamePerMinute { get; set; } = 10;
}

/// <summary>
/// The web app's rate limit on sign-in attempts, in front of the database's own throttling (doubling
/// blocks per username and computer, account locks): an attempt over a limit is refused here and never
/// reaches the database. Fixed one-minute windows from System.Threading.RateLimiting, partitioned by
/// client address and by username. The address is checked first: an attempt refused for its address
/// uses no permit of its username. (Anyone may use up a username's permits for a minute; the
/// username limit bounds guessing spread over many addresses, the address limit one machine.)
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    public const string RefusedMessage = "Too many sign-in attempts. Please wait a minute and try again.";

    private readonly PartitionedRateLimiter<Attempt> _limiter;

    public SignInThrottle(IOptions<SignInLimitOptions> options)
    {
        var limits = options.Value;
        var byAddress = PartitionedRateLimiter.Create<Attempt, string>(attempt =>
            Partition(attempt.Address, limits.PerAddressPerMinute));
        var byUsername = PartitionedRateLimiter.Create<Attempt, string>(attempt =>
            attempt.Username.Length == 0
                ? RateLimitPartition.GetNoLimiter("")   // an empty form never reaches the database
                : Partition(attempt.Username, limits.PerUsernamePerMinute));
        _limiter = PartitionedRateLimiter.CreateChained(byAddress, byUsername);
    }

    /// <summary>
    /// Takes one permit for an attempt from <paramref name="clientAddress"/> with <paramref name="username"/>;
    /// false when either limit is used up for this minute.
    /// </summary>
    public bool TryAcquire(IPAddress? clientAddress, string? username)
    {
        using var lease = _limiter.AttemptAcquire(new Attempt(AddressKey(clientAddress), UsernameKey(username)));
        return lease.IsAcquired;
    }

    /// <summary>The partition of a username: trimmed and lower case, as the database compares usernames.</summary>
    public static string UsernameKey(string? username) => (username ?? "").Trim().ToLowerInvariant();

    /// <summary>
    /// The partition of a client address: an IPv4 address as it is (also in its IPv4-mapped IPv6 form),
    /// an IPv6 address by its /64 network, which one machine or home usually holds whole.
    /// </summary>
    public static string AddressKey(IPAddress? address)
    {
        if (address is null)
            return "unknown";
        if (address.IsIPv4MappedToIPv6)
            return address.MapToIPv4().ToString();
        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6 || IPAddress.IsLoopback(address))
            return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private static RateLimitPartition<string> Partition(string key, int perMinute) =>
        perMinute <= 0
            ? RateLimitPartition.GetNoLimiter(key)
            : RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = perMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            });

    public void Dispose() => _limiter.Dispose();

    private readonly record struct Attempt(string Address, string Username);
}
